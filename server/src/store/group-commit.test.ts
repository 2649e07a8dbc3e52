import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openEmbeddedStore } from './embedded/store.ts';
import type { StoredDocument } from './port.ts';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function open() {
  const dir = await mkdtemp(join(tmpdir(), 'baton-group-'));
  tempDirs.push(dir);
  const store = await openEmbeddedStore({ dir, logger: { info: () => {}, warn: () => {} } });
  return { dir, store };
}

function journalText(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.startsWith('journal-'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
}

type Doc = StoredDocument & { n?: number };

describe('embedded store: group commit', () => {
  it('journals the writes of one turn in one append, and acknowledges each only once it is written', async () => {
    const { dir, store } = await open();
    const docs = store.collection<Doc>('docs');
    const persistence = (store as unknown as { persistence: { append: (t: string, r: number) => void } })
      .persistence;
    const append = vi.spyOn(persistence, 'append');
    const acknowledged: string[] = [];
    const writes = Array.from({ length: 100 }, (_, i) =>
      docs.insertOne({ _id: `d${i}`, n: i }).then(() => {
        // The acknowledgement comes after the bytes: the journal already holds this document.
        expect(journalText(dir)).toContain(`"_id":"d${i}"`);
        acknowledged.push(`d${i}`);
      }),
    );
    expect(acknowledged).toEqual([]);
    expect(await docs.countDocuments({})).toBe(100); // visible at once, acknowledged after the flush
    await Promise.all(writes);
    expect(append).toHaveBeenCalledTimes(1);
    expect(acknowledged).toHaveLength(100);
    await store.close();
  });

  it('a sequence of awaited writes still reads its own writes in order', async () => {
    const { store } = await open();
    const counters = store.collection<Doc>('counters');
    for (let i = 0; i < 20; i++) await counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } }, { upsert: true });
    expect(await counters.findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 20 });
    await store.close();
  });

  it('a failed flush undoes the whole group and rejects every write in it', async () => {
    const { dir, store } = await open();
    const docs = store.collection<Doc>('docs');
    await docs.insertOne({ _id: 'kept', n: 1 });
    symlinkSync('/dev/full', join(dir, 'journal-2.jsonl')); // every write to the next journal fails
    await store.compact();
    const results = await Promise.allSettled([
      docs.updateOne({ _id: 'kept' }, { $set: { n: 2 } }),
      docs.insertOne({ _id: 'lost' }),
      docs.findOneAndUpdate({ _id: 'kept' }, { $inc: { n: 10 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await docs.find({})).toEqual([{ _id: 'kept', n: 1 }]);
    await store.close();
  });
});
