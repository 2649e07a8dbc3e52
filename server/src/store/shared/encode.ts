import { StoreQueryError } from '../port.ts';
import { assertDocumentId } from './validate.ts';

/**
 * Serialises a caller's document once and parses it back, so both adapters store exactly plain JSON
 * (port.ts): undefined fields dropped, Dates as ISO strings, a string `_id` checked. The embedded
 * adapter also journals the JSON text.
 */
export function encodeJsonDocument<T>(doc: unknown): { doc: T; json: string } {
  let json: string;
  try {
    json = JSON.stringify(doc);
  } catch (error) {
    throw new StoreQueryError(`document is not JSON-serialisable: ${(error as Error).message}`);
  }
  const parsed: unknown = JSON.parse(json);
  assertDocumentId(parsed);
  return { doc: parsed as T, json };
}
