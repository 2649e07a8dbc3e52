import { StoreQueryError } from '../port.ts';
import { setField } from './fields.ts';
import { assertDocumentId } from './validate.ts';

/**
 * Turns a caller's document into exactly plain JSON (port.ts) — undefined fields dropped, Dates as ISO
 * strings, a string `_id` checked — and, for the embedded adapter's journal, its JSON text.
 *
 * Most documents are plain data already (objects, arrays, strings, finite numbers, booleans, null,
 * undefined fields): {@link plainJsonCopy} copies those in one pass, and the text is the copy's
 * `JSON.stringify`. On documents captured from the ingest path that is ~25 % cheaper than
 * stringifying the caller's object and parsing the text back (5.8 → 4.4 µs a document; the round
 * trip was ~7 % of an ingested issue's CPU), and the copy shares the caller's strings instead of
 * allocating new ones. Anything else (a Date, a class instance, a `toJSON`, a non-finite number, a
 * cycle, a BigInt) takes the round trip through JSON itself, so the result is always what
 * `JSON.parse(JSON.stringify(doc))` gives.
 */
export function encodeJsonDocument<T>(doc: unknown): { doc: T; json: string } {
  const copy = plainJsonCopy(doc);
  if (copy !== NOT_PLAIN) {
    assertDocumentId(copy);
    // The copy is plain data made here: stringifying it cannot throw and gives the text JSON.parse
    // turns back into an equal copy.
    return { doc: copy as T, json: JSON.stringify(copy) };
  }
  const { value, json } = jsonRoundTrip(doc, 'document');
  assertDocumentId(value);
  return { doc: value as T, json: json as string };
}

/** The document as plain JSON, without its text (the MongoDB adapter hands the object to the driver). */
export function toPlainJsonDocument<T>(doc: unknown): T {
  const copy = plainJsonCopy(doc);
  const value = copy === NOT_PLAIN ? jsonRoundTrip(doc, 'document').value : copy;
  assertDocumentId(value);
  return value as T;
}

/**
 * A value as plain JSON would hold it (`JSON.parse(JSON.stringify(value))`): for update operands and
 * upsert seeds, which become part of a stored document. Undefined when JSON has no text for it
 * (undefined, a function, a symbol).
 */
export function toPlainJson(value: unknown): unknown {
  const copy = plainJsonCopy(value);
  return copy === NOT_PLAIN ? jsonRoundTrip(value, 'value').value : copy;
}

/**
 * `JSON.parse(JSON.stringify(value))` and the text between, for what {@link plainJsonCopy} leaves to
 * JSON; what JSON cannot serialise (a cycle, a BigInt) is a StoreQueryError naming `what`. No text and
 * an undefined value for what JSON has no text for (undefined, a function, a symbol).
 */
function jsonRoundTrip(
  value: unknown,
  what: 'document' | 'value',
): { value: unknown; json: string | undefined } {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new StoreQueryError(`${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  return { value: json === undefined ? undefined : JSON.parse(json), json };
}

/** What {@link plainJsonCopy} returns for a value it leaves to JSON itself. */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * Deeper than this the copy gives up (and JSON decides): real documents are a few levels deep, and a
 * cycle must not recurse until the stack overflows.
 */
const MAX_DEPTH = 100;

/**
 * A fresh copy of `value` equal to `JSON.parse(JSON.stringify(value))`, when `value` is plain data:
 * objects whose prototype is Object.prototype or null (without a `toJSON`), arrays, strings, finite
 * numbers (-0 becomes 0), booleans, null; undefined, functions and symbols are dropped from objects and
 * become null in arrays (holes too), as JSON does. Anything else returns {@link NOT_PLAIN}. A top-level
 * undefined, function or symbol also returns NOT_PLAIN (JSON.stringify gives no text for them).
 */
export function plainJsonCopy(value: unknown): unknown {
  const copy = copyValue(value, 0);
  return copy === undefined ? NOT_PLAIN : copy;
}

/** The copy, undefined for what JSON drops, or NOT_PLAIN. */
function copyValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and NaN and the infinities as null.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      if (value === null) return null;
      return depth < MAX_DEPTH ? copyObject(value, depth + 1) : NOT_PLAIN;
    default:
      return NOT_PLAIN; // bigint: JSON.stringify throws, and the fallback reports it
  }
}

function copyObject(value: object, depth: number): unknown {
  if (Array.isArray(value)) {
    if (
      Object.getPrototypeOf(value) !== Array.prototype ||
      typeof (value as { toJSON?: unknown }).toJSON === 'function'
    )
      return NOT_PLAIN;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyValue(value[i], depth);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (
    (proto !== Object.prototype && proto !== null) ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return NOT_PLAIN;
  // The document itself is copied whole (below); what it nests, field by field, which is cheaper for
  // the small objects documents nest.
  if (depth > 1 || Object.getOwnPropertySymbols(value).length > 0) return copyFieldByField(value, depth);
  // Every field at once, then the values JSON writes differently are replaced in place. A spread
  // keeps the source's hidden class, where one keyed store per field went through V8's megamorphic
  // store for each and could leave a dictionary (slower to read, copy and stringify for as long as
  // it stays stored, and bigger). Replacing a field that exists changes no shape, and writes an own
  // "__proto__" field as the field it is (the spread made it an own property, which shadows the
  // prototype's accessor).
  const out: Record<string, unknown> = { ...value };
  for (const key in out) {
    if (!Object.hasOwn(out, key)) continue; // an enumerable field someone put on Object.prototype
    const item = out[key];
    switch (typeof item) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(item)) out[key] = null;
        else if (item === 0 && 1 / item < 0) out[key] = 0; // JSON writes -0 as 0
        continue;
      case 'object': {
        if (item === null) continue;
        const copy = depth < MAX_DEPTH ? copyObject(item, depth + 1) : NOT_PLAIN;
        if (copy === NOT_PLAIN) return NOT_PLAIN;
        out[key] = copy;
        continue;
      }
      case 'bigint':
        return NOT_PLAIN;
      default:
        // undefined, a function or a symbol: JSON drops the field, and deleting it from the copy would
        // turn the copy into a dictionary; the field-by-field copy leaves it out instead.
        return copyFieldByField(value, depth);
    }
  }
  return out;
}

/**
 * {@link copyObject} one field at a time, leaving out what JSON drops (undefined, functions and
 * symbols as values, symbol keys).
 */
function copyFieldByField(value: object, depth: number): unknown {
  const out: Record<string, unknown> = {};
  // Own enumerable string keys in Object.keys order, as JSON.stringify takes them (for-in with the
  // own check is the cheaper walk: it uses V8's enum cache and allocates no key array).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = copyValue((value as Record<string, unknown>)[key], depth);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) setField(out, key, item);
  }
  return out;
}
