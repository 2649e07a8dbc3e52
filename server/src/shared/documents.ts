import type { StoredDocument } from '../store/port.ts';

/**
 * API documents carry `id`; stored documents carry `_id` (the store's primary key). These two
 * functions are the only place the two shapes meet.
 */
export type Stored<T extends { id: string }> = Omit<T, 'id'> & StoredDocument;

export function toStored<T extends { id: string }>(doc: T): Stored<T> {
  const { id, ...rest } = doc;
  return { _id: id, ...rest } as Stored<T>;
}

export function fromStored<T extends { id: string }>(doc: Stored<T>): T {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest } as unknown as T;
}
