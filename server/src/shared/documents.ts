import type { StoredDocument } from '../store/port.ts';
import { setField } from '../store/shared/fields.ts';

/**
 * API documents carry `id`; stored documents carry `_id` (the store's primary key). These two
 * functions are the only place the two shapes meet.
 *
 * One loop over the fields rather than `const { id, ...rest } = doc; return { _id: id, ...rest }`:
 * that copies every field twice, and an issue passes through these some thirty times (a third of
 * the cost, measured). The key goes first either way, the other fields keep their order.
 */
export type Stored<T extends { id: string }> = Omit<T, 'id'> & StoredDocument;

export function toStored<T extends { id: string }>(doc: T): Stored<T> {
  // The key is written as a literal, not `{ [to]: … }`: V8 builds an object with a computed key on a
  // slow path (~1 % of an ingested issue's CPU in these two functions).
  return copyOthers(doc, { _id: doc.id }, 'id') as Stored<T>;
}

export function fromStored<T extends { id: string }>(doc: Stored<T>): T {
  return copyOthers(doc, { id: doc._id }, '_id') as unknown as T;
}

/** `out` with every own field of `doc` but `skip` added after its key, in order. */
function copyOthers(doc: object, out: Record<string, unknown>, skip: string): Record<string, unknown> {
  const source = doc as Record<string, unknown>;
  for (const key in source) if (key !== skip && Object.hasOwn(source, key)) setField(out, key, source[key]);
  return out;
}
