/**
 * Driver errors in the port's terms: E11000 becomes DuplicateKeyError (index name and key), errors
 * about the shape of a query or update become StoreQueryError. Anything else (network, auth) passes
 * through untouched.
 */
import { MongoInvalidArgumentError, MongoServerError } from 'mongodb';
import { DuplicateKeyError, StoreQueryError } from '../port.ts';
import { defaultIndexName } from '../shared/index-name.ts';
import { isPlainObject } from '../shared/validate.ts';

const DUPLICATE_KEY_CODES = new Set([11000, 11001]);

/** Server codes meaning "your query, update or index spec is wrong", not "the server is unwell". */
const QUERY_ERROR_CODES = new Set([
  2, // BadValue (unknown operator, $push onto a non-array, …)
  9, // FailedToParse
  14, // TypeMismatch ($inc on a string)
  28, // PathNotViable
  40, // ConflictingUpdateOperators
  52, // DollarPrefixedFieldName
  55, // InvalidDBRef
  56, // EmptyFieldName
  57, // DottedFieldName
  66, // ImmutableField (_id)
  67, // CannotCreateIndex
  85, // IndexOptionsConflict
  86, // IndexKeySpecsConflict
  171, // CannotIndexParallelArrays
  197, // InvalidIndexSpecificationOption
]);

export function toStoreError(collection: string, error: unknown, docs?: readonly unknown[]): unknown {
  const duplicate = toDuplicateKeyError(collection, error, docs);
  if (duplicate) return duplicate;
  if (error instanceof MongoInvalidArgumentError) return new StoreQueryError(error.message);
  if (
    error instanceof MongoServerError &&
    typeof error.code === 'number' &&
    QUERY_ERROR_CODES.has(error.code)
  ) {
    return new StoreQueryError(error.message);
  }
  return error;
}

interface DuplicateFacts {
  code: unknown;
  errmsg?: unknown;
  message?: unknown;
  keyPattern?: unknown;
  keyValue?: unknown;
  index?: unknown;
}

/**
 * A DuplicateKeyError for an E11000 error, else null. Single writes carry `keyPattern` / `keyValue`;
 * bulk writes (insertMany) only carry the message and the failing document's position, so the key is
 * then read from that document, and as a last resort from the message.
 */
export function toDuplicateKeyError(
  collection: string,
  error: unknown,
  docs?: readonly unknown[],
): DuplicateKeyError | null {
  if (!isRecord(error)) return null;
  const writeErrors = error.writeErrors;
  // Bulk errors (insertMany) describe the failing write in writeErrors[0], a WriteError with getters.
  const first: unknown = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors; // typed OneOrMore
  const source: unknown = isRecord(first) ? first : error;
  const facts = source as DuplicateFacts;
  if (typeof facts.code !== 'number' || !DUPLICATE_KEY_CODES.has(facts.code)) return null;
  const message = String(facts.errmsg ?? facts.message ?? error.message ?? '');

  const keyPattern = isPlainObject(facts.keyPattern) ? facts.keyPattern : undefined;
  const indexName =
    /index: (\S+) dup key/.exec(message)?.[1] ??
    (keyPattern ? defaultIndexName(keyPattern as Record<string, 1 | -1>) : 'unknown');

  let key: Record<string, unknown>;
  if (isPlainObject(facts.keyValue)) {
    key = { ...facts.keyValue };
  } else {
    const parsed = parseDupKey(message);
    const doc = typeof facts.index === 'number' ? docs?.[facts.index] : undefined;
    key = {};
    for (const [field, value] of Object.entries(parsed)) {
      key[field] = isRecord(doc) ? readPath(doc, field) : value;
    }
  }
  return new DuplicateKeyError(collection, indexName, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readPath(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) current = isRecord(current) ? current[part] : undefined;
  return current ?? null;
}

/** Parses the `dup key: { a: "x", b: 1 }` part of an E11000 message (values as JSON where possible). */
export function parseDupKey(message: string): Record<string, unknown> {
  const start = message.indexOf('{', message.indexOf('dup key:'));
  const end = message.lastIndexOf('}');
  if (message.indexOf('dup key:') === -1 || start === -1 || end <= start) return {};
  const out: Record<string, unknown> = {};
  for (const pair of splitTopLevel(message.slice(start + 1, end))) {
    const colon = pair.indexOf(':');
    if (colon === -1) continue;
    const field = pair.slice(0, colon).trim();
    const raw = pair.slice(colon + 1).trim();
    try {
      out[field] = JSON.parse(raw);
    } catch {
      out[field] = raw;
    }
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.filter((p) => p.trim() !== '');
}
