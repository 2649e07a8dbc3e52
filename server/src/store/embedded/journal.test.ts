import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalWriter } from './journal.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function journal(): Promise<JournalWriter> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-journal-'));
  dirs.push(dir);
  return new JournalWriter(join(dir, 'journal-1.jsonl'), 1, 'interval', () => {});
}

describe('journal writer', () => {
  it('writes exactly the bytes of each append, whatever their size and characters, and counts them', async () => {
    const writer = await journal();
    // Small, bigger than the reused buffer, a bulk-import size that gets a buffer of its own, then
    // small again (the buffer now holds the big group's leftovers past the new text's end).
    const groups = [
      ['{"a":"é"}\n'],
      Array.from({ length: 20_000 }, (_, i) => `{"b":"€😀x${i}"}\n`),
      Array.from({ length: 600_000 }, (_, i) => `{"c":"ü${i}"}\n`),
      ['{"d":1}\n', '{"d":2}\n'],
      Array.from({ length: 3 }, () => '{"e":"😀"}\n'),
    ];
    for (const lines of groups) writer.append(lines, lines.length);
    writer.close();
    const bytes = readFileSync(writer.path);
    expect(bytes.toString('utf8')).toBe(groups.flat().join(''));
    expect(writer.size).toBe(bytes.length);
    expect(writer.records).toBe(groups.flat().length);
  });
});
