/**
 * Snapshot files: a header line, one `{"c":collection,"doc":{...}}` line per document, and a trailer
 * with the count. A snapshot only ever appears under its final name after it was completely written and
 * fsynced (see compaction), so a missing trailer or a bad line means the disk lost data: a hard error.
 */
import { open } from 'node:fs/promises';
import type { Doc } from './json.ts';
import { readLines } from './lines.ts';

const FORMAT = 'baton-store-snapshot';
const VERSION = 1;
const FLUSH_BYTES = 1 << 20;

export type CollectionState = Array<[collection: string, docs: readonly Doc[]]>;

/**
 * Writes and fsyncs a snapshot; async and chunked so a large store does not stall the event loop.
 * Lines are encoded one by one into a reused buffer: a megabyte string concatenated from thousands
 * of lines is a rope, and encoding that took about as long as serialising the documents.
 */
export async function writeSnapshot(path: string, gen: number, state: CollectionState): Promise<number> {
  const file = await open(path, 'w');
  try {
    let count = 0;
    // Grown only for a document whose line is longer than this (see `makeRoom`).
    let buffer = Buffer.allocUnsafe(FLUSH_BYTES * 2);
    let used = 0;
    const flush = async () => {
      if (used > 0) await file.write(buffer, 0, used);
      used = 0;
    };
    /** Adds a line; true when the buffer is full enough to write out. */
    const add = (line: string): boolean => {
      used += buffer.write(line, used, 'utf8');
      return used >= FLUSH_BYTES;
    };
    /** Whether the line surely fits (a UTF-16 code unit takes at most 3 bytes of UTF-8). */
    const fits = (line: string) => used + line.length * 3 <= buffer.length;
    const makeRoom = async (line: string) => {
      await flush();
      if (!fits(line)) buffer = Buffer.allocUnsafe(line.length * 3);
    };
    add(`${JSON.stringify({ format: FORMAT, version: VERSION, generation: gen })}\n`);
    for (const [collection, docs] of state) {
      const prefix = `{"c":${JSON.stringify(collection)},"doc":`;
      for (const doc of docs) {
        const line = `${prefix}${JSON.stringify(doc)}}\n`;
        if (!fits(line)) await makeRoom(line);
        if (add(line)) await flush();
        count++;
      }
    }
    const trailer = `${JSON.stringify({ end: true, count })}\n`;
    if (!fits(trailer)) await makeRoom(trailer);
    add(trailer);
    await flush();
    await file.datasync();
    return count;
  } finally {
    await file.close();
  }
}

export class CorruptFileError extends Error {
  override readonly name = 'CorruptFileError';
}

/** Reads a snapshot into `put`; throws CorruptFileError naming the file and line on any damage. */
export function readSnapshot(path: string, gen: number, put: (collection: string, doc: Doc) => void): number {
  let count = 0;
  let header = false;
  let trailer: number | undefined;
  // Declared once, not per line: a closure made per line (and tsx's name-keeping wrapper around it)
  // was a measurable share of loading 250,000 documents.
  let number = 0;
  const fail = (why: string): never => {
    throw new CorruptFileError(`snapshot ${path} line ${number}: ${why}`);
  };
  for (const line of readLines(path)) {
    number = line.number;
    if (trailer !== undefined) fail('data after the end marker');
    if (!line.terminated) fail('truncated line');
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line.text) as Record<string, unknown>;
    } catch {
      return fail('not valid JSON');
    }
    if (!header) {
      if (record.format !== FORMAT || record.version !== VERSION || record.generation !== gen) {
        fail(`not a version ${VERSION} snapshot of generation ${gen}`);
      }
      header = true;
    } else if (record.end === true) {
      if (record.count !== count)
        fail(`end marker counts ${String(record.count)} documents, file has ${count}`);
      trailer = count;
    } else {
      const doc = record.doc as Doc | undefined;
      if (
        typeof record.c !== 'string' ||
        typeof doc !== 'object' ||
        doc === null ||
        typeof doc._id !== 'string'
      ) {
        fail('not a document record');
      }
      put(record.c as string, doc as Doc);
      count++;
    }
  }
  if (trailer === undefined)
    throw new CorruptFileError(`snapshot ${path} has no end marker: it is incomplete`);
  return count;
}
