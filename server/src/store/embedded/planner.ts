/**
 * Picks the documents a filter needs to look at. Equality on `_id` reads the primary map; equality (or
 * `$eq` / `$in`) on the first field of a declared index reads that field's lookup; each branch of a
 * top-level `$and` is planned the same way and the smallest candidate set wins; anything else scans.
 * The choice never changes results: candidates still go through the full matcher.
 */
import type { Filter } from '../port.ts';
import { isOperatorObject, isPlainObject } from '../shared/validate.ts';
import { encodeKey } from './indexes.ts';
import type { Doc } from './json.ts';
import type { Table } from './table.ts';

/** Candidate documents in natural order, or null when the whole table must be scanned. */
export function candidates(table: Table, filter: Filter): Doc[] | null {
  let best: Doc[] | null = null;
  for (const [field, condition] of Object.entries(filter)) {
    let found: Doc[] | null = null;
    if (field === '$and' && Array.isArray(condition)) {
      // Every conjunct must match, so any one conjunct's candidates cover the result: take the fewest.
      for (const conjunct of condition) {
        const sub = isPlainObject(conjunct) ? candidates(table, conjunct as Filter) : null;
        if (sub && (!found || sub.length < found.length)) found = sub;
      }
    } else if (field.startsWith('$')) {
      continue;
    } else if (field === '_id') {
      const ids = idValues(condition);
      if (ids) found = table.byIds(ids);
    } else {
      const lookup = table.lookups.get(field);
      const keys = lookup ? equalityKeys(condition) : null;
      const ids = lookup && keys ? lookup.lookup(keys) : null;
      // A value most documents hold is cheaper to scan for than to gather and re-order.
      if (ids && ids.size * 2 <= table.size) found = table.byIds(ids);
    }
    if (found && (!best || found.length < best.length)) best = found;
    if (best && best.length === 0) break;
  }
  return best;
}

/** The `_id` values an equality or `$in` condition allows (ids are strings, so other values match nothing). */
function idValues(condition: unknown): string[] | null {
  if (typeof condition === 'string') return [condition];
  if (isOperatorObject(condition)) {
    if ('$eq' in condition) return typeof condition.$eq === 'string' ? [condition.$eq] : [];
    if (Array.isArray(condition.$in)) {
      if (condition.$in.some((v) => v instanceof RegExp)) return null;
      return condition.$in.filter((v): v is string => typeof v === 'string');
    }
  }
  return null;
}

/**
 * Encoded values an equality-like condition can only match through. Arrays and null are left to the
 * scan: their matching rules (whole-array equality, null matching missing fields) reach documents the
 * lookup does not list under that value.
 */
function equalityKeys(condition: unknown): string[] | null {
  if (typeof condition === 'string' || typeof condition === 'boolean') return [encodeKey(condition)];
  if (typeof condition === 'number') return Number.isFinite(condition) ? [encodeKey(condition)] : null;
  if (isOperatorObject(condition)) {
    if ('$eq' in condition) return equalityKeys(condition.$eq);
    if (Array.isArray(condition.$in)) {
      const out: string[] = [];
      for (const value of condition.$in) {
        const keys = equalityKeys(value);
        if (!keys) return null;
        out.push(...keys);
      }
      return out;
    }
    return null;
  }
  if (isPlainObject(condition)) return [encodeKey(condition)];
  return null;
}
