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
