import { spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BulkWriteResult, MongoBulkWriteError, MongoServerError } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from './contract.ts';
import { candidates } from './embedded/planner.ts';
import { type EmbeddedStore, type EmbeddedStoreOptions, openEmbeddedStore } from './embedded/store.ts';
import { Table } from './embedded/table.ts';
import { openStore } from './index.ts';
import { toDuplicateKeyError, toStoreError } from './mongodb/errors.ts';
import { openMongoStore } from './mongodb/store.ts';
import { describeUri, redactCredentials } from './mongodb/uri.ts';
import { DuplicateKeyError, type Store, type StoredDocument, StoreQueryError } from './port.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');
const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-store-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (m: string) => warnings.push(m), info: () => {} } };
}

async function openIn(dir: string, options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
  return openEmbeddedStore({ dir, logger: recordingLogger().logger, ...options });
}

/** The data directory as a kill -9 at this instant would leave it (minus the lock of this live process). */
async function crashImage(dir: string): Promise<string> {
  const image = await tempDir();
  for (const name of readdirSync(dir)) if (name !== 'store.lock') cpSync(join(dir, name), join(image, name));
  return image;
}

type Doc = StoredDocument & Record<string, unknown>;

async function dump(store: Store, names: string[]): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const name of names) out[name] = await store.collection<Doc>(name).find({}, { sort: { _id: 1 } });
  return out;
}

const journals = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('journal-'));
/** Complete snapshots: a compaction in progress also has its `snapshot-<gen>.jsonl.tmp` there. */
const snapshots = (dir: string) =>
  readdirSync(dir).filter((f) => f.startsWith('snapshot-') && f.endsWith('.jsonl'));

describeStoreContract('embedded', async () => openIn(await tempDir()));

const mongoUri = process.env.MONGODB_URI;
if (mongoUri) {
  describeStoreContract('mongodb', async () => {
    const store = await openMongoStore({
      uri: mongoUri,
      dbName: `baton_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
      serverSelectionTimeoutMS: 5000,
    });
    // The wrapper drops this run's database before closing.
    return {
      kind: store.kind,
      collection: (name) => store.collection(name),
      ping: () => store.ping(),
      close: async () => {
        await store.db.dropDatabase();
        await store.close();
      },
    } satisfies Store;
  });
} else {
  // Visible in every run's report, so nobody mistakes "not run" for "passed".
  describe.skip('store contract: mongodb — skipped: set MONGODB_URI to run it against a MongoDB server', () => {
    it('runs the whole store contract against MongoDB', () => {});
  });
}

describe('embedded store: durability', () => {
  it('keeps every acknowledged write across a real SIGKILL (compactions included)', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'testing/sigkill-writer.ts'), dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: string[] = [];
    let lastCount = 0;
    let buffered = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop()!; // a partial line was not fully reported: ignore it
        for (const line of lines) {
          const [kind, value] = line.split(' ');
          if (kind === 'put') acknowledged.push(value!);
          if (kind === 'count') lastCount = Number(value);
        }
        if (acknowledged.length >= 1500) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(1500);
    expect(snapshots(dir).length).toBeGreaterThan(0); // compactions did run

    const { logger } = recordingLogger();
    const store = await openEmbeddedStore({ dir, logger }); // also proves the dead child's lock is taken over
    const docs = store.collection<Doc>('docs');
    const present = new Set((await docs.find({}, { projection: { _id: 1 } })).map((d) => d._id));
    const missing = acknowledged.filter((id) => !present.has(id));
    expect(missing).toEqual([]);
    const counter = await store.collection<Doc>('counters').findOne({ _id: 'c' });
    expect(counter?.n).toBeGreaterThanOrEqual(lastCount);
    expect(await docs.findOne({ _id: 'doc-3' })).toMatchObject({ i: 3, updated: true });
    await store.close();
  }, 60_000);

  it('recovers from a torn last journal line (crash mid-write) by cutting it off, with a warning', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    const c = store.collection<Doc>('c');
    await c.insertMany([{ _id: 'a' }, { _id: 'b' }]);
    await c.updateOne({ _id: 'a' }, { $set: { v: 1 } });
    const image = await crashImage(dir);
    await store.close();

    const journal = join(image, journals(image)[0]!);
    const goodSize = statSync(journal).size;
    appendFileSync(journal, '{"op":"put","c":"c","doc":{"_id":"torn","v":');
    const { warnings, logger } = recordingLogger();
    const reopened = await openEmbeddedStore({ dir: image, logger });
    expect(await dump(reopened, ['c'])).toEqual({ c: [{ _id: 'a', v: 1 }, { _id: 'b' }] });
    expect(warnings.join('\n')).toMatch(/torn last line 4 \(unterminated\)/);
    expect(statSync(journal).size).toBe(goodSize);
    await reopened.collection<Doc>('c').insertOne({ _id: 'after' }); // appends cleanly after the cut
    await reopened.close();
    const again = await openIn(image);
    expect(await again.collection('c').countDocuments()).toBe(3);
    await again.close();
  });

  it('also cuts off an unparseable (but terminated) last line', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    await store.collection<Doc>('c').insertOne({ _id: 'a' });
    const image = await crashImage(dir);
    await store.close();
    appendFileSync(join(image, journals(image)[0]!), '\u0000\u0000garbage\n');
    const { warnings, logger } = recordingLogger();
    const reopened = await openEmbeddedStore({ dir: image, logger });
    expect(await reopened.collection('c').countDocuments()).toBe(1);
    expect(warnings.join('\n')).toMatch(/torn last line 2 \(unparseable\)/);
    await reopened.close();
  });

  it('refuses to open when a line before the last is corrupt, naming the file and line', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    const c = store.collection<Doc>('c');
    for (const _id of ['a', 'b', 'c']) await c.insertOne({ _id });
    const image = await crashImage(dir);
    await store.close();
    const journal = join(image, journals(image)[0]!);
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[1] = '{"op":"put","c":"c","doc":{"_id":"b"'; // damaged in the middle
    writeFileSync(journal, lines.join('\n'));
    const attempt = openIn(image);
    await expect(attempt).rejects.toThrow(/journal-1\.jsonl line 2 is corrupt/);
    expect(existsSync(join(image, 'store.lock'))).toBe(false); // the failed open released its lock
    expect(readFileSync(journal, 'utf8')).toBe(lines.join('\n')); // and changed nothing
  });

  it('refuses a truncated snapshot', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    await store.collection<Doc>('c').insertMany([{ _id: 'a' }, { _id: 'b' }]);
    await store.close(); // compacts
    const snapshot = join(dir, snapshots(dir)[0]!);
    const text = readFileSync(snapshot, 'utf8');
    writeFileSync(snapshot, text.slice(0, text.lastIndexOf('{"end"')));
    await expect(openIn(dir)).rejects.toThrow(/no end marker/);
  });

  it('does not journal refused writes', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    const c = store.collection<Doc>('c');
    await c.createIndex({ keys: { k: 1 }, unique: true });
    await c.insertOne({ _id: 'a', k: 1 });
    await expect(c.insertOne({ _id: 'b', k: 1 })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(c.updateOne({ _id: 'a' }, { $inc: { k: 'x' } } as never)).rejects.toBeInstanceOf(
      StoreQueryError,
    );
    const image = await crashImage(dir);
    await store.close();
    expect(
      readFileSync(join(image, journals(image)[0]!), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('a failed journal write is undone in memory, and the store then refuses writes', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    const c = store.collection<Doc>('c');
    await c.insertOne({ _id: 'kept', n: 1 });
    // The next journal generation is a device where every write fails with ENOSPC (and cannot be truncated).
    symlinkSync('/dev/full', join(dir, 'journal-2.jsonl'));
    await store.compact();
    await expect(c.updateOne({ _id: 'kept' }, { $set: { n: 2 } })).rejects.toThrow(/ENOSPC|no space/i);
    await expect(c.insertOne({ _id: 'lost' })).rejects.toThrow(/restart to recover/);
    expect(await c.find({})).toEqual([{ _id: 'kept', n: 1 }]);
    await expect(store.ping()).rejects.toThrow(/restart to recover/);
    await store.close();
  });

  it('fsync "always" works end to end', async () => {
    const dir = await tempDir();
    const store = await openIn(dir, { fsync: 'always' });
    await store.collection<Doc>('c').insertOne({ _id: 'a', n: 1 });
    const image = await crashImage(dir);
    await store.close();
    const reopened = await openIn(image);
    expect(await reopened.collection<Doc>('c').findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
    await reopened.close();
  });
});

describe('embedded store: compaction', () => {
  /** A random mix of writes over a few collections, so replay and snapshots see every record kind. */
  async function churn(store: Store, rounds: number, seed: number): Promise<void> {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let i = 0; i < rounds; i++) {
      const c = store.collection<Doc>(random() < 0.5 ? 'a' : 'b');
      const _id = `d${Math.floor(random() * 40)}`;
      const roll = random();
      if (roll < 0.35)
        await c.updateOne(
          { _id },
          { $inc: { n: 1 }, $push: { log: { $each: [i], $slice: -3 } } },
          { upsert: true },
        );
      else if (roll < 0.5) await c.deleteOne({ _id });
      else if (roll < 0.6) await c.updateMany({ n: { $gt: 2 } }, { $set: { big: true } });
      else if (roll < 0.65) await c.deleteMany({ n: { $lt: 2 } });
      else await c.findOneAndUpdate({ _id }, { $set: { at: `t${i}` } }, { upsert: true });
    }
  }

  it('compacts on its own past the threshold and reloads the same data', async () => {
    const dir = await tempDir();
    const store = await openIn(dir, { compactMinBytes: 4096 });
    await churn(store, 2000, 7);
    // The compaction runs in the background: wait for its snapshot (a loaded machine takes longer).
    for (
      let waited = 0;
      waited < 10_000 && (snapshots(dir).length !== 1 || readdirSync(dir).some((f) => f.endsWith('.tmp')));
      waited += 20
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await dump(store, ['a', 'b']);
    // One complete snapshot: the old one is removed as the new one is installed (a loaded machine
    // may start another compaction meanwhile; its temporary file is not a snapshot yet).
    expect(snapshots(dir).length).toBe(1);
    const image = await crashImage(dir);
    await store.close();
    expect(journals(dir)).toHaveLength(1);
    expect(statSync(join(dir, journals(dir)[0]!)).size).toBe(0);

    for (const from of [dir, image]) {
      const reopened = await openIn(from);
      expect(await dump(reopened, ['a', 'b'])).toEqual(before);
      await reopened.close();
    }
  });

  it('snapshots documents of every size, longer than its write buffer included, character for character', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    const docs = store.collection<Doc>('sizes');
    // Past the 2 MiB write buffer (in characters and, with three bytes each, in UTF-8), and many
    // small ones around them so buffer boundaries fall mid-stream.
    const sizes = [0, 1, 5_000, 700_000, 1_100_000, 3_000_000, 10];
    for (const [i, size] of sizes.entries()) {
      for (let k = 0; k < 300; k++) await docs.insertOne({ _id: `small-${i}-${k}`, text: `é${k}😀` });
      await docs.insertOne({ _id: `big-${i}`, text: '€'.repeat(size), size });
    }
    const before = await dump(store, ['sizes']);
    await store.compact();
    await store.close();
    const reopened = await openIn(dir);
    expect(await dump(reopened, ['sizes'])).toEqual(before);
    await reopened.close();
  });

  it('keeps natural order and indexes working after a reload', async () => {
    const dir = await tempDir();
    const store = await openIn(dir);
    const c = store.collection<Doc>('c');
    for (const _id of ['m', 'z', 'a']) await c.insertOne({ _id, email: `${_id}@x` });
    await store.compact();
    await c.insertOne({ _id: 'b', email: 'b@x' });
    await store.close();
    const reopened = await openIn(dir);
    const again = reopened.collection<Doc>('c');
    expect((await again.find({})).map((d) => d._id)).toEqual(['m', 'z', 'a', 'b']);
    await again.createIndex({ keys: { email: 1 }, unique: true });
    await expect(again.insertOne({ _id: 'q', email: 'z@x' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await reopened.close();
  });

  for (const step of ['journal-switched', 'snapshot-written', 'snapshot-installed'] as const) {
    it(`loses nothing when a compaction dies after step ${step}`, async () => {
      const dir = await tempDir();
      let armed = true;
      const store = await openIn(dir, {
        onCompactionStep: (at) => {
          if (armed && at === step) {
            armed = false;
            throw new Error(`simulated crash after ${at}`);
          }
        },
      });
      await churn(store, 300, 11);
      await expect(store.compact()).rejects.toThrow(/simulated crash/);
      await churn(store, 200, 12); // writes after the interrupted compaction
      const expected = await dump(store, ['a', 'b']);
      const image = await crashImage(dir);
      await store.close();

      const { warnings, logger } = recordingLogger();
      const reopened = await openEmbeddedStore({ dir: image, logger });
      expect(await dump(reopened, ['a', 'b'])).toEqual(expected);
      if (step === 'snapshot-written') expect(warnings.join('\n')).toMatch(/unfinished snapshot/);
      expect(readdirSync(image).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      await reopened.close();
      const closedCleanly = await openIn(image);
      expect(await dump(closedCleanly, ['a', 'b'])).toEqual(expected);
      await closedCleanly.close();
      // The original directory, closed normally after the failure, is fine too.
      const original = await openIn(dir);
      expect(await dump(original, ['a', 'b'])).toEqual(expected);
      await original.close();
    });
  }

  it('refuses a journal gap instead of skipping data', async () => {
    const dir = await tempDir();
    const store = await openIn(dir, {
      onCompactionStep: (at) => {
        if (at === 'journal-switched') throw new Error('stop');
      },
    });
    await store.collection<Doc>('c').insertOne({ _id: 'a' });
    await expect(store.compact()).rejects.toThrow('stop');
    await store.collection<Doc>('c').insertOne({ _id: 'b' });
    const image = await crashImage(dir);
    await store.close().catch(() => {});
    await rm(join(image, 'journal-1.jsonl'));
    await expect(openIn(image)).rejects.toThrow(/journal-1\.jsonl is missing/);
  });
});

describe('embedded store: indexes', () => {
  it('equality on the first field of an index reads only the matching documents', () => {
    const table = new Table('t');
    for (let i = 0; i < 1000; i++)
      table.put({ _id: `d${i}`, issueId: `i${i % 100}`, tags: [`t${i % 10}`], n: i });
    expect(candidates(table, { issueId: 'i7' })).toBeNull(); // no index yet: scan
    table.createIndex({ name: 'issueId_1_n_-1', keys: { issueId: 1, n: -1 }, unique: false, sparse: false });
    table.createIndex({ name: 'tags_1', keys: { tags: 1 }, unique: false, sparse: false });
    expect(candidates(table, { issueId: 'i7' })?.map((d) => d._id)).toEqual(
      Array.from({ length: 10 }, (_, k) => `d${k * 100 + 7}`),
    );
    expect(candidates(table, { issueId: { $in: ['i1', 'i2'] }, n: { $gt: 5 } })).toHaveLength(20);
    expect(candidates(table, { issueId: 'i7', tags: 't7' })).toHaveLength(10);
    expect(candidates(table, { _id: 'd5', issueId: 'i7' })?.map((d) => d._id)).toEqual(['d5']);
    expect(candidates(table, { issueId: 'nope' })).toEqual([]);
    expect(candidates(table, { issueId: { $gt: 'i1' } })).toBeNull();
    // Each branch of a top-level $and is planned; an empty branch (no cursor yet) does not force a scan.
    expect(candidates(table, { $and: [{ issueId: 'i7' }, {}] })).toHaveLength(10);
    expect(candidates(table, { $and: [{ n: { $gt: 1 } }, { _id: 'd5' }] })?.map((d) => d._id)).toEqual([
      'd5',
    ]);
    expect(candidates(table, { $and: [{ n: { $gt: 1 } }, {}] })).toBeNull();
    table.remove('d7');
    table.put({ _id: 'd107', issueId: 'moved' });
    expect(candidates(table, { issueId: 'i7' })).toHaveLength(8);
    expect(candidates(table, { issueId: 'moved' })?.map((d) => d._id)).toEqual(['d107']);
  });
});

describe('embedded store: lock', () => {
  it('refuses a second open of the same directory while the first is open', async () => {
    const dir = await tempDir();
    const first = await openIn(dir);
    await expect(openIn(dir)).rejects.toThrow(
      new RegExp(
        `data directory ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process ${process.pid}`,
      ),
    );
    await first.close();
    await first.close(); // idempotent
    await expect(first.collection('c').findOne({})).rejects.toThrow(/closed/);
    const second = await openIn(dir);
    await second.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'store.lock'), '999999999\n');
    const { warnings, logger } = recordingLogger();
    const store = await openEmbeddedStore({ dir, logger });
    expect(warnings.join('\n')).toMatch(/taking over .*999999999 is gone/);
    expect(readFileSync(join(dir, 'store.lock'), 'utf8').trim()).toBe(String(process.pid));
    await store.close();
    expect(existsSync(join(dir, 'store.lock'))).toBe(false);
  });

  it('openStore picks the embedded adapter without a MongoDB URI', async () => {
    const store = await openStore({ dataDir: await tempDir(), logger: recordingLogger().logger });
    expect(store.kind).toBe('embedded');
    await store.close();
  });
});

describe('mongodb adapter, without a server', () => {
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('fails fast at open with the host (never the credentials) in the message', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = (await openStore({
      dataDir: 'unused',
      mongodbUri: `mongodb://baton:s3cret-pw@127.0.0.1:${port}/baton?authSource=admin`,
      serverSelectionTimeoutMS: 300,
      logger: recordingLogger().logger,
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`cannot reach MongoDB at mongodb://127.0.0.1:${port} within 300 ms`);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).not.toContain('baton:');
  });

  it('describes URIs without credentials', () => {
    expect(describeUri('mongodb://u:p@h1:27017,h2:27018/db?replicaSet=rs')).toBe(
      'mongodb://h1:27017,h2:27018',
    );
    expect(describeUri('mongodb+srv://user:pass@cluster0.example.net/baton')).toBe(
      'mongodb+srv://cluster0.example.net',
    );
    expect(describeUri('mongodb://localhost')).toBe('mongodb://localhost');
    expect(
      redactCredentials('auth failed for user:hunter22 at h', 'mongodb://user:hunter22@h/'),
    ).not.toContain('hunter22');
  });

  it('maps E11000 from a single write to DuplicateKeyError with index and key', () => {
    const error = new MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key error collection: t.users index: email_1 dup key: { email: "a@x" }',
      keyPattern: { email: 1 },
      keyValue: { email: 'a@x' },
    });
    const mapped = toStoreError('users', error);
    expect(mapped).toBeInstanceOf(DuplicateKeyError);
    expect(mapped).toMatchObject({ collection: 'users', index: 'email_1', key: { email: 'a@x' } });
    expect((mapped as Error).message).toBe('duplicate key in users (index email_1): {"email":"a@x"}');
  });

  it('names the index from keyPattern when the message does not', () => {
    const error = new MongoServerError({
      code: 11000,
      keyPattern: { team: 1, at: -1 },
      keyValue: { team: 't', at: 3 },
    });
    expect(toDuplicateKeyError('c', error)).toMatchObject({
      index: 'team_1_at_-1',
      key: { team: 't', at: 3 },
    });
  });

  it('maps a bulk (insertMany) E11000, reading the key from the failing document', () => {
    const docs = [{ _id: 'a' }, { _id: 'b', ref: { code: 'X' } }];
    const writeError = {
      code: 11000,
      index: 1,
      errmsg: 'E11000 duplicate key error collection: t.c index: by_code dup key: { ref.code: "X" }',
    };
    const error = new MongoBulkWriteError(
      { message: writeError.errmsg, code: 11000, writeErrors: [writeError as never] },
      {} as BulkWriteResult,
    );
    expect(toStoreError('c', error, docs)).toMatchObject({ index: 'by_code', key: { 'ref.code': 'X' } });
  });

  it('falls back to the message for an index build failure', () => {
    const error = new MongoServerError({
      code: 11000,
      errmsg:
        'Index build failed: 4c1f: Collection t.c ( 1a2b ) :: caused by :: E11000 duplicate key error collection: t.c index: k_1 dup key: { k: 1, name: "a, b" }',
    });
    expect(toStoreError('c', error)).toMatchObject({ index: 'k_1', key: { k: 1, name: 'a, b' } });
  });

  it('maps query-shape errors to StoreQueryError and passes other errors through', () => {
    const badValue = new MongoServerError({ code: 2, errmsg: 'unknown operator: $foo' });
    expect(toStoreError('c', badValue)).toBeInstanceOf(StoreQueryError);
    const immutable = new MongoServerError({ code: 66, errmsg: "Performing an update on the path '_id'…" });
    expect(toStoreError('c', immutable)).toBeInstanceOf(StoreQueryError);
    const notPrimary = new MongoServerError({ code: 10107, errmsg: 'not primary' });
    expect(toStoreError('c', notPrimary)).toBe(notPrimary);
    const network = new Error('socket closed');
    expect(toStoreError('c', network)).toBe(network);
  });
});
