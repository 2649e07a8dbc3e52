/**
 * Documents are plain JSON. Stored documents are never mutated once stored (updates build a new object),
 * which is what lets reads hand out copies and compaction serialise a snapshot of references while
 * writes carry on.
 */
import type { StoredDocument } from '../port.ts';
import { encodeJsonDocument } from '../shared/encode.ts';
import { setField } from '../shared/fields.ts';

export type Doc = StoredDocument & Record<string, unknown>;

/**
 * A deep copy of a value known to be plain JSON (stored documents are); faster than structuredClone.
 * Field by field, not with a spread: callers add fields to what they read (an update's `$set`), and
 * V8 takes a slow path for a field added to an object a spread made (~0.7 µs each). Past
 * {@link KEYED_FIELDS} fields an object is spread instead: V8 turns an object given more than 16
 * fields by keyed stores into a dictionary (shared/documents.ts), and an SLA clock has 17–21.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  let fields = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue; // an enumerable field someone put on Object.prototype
    if (++fields > KEYED_FIELDS) return cloneWide(value);
    setField(out, key, cloneJson((value as Record<string, unknown>)[key]));
  }
  return out as T;
}

/** The most fields {@link cloneJson} copies one keyed store at a time (V8 keeps 16 as a fast object). */
const KEYED_FIELDS = 16;

/**
 * {@link cloneJson} of an object with more fields: spread (one copy of the hidden class, an own
 * "__proto__" included as the field it is), then each nested value replaced by its copy, which
 * changes no shape.
 */
function cloneWide<T extends object>(value: T): T {
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in out) {
    if (!Object.hasOwn(out, key)) continue;
    const item = out[key];
    if (typeof item === 'object' && item !== null) out[key] = cloneJson(item);
  }
  return out as T;
}

/** Serialises a caller's document once: the JSON text goes to the journal, the parsed copy is stored. */
export function encodeDocument(doc: unknown): { doc: Doc; json: string } {
  return encodeJsonDocument<Doc>(doc);
}
