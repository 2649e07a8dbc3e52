/**
 * Chooses how a query reads a table, estimating each way before materialising any:
 *
 * - **Candidates**: equality on `_id` reads the primary map (exact count); equality / `$in` on the first
 *   field of a declared index is estimated from the sizes of that field's lookup entries (no id set is
 *   built to count them); an ordered index with equal leading fields and a range on the next one
 *   (`status = pending, dueAt ≤ t`) is counted by walking it, up to the best estimate so far. Each
 *   branch of a top-level `$and` is planned the same way. The fewest wins; a set holding most of the
 *   table is not worth gathering and re-ordering, so the table is scanned instead.
 * - **Ordered walk** (sorted finds): an ordered index whose fields after the equal leading ones are the
 *   sort (or its exact reverse) is walked in order from the filter's range, stopping after `skip + limit`
 *   matches: newest-50 and page 2 of an inbox read about 50 documents at any size. When a candidate set
 *   is small the walk is skipped, and a walk that visits more documents than twice that set (the matches
 *   are rare in the walk's order) gives up and the candidates are sorted instead, so a bad guess costs
 *   at most a constant factor. A walk whose leading fields the filter pins by equality is taken
 *   whenever the candidates outnumber the window: it visits only that prefix.
 *
 * The choice never changes results: every document still goes through the full matcher, and walks
 * return exactly the order `sortDocs` would (ties in natural order).
 */
import type { Filter, SortSpec } from '../port.ts';
import { isOperatorObject, isPlainObject } from '../shared/validate.ts';
import { type Bounds, boundsOf, isPoint, type Range } from './bounds.ts';
import { lookupKey } from './indexes.ts';
import type { Doc } from './json.ts';
import type { OrderedIndex } from './ordered-index.ts';
import type { Matcher } from './query.ts';
import { sortDocs } from './sort.ts';
import type { Table } from './table.ts';

/** Lookup candidates this few are taken without trying a range walk (see `cheapest`). */
const FEW = 8;

/** A way to gather candidates, with its size known (or bounded) before gathering. */
interface CandidatePlan {
  estimate: number;
  /** `_id` lookups are always taken, however many ids they name. */
  exact?: boolean;
  materialise(): Doc[];
}

/** Candidate documents in natural order, or null when the whole table must be scanned. */
export function candidates(table: Table, filter: Filter, bounds?: Bounds): Doc[] | null {
  const plan = cheapest(table, filter, bounds);
  return plan ? plan.materialise() : null;
}

/**
 * The matching documents in sort order, `[skip, skip + limit)` (limit 0: all), through an ordered walk
 * when the estimates favour it, else by sorting the candidates.
 */
export function sortedMatches(
  table: Table,
  filter: Filter,
  matches: Matcher,
  sort: SortSpec,
  skip: number,
  limit: number,
): Doc[] {
  const bounds = boundsOf(filter);
  const window = limit > 0 ? skip + limit : Number.POSITIVE_INFINITY;
  const keyed = keyedPlan(table, filter);
  // When the lookup's candidates fit the window and are too few to be worth a walk, no walk would be
  // taken below, narrowed or not: not asking for one spares building an ordered index only to keep
  // it up on every write after (one issue's timeline, read whole, built a 150,000-entry tree whose
  // random inserts cost ~40 us of every new issue).
  const mayWalk = !keyed || keyed.estimate > window || worthWalking(keyed.estimate, window, table.size);
  const walk = mayWalk ? orderedWalk(table, sort, bounds) : null;
  if (walk) {
    // A walk under equality-pinned leading fields (`customerId = c`, newest first) visits only that
    // prefix's entries, in order: about `window` of them when the rest of the filter is loose, so it
    // beats sorting any larger candidate set (the budget below still bounds a wrong guess).
    const narrowed = walk.prefix.length > 0;
    if (!keyed || (narrowed ? keyed.estimate > window : worthWalking(keyed.estimate, window, table.size))) {
      const budget = keyed ? 2 * keyed.estimate + window : Number.POSITIVE_INFINITY;
      const out: Doc[] = [];
      let visited = 0;
      let complete = true;
      for (const id of walk.index.walk(walk.prefix, walk.range, walk.reverse)) {
        if (++visited > budget) {
          complete = false;
          break;
        }
        const doc = table.get(id)!;
        if (!matches(doc)) continue;
        out.push(doc);
        if (out.length >= window) break;
      }
      if (complete) return out.slice(skip);
    }
  }
  const plan = cheapest(table, filter, bounds, keyed);
  const docs: Doc[] = [];
  for (const doc of plan ? plan.materialise() : table.scan()) if (matches(doc)) docs.push(doc);
  return sortDocs(docs, sort, skip, limit);
}

/**
 * Walking costs about `window × size / matches` visits if matches are spread evenly along the order;
 * sorting the candidates costs about their count. (The walk's budget bounds a wrong guess.)
 */
function worthWalking(estimate: number, window: number, size: number): boolean {
  if (!Number.isFinite(window)) return estimate * 2 > size;
  return estimate * estimate > window * size;
}

interface Walk {
  index: OrderedIndex;
  prefix: unknown[];
  range: Range;
  reverse: boolean;
}

/**
 * An ordered index whose fields, after leading ones pinned by equalities, are exactly the sort or its
 * reverse (a sort that is only a prefix of an index would order ties differently from natural order).
 */
function orderedWalk(table: Table, sort: SortSpec, bounds: Bounds): Walk | null {
  const sortFields = Object.keys(sort);
  const sortDirections = Object.values(sort);
  let best: Walk | null = null;
  for (const index of table.ordered) {
    const k = index.fields.length - sortFields.length;
    if (k < 0) continue;
    if (!index.fields.slice(0, k).every((f) => isPoint(bounds.get(f)))) continue;
    let forward = true;
    let backward = true;
    for (let i = 0; i < sortFields.length; i++) {
      if (index.fields[k + i] !== sortFields[i]) forward = backward = false;
      else if (index.directions[k + i] === sortDirections[i]) backward = false;
      else forward = false;
    }
    // Asked last: an index is built on its first use, so only one that fits is built.
    if (!forward && !backward) continue;
    if (!index.usable) continue;
    const prefix = index.fields.slice(0, k).map((f) => bounds.get(f)!.lo);
    // More pinned fields means a narrower walk.
    if (!best || prefix.length > best.prefix.length) {
      best = { index, prefix, range: bounds.get(index.fields[k]!) ?? {}, reverse: backward };
    }
  }
  return best;
}

/**
 * The cheapest candidate plan for a filter, or null when scanning is as good. `keyed` is the lookup
 * plan when the caller has worked it out already (a sorted read does, to decide on a walk).
 */
function cheapest(
  table: Table,
  filter: Filter,
  bounds?: Bounds,
  keyed: CandidatePlan | null = keyedPlan(table, filter),
): CandidatePlan | null {
  let best = keyed;
  // A handful of candidates by lookup (one issue's clocks, runs, offers) is cheaper to match than
  // any walk of an ordered index is to start: the walk could at best save matching those few.
  // (The filter's bounds are worked out only past this point.)
  if (best && best.estimate <= FEW) return best;
  const half = Math.floor(table.size / 2);
  const ranged = rangePlan(
    table,
    filter,
    bounds ?? boundsOf(filter),
    best ? Math.min(best.estimate, half) : half,
  );
  if (ranged && (!best || ranged.estimate < best.estimate)) best = ranged;
  // A set holding most of the table costs more to gather and re-order than a scan.
  return best && (best.exact || best.estimate <= half) ? best : null;
}

/** Candidates through `_id` or a field lookup, estimated from entry sizes. */
function keyedPlan(table: Table, filter: Filter): CandidatePlan | null {
  let best: CandidatePlan | null = null;
  for (const field in filter) {
    const condition = (filter as Record<string, unknown>)[field];
    let found: CandidatePlan | null = null;
    if (field === '$and' && Array.isArray(condition)) {
      // Every conjunct must match, so any one conjunct's candidates cover the result: take the fewest.
      for (const conjunct of condition) {
        const sub = isPlainObject(conjunct) ? keyedPlan(table, conjunct as Filter) : null;
        if (sub && (!found || sub.estimate < found.estimate)) found = sub;
      }
    } else if (field.startsWith('$')) {
      continue;
    } else if (field === '_id') {
      const ids = idValues(condition);
      if (ids) found = { estimate: ids.length, exact: true, materialise: () => table.byIds(ids) };
    } else {
      const lookup = table.lookups.get(field);
      const keys = lookup ? equalityKeys(condition) : null;
      if (lookup && keys) {
        found = { estimate: lookup.count(keys), materialise: () => table.byIds(lookup.lookup(keys)) };
      }
    }
    if (found && (!best || found.estimate < best.estimate)) best = found;
    if (best && best.estimate === 0) break;
  }
  return best;
}

/**
 * Candidates from an ordered index whose leading fields are pinned and whose next field is ranged,
 * counted by walking at most `cap` entries (the walk is the gathering, so nothing is wasted).
 */
function rangePlan(table: Table, filter: Filter, bounds: Bounds, cap: number): CandidatePlan | null {
  let best: string[] | null = null;
  let limit = cap;
  for (const index of table.ordered) {
    const prefix: unknown[] = [];
    while (prefix.length < index.fields.length && isPoint(bounds.get(index.fields[prefix.length]!))) {
      prefix.push(bounds.get(index.fields[prefix.length]!)!.lo);
    }
    const next = index.fields[prefix.length];
    const range = next !== undefined ? bounds.get(next) : undefined;
    // Only a range (or a pinned pair) narrows more than the first field's lookup already does.
    if (!range && prefix.length < 2) continue;
    // An equality or `$in` on the first field is counted exactly by its lookup (keyedPlan); the hull of
    // the `$in` holds at least as many, so walking it could not win. Asking would still build the index
    // (the workload count's statuses and agents built two 100,000-entry trees kept up on every write).
    if (
      prefix.length === 0 &&
      next !== undefined &&
      table.lookups.has(next) &&
      onlyEquality((filter as Record<string, unknown>)[next])
    )
      continue;
    if (!index.usable) continue; // last: asking builds the index
    const ids: string[] = [];
    let within = true;
    for (const id of index.walk(prefix, range ?? {})) {
      if (ids.length >= limit) {
        within = false;
        break;
      }
      ids.push(id);
    }
    if (within && (!best || ids.length < best.length)) {
      best = ids;
      limit = ids.length;
    }
  }
  if (!best) return null;
  const ids = best;
  return { estimate: ids.length, materialise: () => table.byIds(ids) };
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

/** The condition is an equality or `$in` a lookup counts exactly, with nothing else that narrows it. */
function onlyEquality(condition: unknown): boolean {
  if (isOperatorObject(condition)) {
    const operators = Object.keys(condition);
    if (operators.length !== 1 || (operators[0] !== '$eq' && operators[0] !== '$in')) return false;
  }
  return equalityKeys(condition) !== null;
}

/**
 * Lookup keys ({@link lookupKey}) an equality-like condition can only match through. Arrays and null are left to the
 * scan: their matching rules (whole-array equality, null matching missing fields) reach documents the
 * lookup does not list under that value.
 */
function equalityKeys(condition: unknown): string[] | null {
  if (typeof condition === 'string' || typeof condition === 'boolean') return [lookupKey(condition)];
  if (typeof condition === 'number') return Number.isFinite(condition) ? [lookupKey(condition)] : null;
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
  if (isPlainObject(condition)) return [lookupKey(condition)];
  return null;
}
