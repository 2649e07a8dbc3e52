import { randomBytes } from 'node:crypto';

/**
 * The `_id` given to a document created by an upsert whose filter does not pin one. 24 hex digits like
 * an ObjectId (4 bytes of seconds, then 8 random bytes) but a plain string, so both adapters keep the
 * port's "every `_id` is a string" promise.
 */
export function newDocumentId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}
