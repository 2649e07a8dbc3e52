/**
 * Child process for the kill -9 durability test: opens the embedded store in the directory given as
 * argv[2] and writes until killed, printing a line to stdout after each write is acknowledged:
 * `put <id>` for an insert, `count <n>` after the shared counter reached n. A small compaction
 * threshold makes compactions run (and get killed) too.
 */
import { openEmbeddedStore } from '../embedded/store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: sigkill-writer.ts <dir>');

const store = await openEmbeddedStore({ dir, compactMinBytes: 64 * 1024 });
const docs = store.collection<{ _id: string; i: number; payload: string }>('docs');
const counters = store.collection<{ _id: string; n: number }>('counters');
const out = (line: string) => process.stdout.write(`${line}\n`);

for (let i = 0; ; i++) {
  const _id = `doc-${i}`;
  await docs.insertOne({ _id, i, payload: 'x'.repeat(200 + (i % 50)) });
  out(`put ${_id}`);
  const counter = await counters.findOneAndUpdate({ _id: 'c' }, { $inc: { n: 1 } }, { upsert: true });
  out(`count ${counter?.n}`);
  if (i % 3 === 0) await docs.updateOne({ _id }, { $set: { updated: true } });
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve)); // let compactions progress
}
