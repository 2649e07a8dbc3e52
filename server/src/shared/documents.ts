import type { StoredDocument } from '../store/port.ts';

/**
 * API documents carry `id`; stored documents carry `_id` (the store's primary key). These two
 * functions are the only place the two shapes meet. The key goes first, the other fields keep their
 * order; an own "__proto__" field stays a field (rest and spread define properties, never assign).
 *
 * Rest and spread, not one keyed store per field: V8 (11.3, Node 20) turns an object built by keyed
 * stores into a dictionary once it holds more than 16 fields, and a dictionary is slow to read and
 * ~100× slower to spread (3.5 µs against 35 ns for 20 fields; the store's encoder spreads every
 * document it is given). An SLA clock (17–21 fields) crossed that line on every insert and read.
 * Over the ingest path's mix of documents (issues, timeline entries, customers, flow runs, clocks)
 * both ways cost the same, ~360 ns a document (session 23).
 */
export type Stored<T extends { id: string }> = Omit<T, 'id'> & StoredDocument;

export function toStored<T extends { id: string }>(doc: T): Stored<T> {
  const { id, ...rest } = doc;
  return { _id: id, ...rest } as unknown as Stored<T>;
}

export function fromStored<T extends { id: string }>(doc: Stored<T>): T {
  const { _id, ...rest } = doc as StoredDocument;
  return { id: _id, ...rest } as unknown as T;
}
