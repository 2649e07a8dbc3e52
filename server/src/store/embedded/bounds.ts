/**
 * What a filter says about the values of each field, as ranges in MongoDB's value order: what lets the
 * planner seek an ordered index instead of scanning. Ranges over-approximate (ends are inclusive, and
 * anything not understood is unbounded): candidates still go through the full matcher, so a range may
 * admit documents that do not match but must never exclude one that does.
 *
 * Only scalar operands (strings, finite numbers, booleans, null) bound a field; `$and` intersects,
 * `$or` takes the hull of its branches (a field bounded in every branch), `$nor` and negations bound
 * nothing. The keyset cursor `{$or: [{a: {$lt: x}}, {a: x, b: {$lt: y}}]}` bounds `a` to `≤ x`.
 */
import type { Filter } from '../port.ts';
import { isOperatorObject, isPlainObject } from '../shared/validate.ts';
import { compareValues } from './sort.ts';

export interface Range {
  /** Lowest value a match can hold; undefined: unbounded. */
  lo?: unknown;
  hi?: unknown;
}

export type Bounds = Map<string, Range>;

export function isScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** A range that allows exactly one value. */
export function isPoint(range: Range | undefined): boolean {
  return (
    range !== undefined &&
    range.lo !== undefined &&
    range.hi !== undefined &&
    compareValues(range.lo, range.hi) === 0
  );
}

export function boundsOf(filter: Filter): Bounds {
  const out: Bounds = new Map();
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const conjunct of condition) {
        if (isPlainObject(conjunct)) for (const [f, r] of boundsOf(conjunct)) intersectInto(out, f, r);
      }
    } else if (field === '$or' && Array.isArray(condition) && condition.length > 0) {
      for (const [f, r] of hull(condition.map((b) => (isPlainObject(b) ? boundsOf(b) : new Map())))) {
        intersectInto(out, f, r);
      }
    } else if (!field.startsWith('$')) {
      const range = rangeOf(condition);
      if (range) intersectInto(out, field, range);
    }
  }
  return out;
}

/** The range one field condition allows, or undefined when it bounds nothing we can use. */
function rangeOf(condition: unknown): Range | undefined {
  if (isScalar(condition)) return { lo: condition, hi: condition };
  if (!isOperatorObject(condition)) return undefined;
  let range: Range | undefined;
  const add = (r: Range) => {
    range = range ? intersect(range, r) : r;
  };
  for (const [op, operand] of Object.entries(condition)) {
    if (op === '$eq' && isScalar(operand)) add({ lo: operand, hi: operand });
    else if ((op === '$gt' || op === '$gte') && isScalar(operand)) add({ lo: operand });
    else if ((op === '$lt' || op === '$lte') && isScalar(operand)) add({ hi: operand });
    else if (op === '$in' && Array.isArray(operand) && operand.length > 0 && operand.every(isScalar)) {
      let lo = operand[0];
      let hi = operand[0];
      for (const v of operand) {
        if (compareValues(v, lo) < 0) lo = v;
        if (compareValues(v, hi) > 0) hi = v;
      }
      add({ lo, hi });
    }
  }
  return range;
}

function intersect(a: Range, b: Range): Range {
  const out: Range = {};
  const lo =
    a.lo === undefined ? b.lo : b.lo === undefined ? a.lo : compareValues(a.lo, b.lo) >= 0 ? a.lo : b.lo;
  const hi =
    a.hi === undefined ? b.hi : b.hi === undefined ? a.hi : compareValues(a.hi, b.hi) <= 0 ? a.hi : b.hi;
  if (lo !== undefined) out.lo = lo;
  if (hi !== undefined) out.hi = hi;
  return out;
}

function intersectInto(out: Bounds, field: string, range: Range): void {
  const existing = out.get(field);
  out.set(field, existing ? intersect(existing, range) : range);
}

/** Per field bounded in every branch: the smallest range covering all of them. */
function hull(branches: Bounds[]): Bounds {
  const out: Bounds = new Map();
  const [first, ...rest] = branches;
  if (!first) return out;
  for (const [field, range] of first) {
    let lo = range.lo;
    let hi = range.hi;
    let bounded = true;
    for (const branch of rest) {
      const r = branch.get(field);
      if (!r) {
        bounded = false;
        break;
      }
      lo = lo === undefined || r.lo === undefined ? undefined : compareValues(r.lo, lo) < 0 ? r.lo : lo;
      hi = hi === undefined || r.hi === undefined ? undefined : compareValues(r.hi, hi) > 0 ? r.hi : hi;
    }
    if (!bounded || (lo === undefined && hi === undefined)) continue;
    const merged: Range = {};
    if (lo !== undefined) merged.lo = lo;
    if (hi !== undefined) merged.hi = hi;
    out.set(field, merged);
  }
  return out;
}
