/**
 * Filters and projections run on mingo, a faithful implementation of MongoDB's query language, with
 * only query and projection operators loaded and scripts (`$where`) disabled. mingo's own errors
 * become StoreQueryError so callers see one error type for a bad query on either adapter.
 */
import { Context, ProcessingMode } from 'mingo/core';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { MingoError } from 'mingo/util';
import type { Filter, Projection } from '../port.ts';
import { StoreQueryError } from '../port.ts';
import type { Doc } from './json.ts';

export const mingoOptions: Partial<Options> = {
  context: Context.init({ query: queryOperators, projection: projectionOperators }),
  scriptEnabled: false,
  processingMode: ProcessingMode.CLONE_OFF,
  useStrictMode: true,
};

export type Matcher = (doc: Doc) => boolean;

const MATCH_ALL: Matcher = () => true;

/**
 * Compiled filters, per store (not module-global): most queries repeat (the same status filter, the
 * same sweep), and compiling through mingo costs more than testing a document. Keyed by the filter's
 * JSON, with RegExps spelled out; the oldest entry goes first once full.
 */
export class MatcherCache {
  readonly #entries = new Map<string, Matcher>();

  constructor(private readonly capacity = 512) {}

  get size(): number {
    return this.#entries.size;
  }

  compile(filter: Filter): Matcher {
    const keys = Object.keys(filter);
    if (keys.length === 0) return MATCH_ALL;
    const simple = compileEquality(filter, keys);
    if (simple) return simple;
    const key = JSON.stringify(filter, regexpAware);
    let matcher = this.#entries.get(key);
    if (matcher) return matcher;
    matcher = compileFilter(filter);
    if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, matcher);
    return matcher;
  }
}

function regexpAware(_key: string, value: unknown): unknown {
  return value instanceof RegExp ? { '\u0000regexp': [value.source, value.flags] } : value;
}

type Scalar = string | number | boolean;

function isEqualityScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Filters that only test fields for equality with (or `$in` of) strings, numbers and booleans — by
 * far the most common, `{_id}`, `{externalId}`, `{key, status}`, `{issueId, status, 'waiting.event'}`,
 * and `$and` of such (a page filter and its cursor) — as plain code. Compiling through mingo bakes the
 * values in, so a cache keyed by the filter misses on every distinct issue id; these are compiled per
 * call in microseconds instead, whatever the values. MongoDB's rule is the whole of it: the field
 * equals the value, or is an array holding it; a dotted path also looks into each element of an
 * array on its way (`tokens.waiting.event`). Anything else (null, numeric path segments, objects,
 * other operators, `$in` on a dotted path) goes to mingo.
 */
function compileEquality(filter: Filter, keys: string[]): Matcher | null {
  const tests: Array<{ path: string[] | null; field: string; values: Scalar[] }> = [];
  if (!collectEquality(filter, keys, tests)) return null;
  if (tests.length === 0) return MATCH_ALL;
  return (doc) => {
    for (const { path, field, values } of tests) {
      if (path === null) {
        const value = Object.hasOwn(doc, field) ? doc[field] : undefined;
        if (!holds(value, values)) return false;
      } else if (!pathHolds(doc, path, 0, values)) return false;
    }
    return true;
  };
}

function collectEquality(
  filter: Filter,
  keys: string[],
  tests: Array<{ path: string[] | null; field: string; values: Scalar[] }>,
): boolean {
  for (const field of keys) {
    const condition = filter[field];
    if (field === '$and') {
      if (!Array.isArray(condition) || condition.length === 0) return false;
      for (const part of condition as unknown[]) {
        if (typeof part !== 'object' || part === null || Array.isArray(part)) return false;
        if (!collectEquality(part as Filter, Object.keys(part), tests)) return false;
      }
      continue;
    }
    if (field.startsWith('$')) return false;
    let path: string[] | null = null;
    if (field.includes('.')) {
      path = field.split('.');
      if (path.some((segment) => segment === '' || /^\d+$/.test(segment) || segment.startsWith('$')))
        return false;
    }
    if (isEqualityScalar(condition)) {
      tests.push({ path, field, values: [condition] });
      continue;
    }
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return false;
    const ops = Object.keys(condition);
    if (ops.length !== 1) return false;
    const operand = (condition as Record<string, unknown>)[ops[0]!];
    if (ops[0] === '$eq' && isEqualityScalar(operand)) tests.push({ path, field, values: [operand] });
    // mingo's $in through arrays of arrays differs from its $eq there; dotted $in stays with mingo.
    else if (ops[0] === '$in' && path === null && Array.isArray(operand) && operand.every(isEqualityScalar))
      tests.push({ path, field, values: operand });
    else return false;
  }
  return true;
}

/** The value equals one of `values`, or is an array holding one. */
function holds(value: unknown, values: readonly Scalar[]): boolean {
  if (Array.isArray(value)) return value.some((element) => values.includes(element as Scalar));
  return values.includes(value as Scalar);
}

/** MongoDB's dotted-path equality: an array on the way is looked into, element by element. */
function pathHolds(value: unknown, path: readonly string[], at: number, values: readonly Scalar[]): boolean {
  if (at === path.length) return holds(value, values);
  if (Array.isArray(value)) {
    for (const element of value) {
      if (typeof element === 'object' && element !== null && !Array.isArray(element)) {
        if (pathHolds(element, path, at, values)) return true;
      }
    }
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const segment = path[at]!;
  return Object.hasOwn(record, segment) && pathHolds(record[segment], path, at + 1, values);
}

export function compileFilter(filter: Filter): Matcher {
  if (Object.keys(filter).length === 0) return MATCH_ALL;
  const query = mingoCall(() => new Query(filter, mingoOptions));
  return (doc) => query.test(doc);
}

/** Applies a projection; the output may share nested values with the input, so callers copy it. */
export function project(docs: Doc[], projection: Projection): Doc[] {
  if (docs.length === 0) return docs;
  const picked = topLevelInclusion(projection);
  if (picked) {
    // MongoDB's order: _id first (unless excluded), then the included fields in document order.
    return docs.map((doc) => {
      const out: Doc = (picked.id && '_id' in doc ? { _id: doc._id } : {}) as Doc;
      for (const key of Object.keys(doc)) if (key !== '_id' && picked.fields.has(key)) out[key] = doc[key];
      return out;
    });
  }
  const projected = mingoCall(() => new Query({}, mingoOptions).find<Doc>(docs, projection).all());
  // mingo appends _id after included fields; MongoDB (and JSON readers) expect it first.
  return projected.map((doc) => {
    if (!('_id' in doc)) return doc;
    const { _id, ...rest } = doc;
    return { _id, ...rest } as Doc;
  });
}

/**
 * An inclusion projection of top-level fields (`{_id: 1, assignee: 1}`, `_id` included unless 0) —
 * picked in plain code, since building a mingo query per call cost more than the read it projected —
 * or null for anything else (exclusions, dotted paths, operators), which mingo applies.
 */
function topLevelInclusion(projection: Projection): { id: boolean; fields: Set<string> } | null {
  const fields = new Set<string>();
  let id = true;
  for (const [key, value] of Object.entries(projection)) {
    if (key === '_id') {
      if (value === 0) id = false;
      else if (value !== 1) return null;
      continue;
    }
    if (key.startsWith('$') || key.includes('.') || value !== 1) return null;
    fields.add(key);
  }
  return fields.size > 0 ? { id, fields } : null;
}

/** Runs mingo, turning its errors (unknown operator, bad operand) into StoreQueryError. */
export function mingoCall<R>(fn: () => R): R {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MingoError) throw new StoreQueryError(error.message);
    throw error;
  }
}
