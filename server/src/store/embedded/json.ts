/**
 * Documents are plain JSON. Stored documents are never mutated once stored (updates build a new object),
 * which is what lets reads hand out copies and compaction serialise a snapshot of references while
 * writes carry on.
 */
import type { StoredDocument } from '../port.ts';
import { encodeJsonDocument } from '../shared/encode.ts';

export type Doc = StoredDocument & Record<string, unknown>;

/**
 * A deep copy of a value known to be plain JSON (stored documents are); faster than structuredClone.
 * An object is copied with a spread, which keeps its hidden class (a fast object stays fast and shares
 * its shape with the stored one), and only its nested values are replaced; the spread makes an own
 * "__proto__" field an own property, so replacing it writes the field, not the prototype.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in out) {
    const item = out[key];
    if (typeof item === 'object' && item !== null && Object.hasOwn(out, key)) out[key] = cloneJson(item);
  }
  return out as T;
}

/** Serialises a caller's document once: the JSON text goes to the journal, the parsed copy is stored. */
export function encodeDocument(doc: unknown): { doc: Doc; json: string } {
  return encodeJsonDocument<Doc>(doc);
}
