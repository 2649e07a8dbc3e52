/**
 * MongoDB's sort order for JSON values, written out because mingo's differs where it matters to us:
 * MongoDB sorts a missing field as null, sorts an array field by its smallest element ascending and its
 * largest descending, and orders strings by code point (UTF-8 bytes). Ties keep natural order.
 */
import type { SortSpec } from '../port.ts';
import type { Doc } from './json.ts';
import { collectValues, splitPath } from './paths.ts';

/** Below null: MongoDB sorts an empty array before null and missing fields. */
const EMPTY_ARRAY = Symbol('empty array');

function typeRank(value: unknown): number {
  if (value === EMPTY_ARRAY) return 0;
  if (value === null || value === undefined) return 1;
  switch (typeof value) {
    case 'number':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
    default:
      return Array.isArray(value) ? 5 : 4;
  }
}

/** Compares two JSON values in MongoDB's (BSON) order. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return compareStrings(a as string, b as string);
    case 8:
      return Number(a) - Number(b);
    case 4:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 5:
      return compareArrays(a as unknown[], b as unknown[]);
    default:
      return 0;
  }
}

/** Code-point order: UTF-16 order except that surrogate pairs (astral characters) sort after U+FFFF. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
      cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    }
    return ca - cb;
  }
  return a.length - b.length;
}

/** BSON compares documents field by field in stored order: value type, then name, then value. */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  const n = Math.min(ak.length, bk.length);
  for (let i = 0; i < n; i++) {
    const va = a[ak[i]!];
    const vb = b[bk[i]!];
    const byType = typeRank(va) - typeRank(vb);
    if (byType !== 0) return byType;
    const byName = compareStrings(ak[i]!, bk[i]!);
    if (byName !== 0) return byName;
    const byValue = compareValues(va, vb);
    if (byValue !== 0) return byValue;
  }
  return ak.length - bk.length;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The value a document sorts by on one path: the smallest (ascending) or largest (descending) reached. */
function sortKey(doc: Doc, parts: readonly string[], direction: 1 | -1): unknown {
  // Fast path, no allocation: a top-level field holding a scalar or an object.
  if (parts.length === 1) {
    const value = Object.hasOwn(doc, parts[0]!) ? doc[parts[0]!] : null;
    if (!Array.isArray(value)) return value;
  }
  let best: unknown = NONE;
  for (const value of collectValues(doc, parts)) {
    if (!Array.isArray(value)) best = better(best, value, direction);
    else if (value.length === 0) best = better(best, EMPTY_ARRAY, direction);
    else for (const element of value) best = better(best, element, direction);
  }
  return best === NONE ? null : best;
}

const NONE = Symbol('none');

function better(best: unknown, value: unknown, direction: 1 | -1): unknown {
  return best === NONE || compareValues(value, best) * direction < 0 ? value : best;
}

/**
 * Rewrites a string so that JavaScript's native (UTF-16) comparison orders it by code point, which is
 * what MongoDB does. Only strings with characters from U+D800 up need it, so almost none are touched.
 */
function nativeOrderKey(value: string): string {
  if (!HIGH_UNITS.test(value)) return value;
  return value.replace(HIGH_UNITS_GLOBAL, (unit) => {
    const code = unit.charCodeAt(0);
    return String.fromCharCode(code >= 0xe000 ? code - 0x800 : code + 0x2000);
  });
}
const HIGH_UNITS = /[\ud800-\uffff]/;
const HIGH_UNITS_GLOBAL = /[\ud800-\uffff]/g;

interface Keyed {
  keys: unknown[];
  order: number;
  doc: Doc;
}

/**
 * Sorts documents (given in natural order) and returns the `[skip, skip + limit)` window. Each
 * document's keys are computed once; with a small window only the best `skip + limit` are kept, in a
 * sorted buffer, instead of sorting everything.
 */
export function sortDocs(docs: readonly Doc[], sort: SortSpec, skip = 0, limit = 0): Doc[] {
  const paths = Object.keys(sort).map(splitPath);
  const directions = Object.values(sort);
  const n = paths.length;
  const compare = (x: Keyed, y: Keyed): number => {
    for (let i = 0; i < n; i++) {
      const a = x.keys[i];
      const b = y.keys[i];
      // String keys were made native-comparable by nativeOrderKey.
      const c =
        typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : compareValues(a, b);
      if (c !== 0) return c * directions[i]!;
    }
    return x.order - y.order;
  };
  const keysOf = (doc: Doc): unknown[] => {
    const keys = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const key = sortKey(doc, paths[i]!, directions[i]!);
      keys[i] = typeof key === 'string' ? nativeOrderKey(key) : key;
    }
    return keys;
  };
  const window = limit > 0 ? skip + limit : Number.POSITIVE_INFINITY;
  let sorted: Keyed[];
  if (window * 8 < docs.length) {
    sorted = [];
    for (let order = 0; order < docs.length; order++) {
      const item: Keyed = { keys: keysOf(docs[order]!), order, doc: docs[order]! };
      if (sorted.length === window && compare(item, sorted[window - 1]!) >= 0) continue;
      sorted.splice(upperBound(sorted, item, compare), 0, item);
      if (sorted.length > window) sorted.pop();
    }
  } else {
    sorted = docs.map((doc, order) => ({ keys: keysOf(doc), order, doc })).sort(compare);
  }
  return sorted.slice(skip, window).map((k) => k.doc);
}

function upperBound(sorted: Keyed[], item: Keyed, compare: (x: Keyed, y: Keyed) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
