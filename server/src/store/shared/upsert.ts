/**
 * What MongoDB does when an upsert inserts: the new document starts from the filter's equality
 * conditions (`field: value`, `field: { $eq: value }`, also inside `$and`), then the update applies,
 * with `$setOnInsert` included. Only the embedded adapter builds the document this way; the MongoDB
 * adapter uses it to know whether it must supply a string `_id`.
 */
import type { Filter, Update } from '../port.ts';
import { StoreQueryError } from '../port.ts';
import { isOperatorObject, isPlainObject, pathsOverlap } from './validate.ts';

export function equalityFields(filter: Filter): Array<[path: string, value: unknown]> {
  const out: Array<[string, unknown]> = [];
  collect(filter, out);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const [a] = out[i]!;
      const [b] = out[j]!;
      if (pathsOverlap(a, b))
        throw new StoreQueryError(`upsert: the filter gives ${a} and ${b} conflicting values`);
    }
  }
  return out;
}

function collect(filter: Filter, out: Array<[string, unknown]>): void {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const clause of condition) collect(clause as Filter, out);
    } else if (key.startsWith('$') || condition instanceof RegExp) {
      // $or/$nor pick no single value; a regular expression is not a value.
    } else if (isOperatorObject(condition)) {
      if ('$eq' in condition && !(condition.$eq instanceof RegExp)) out.push([key, condition.$eq]);
    } else {
      out.push([key, condition]);
    }
  }
}

/** True when an upsert of this filter and update would fix the new document's `_id` itself. */
export function upsertPinsId(filter: Filter, update: Update): boolean {
  if (equalityFields(filter).some(([path]) => path === '_id')) return true;
  return (
    (isPlainObject(update.$set) && '_id' in update.$set) ||
    (isPlainObject(update.$setOnInsert) && '_id' in update.$setOnInsert)
  );
}
