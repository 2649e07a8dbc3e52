/**
 * Shape checks shared by both adapters. They pin the port's supported subset: an operator outside it
 * fails with the same StoreQueryError on the embedded store and on MongoDB, instead of working on one
 * and not the other (mingo and MongoDB each support more than the port promises, not the same more).
 */
import type { Filter, FindOptions, Projection, SortSpec, Update } from '../port.ts';
import { StoreQueryError } from '../port.ts';

const LOGICAL = new Set(['$and', '$or', '$nor']);
const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$options',
  '$elemMatch',
  '$all',
  '$not',
]);
export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$pull',
  '$setOnInsert',
]);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An object whose keys are all `$operators` (an operator expression), as opposed to a value to match. */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export function assertFilter(filter: Filter): void {
  if (!isPlainObject(filter)) throw new StoreQueryError('a filter must be a plain object');
  // for…in over a plain object (checked above): the same own keys, without an array per entry.
  for (const key in filter) {
    const value = (filter as Record<string, unknown>)[key];
    if (key.startsWith('$')) {
      if (!LOGICAL.has(key)) throw new StoreQueryError(`unsupported top-level query operator ${key}`);
      if (!Array.isArray(value) || value.length === 0) {
        throw new StoreQueryError(`${key} needs a non-empty array of filters`);
      }
      for (const clause of value) assertFilter(clause as Filter);
    } else {
      assertFieldCondition(key, value);
    }
  }
}

function assertFieldCondition(field: string, condition: unknown): void {
  // The driver would drop an undefined condition and match everything: refuse it on both adapters.
  if (condition === undefined) throw new StoreQueryError(`the filter on ${field} is undefined`);
  if (!isPlainObject(condition)) return; // a literal to match (or a RegExp)
  const keys = Object.keys(condition);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return; // an embedded document to match exactly
  if (operators.length !== keys.length) {
    throw new StoreQueryError(`the condition on ${field} mixes operators and field names`);
  }
  for (const op of operators) {
    if (!FIELD_OPERATORS.has(op)) throw new StoreQueryError(`unsupported query operator ${op} on ${field}`);
    const operand = condition[op];
    if (operand === undefined) throw new StoreQueryError(`${op} on ${field} is undefined`);
    if ((op === '$in' || op === '$nin' || op === '$all') && !Array.isArray(operand)) {
      throw new StoreQueryError(`${op} on ${field} needs an array`);
    }
    if (op === '$options' && !('$regex' in condition))
      throw new StoreQueryError(`$options without $regex on ${field}`);
    if (op === '$not') {
      if (!(operand instanceof RegExp) && !isOperatorObject(operand)) {
        throw new StoreQueryError(`$not on ${field} needs a regular expression or an operator expression`);
      }
      assertFieldCondition(field, operand);
    }
    if (op === '$elemMatch') {
      if (!isPlainObject(operand)) throw new StoreQueryError(`$elemMatch on ${field} needs an object`);
      // Either conditions on the element itself ({ $gte: 80 }) or a filter over element fields.
      if (isOperatorObject(operand) && !Object.keys(operand).some((k) => LOGICAL.has(k))) {
        assertFieldCondition(field, operand);
      } else {
        assertFilter(operand);
      }
    }
  }
}

/** Operators only (no replacement documents), each from the port's list, each with an object operand. */
export function assertUpdate(update: Update): void {
  if (!isPlainObject(update))
    throw new StoreQueryError('an update must be a plain object of update operators');
  const ops = Object.keys(update);
  if (ops.length === 0) throw new StoreQueryError('an update needs at least one update operator');
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new StoreQueryError(
        op.startsWith('$')
          ? `unsupported update operator ${op}`
          : `replacement documents are not supported (found field ${op}); use $set`,
      );
    }
    const operand = (update as Record<string, unknown>)[op];
    if (!isPlainObject(operand)) throw new StoreQueryError(`${op} needs an object of field paths`);
    for (const path of Object.keys(operand)) {
      if (path === '' || path.split('.').some((part) => part === '' || part.startsWith('$'))) {
        throw new StoreQueryError(`${op}: unsupported field path ${JSON.stringify(path)}`);
      }
    }
  }
  // MongoDB refuses the same path in $set and $setOnInsert; refusing it here keeps the adapters aligned.
  if (update.$set && update.$setOnInsert) {
    for (const path of Object.keys(update.$setOnInsert)) {
      for (const other of Object.keys(update.$set)) {
        if (pathsOverlap(path, other)) {
          throw new StoreQueryError(`updating the path '${path}' would create a conflict at '${other}'`);
        }
      }
    }
  }
}

export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

export function assertSort(sort: SortSpec | undefined): void {
  if (sort === undefined) return;
  if (!isPlainObject(sort)) throw new StoreQueryError('sort must be an object of field: 1 | -1');
  for (const [field, direction] of Object.entries(sort)) {
    if (direction !== 1 && direction !== -1) {
      throw new StoreQueryError(`sort on ${field} must be 1 or -1, got ${JSON.stringify(direction)}`);
    }
  }
}

export function assertProjection(projection: Projection | undefined): void {
  if (projection === undefined) return;
  if (!isPlainObject(projection)) throw new StoreQueryError('projection must be an object of field: 0 | 1');
  let include = false;
  let exclude = false;
  for (const [field, flag] of Object.entries(projection)) {
    if (flag !== 0 && flag !== 1) throw new StoreQueryError(`projection of ${field} must be 0 or 1`);
    if (field === '_id') continue;
    if (flag === 1) include = true;
    else exclude = true;
  }
  if (include && exclude)
    throw new StoreQueryError('a projection cannot mix inclusion and exclusion (except _id)');
}

export function assertFindOptions(options: FindOptions | undefined): void {
  if (!options) return;
  assertSort(options.sort);
  assertProjection(options.projection);
  for (const key of ['skip', 'limit'] as const) {
    const n = options[key];
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
      throw new StoreQueryError(`${key} must be a non-negative integer, got ${n}`);
    }
  }
}

export function assertCollectionName(name: string): void {
  if (
    typeof name !== 'string' ||
    name === '' ||
    name.includes('$') ||
    name.includes('\0') ||
    name.startsWith('system.')
  ) {
    throw new StoreQueryError(`invalid collection name ${JSON.stringify(name)}`);
  }
}

export function assertDocumentId(doc: unknown): void {
  if (!isPlainObject(doc)) throw new StoreQueryError('a document must be a plain object');
  if (typeof doc._id !== 'string' || doc._id === '') {
    throw new StoreQueryError('a document needs a non-empty string _id');
  }
}
