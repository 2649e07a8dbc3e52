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
 * Filters that only test top-level fields for equality with (or `$in` of) strings, numbers and
 * booleans — by far the most common, `{_id}`, `{externalId}`, `{key, status}` — as plain code.
 * MongoDB's rule is the whole of it: the field equals the value, or is an array holding it. Anything
 * else (null, dotted paths, objects, other operators) goes to mingo.
 */
function compileEquality(filter: Filter, keys: string[]): Matcher | null {
  const tests: Array<{ field: string; values: Scalar[] }> = [];
  for (const field of keys) {
    if (field.startsWith('$') || field.includes('.')) return null;
    const condition = filter[field];
    if (isEqualityScalar(condition)) {
      tests.push({ field, values: [condition] });
      continue;
    }
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return null;
    const ops = Object.keys(condition);
    if (ops.length !== 1) return null;
    const operand = (condition as Record<string, unknown>)[ops[0]!];
    if (ops[0] === '$eq' && isEqualityScalar(operand)) tests.push({ field, values: [operand] });
    else if (ops[0] === '$in' && Array.isArray(operand) && operand.every(isEqualityScalar))
      tests.push({ field, values: operand });
    else return null;
  }
  return (doc) => {
    for (const { field, values } of tests) {
      const value = Object.hasOwn(doc, field) ? doc[field] : undefined;
      if (Array.isArray(value)) {
        if (!value.some((element) => values.includes(element as Scalar))) return false;
      } else if (!values.includes(value as Scalar)) {
        return false;
      }
    }
    return true;
  };
}

export function compileFilter(filter: Filter): Matcher {
  if (Object.keys(filter).length === 0) return MATCH_ALL;
  const query = mingoCall(() => new Query(filter, mingoOptions));
  return (doc) => query.test(doc);
}

/** Applies a projection; the output may share nested values with the input, so callers copy it. */
export function project(docs: Doc[], projection: Projection): Doc[] {
  if (docs.length === 0) return docs;
  const projected = mingoCall(() => new Query({}, mingoOptions).find<Doc>(docs, projection).all());
  // mingo appends _id after included fields; MongoDB (and JSON readers) expect it first.
  return projected.map((doc) => {
    if (!('_id' in doc)) return doc;
    const { _id, ...rest } = doc;
    return { _id, ...rest } as Doc;
  });
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
