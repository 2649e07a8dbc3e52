/**
 * Update operators run on mingo's update operators, except the commonest shapes (top-level `$set` /
 * `$unset`, numeric `$inc` / `$max` / `$min` through plain objects), applied in plain code. Around them: the checks where mingo silently does nothing but
 * MongoDB refuses (`$inc` on a string, `$push` onto a non-array, a path through a scalar), the
 * `$setOnInsert` handling, and the upsert seed document MongoDB builds from the filter.
 */
import * as ops from 'mingo/operators/update';
import type { Filter, Update } from '../port.ts';
import { StoreQueryError } from '../port.ts';
import { toPlainJson } from '../shared/encode.ts';
import { setField } from '../shared/fields.ts';
import { newDocumentId } from '../shared/ids.ts';
import { equalityFields } from '../shared/upsert.ts';
import { isPlainObject, pathsOverlap } from '../shared/validate.ts';
import { cloneJson, type Doc, encodeDocument } from './json.ts';
import { mingoCall } from './query.ts';

type Operand = Record<string, unknown>;

/**
 * The document after `update` (a fresh object, never the stored one), or null when nothing changed.
 * `$setOnInsert` is ignored: this is the path for documents that already exist.
 */
export function applyUpdate(doc: Doc, update: Update): { doc: Doc; json: string } | null {
  const modifier: Record<string, Operand> = {};
  for (const op of Object.keys(update)) {
    if (op !== '$setOnInsert') modifier[op] = (update as Record<string, Operand>)[op]!;
  }
  // MongoDB accepts setting _id to the value it already has; any other change of _id is refused below.
  if (modifier.$set && '_id' in modifier.$set && modifier.$set._id === doc._id) {
    const { _id, ...rest } = modifier.$set;
    modifier.$set = rest;
  }
  if (topLevelOnly(modifier)) {
    // Most updates (`{$set: {status, updatedAt}}`): a shallow copy is enough, since stored documents
    // are never mutated and the new version may share the old one's nested values; and it is plain
    // JSON already (the stored document is, set values are copied as JSON holds them), so its text is
    // all that is left to make. Deep-copying it, then copying it again to encode, was ~12 % of an
    // issue's `updateOne` (profiled).
    const updated = runUpdate({ ...doc }, modifier);
    if (!updated) return null;
    return { doc: updated as Doc, json: JSON.stringify(updated) };
  }
  const updated = runUpdate(cloneJson(doc), modifier);
  if (!updated) return null;
  return encodeDocument(updated);
}

/** Only `$set` / `$unset` of top-level fields that are plain assignments (see {@link applyTopLevel}). */
function topLevelOnly(modifier: Update): boolean {
  for (const op of Object.keys(modifier)) {
    if (op !== '$set' && op !== '$unset') return false;
    const expr = (modifier as Record<string, unknown>)[op];
    if (!isPlainObject(expr)) return false;
    for (const field of Object.keys(expr)) {
      if (!isTopLevelField(field) || UNSAFE_KEYS.has(field)) return false;
    }
  }
  return true;
}

/** The document an upsert inserts: the filter's equality fields, then the update with `$setOnInsert`. */
export function buildUpsertDocument(filter: Filter, update: Update): { doc: Doc; json: string } {
  const seed: Record<string, unknown> = {};
  for (const [path, value] of equalityFields(filter)) setPath(seed, path, toPlainJson(value));
  const { $setOnInsert, ...rest } = update;
  const { _id: setId, ...set } = { ...rest.$set, ...$setOnInsert };
  if (setId !== undefined && seed._id !== undefined && setId !== seed._id) {
    throw new StoreQueryError('upsert: the update sets an _id different from the one in the filter');
  }
  const seeded =
    runUpdate(seed, { ...rest, ...(Object.keys(set).length > 0 || rest.$set ? { $set: set } : {}) }) ?? seed;
  // MongoDB puts _id first and generates one when neither filter nor update gave it.
  const { _id, ...fields } = seeded;
  const id = setId ?? _id;
  return encodeDocument({ _id: id === undefined ? newDocumentId() : id, ...fields });
}

type OperatorFn = (expr: Record<string, unknown>) => (obj: Record<string, unknown>) => string[];

/** mingo's update operators, called directly (mingo's updateOne re-registers operators on every call). */
const OPERATORS = {
  $set: ops.$set,
  $unset: ops.$unset,
  $inc: ops.$inc,
  $min: ops.$min,
  $max: ops.$max,
  $push: ops.$push,
  $addToSet: ops.$addToSet,
  $pull: ops.$pull,
} as Record<string, OperatorFn>;

/**
 * Applies the operators to `target` (a copy the caller made); the updated document, or null if
 * nothing changed. Fields whose operand is undefined are skipped, as JSON (and the MongoDB driver's
 * ignoreUndefined) would drop them.
 *
 * A `$unset` of top-level fields is applied last, as a copy without them, not by `delete`: V8 turns
 * an object that loses a field into a dictionary, and a stored document stays one for as long as it
 * is stored (slower to read, copy and stringify; an SLA clock loses `runningSince` and `dueAt` when
 * it pauses or stops, a timer its lease when it fires). Last is the same result: no other operator
 * may touch those paths (assertNoConflicts).
 */
function runUpdate(target: Record<string, unknown>, update: Update): Record<string, unknown> | null {
  const modifier = withoutUndefined(update);
  assertNoConflicts(modifier);
  assertTargets(target, modifier);
  let changed = false;
  let removed: string[] | undefined;
  for (const [op, expr] of Object.entries(modifier) as Array<[string, Operand]>) {
    if (op === '$unset' && Object.keys(expr).every(isTopLevelField)) {
      const present = Object.keys(expr).filter((field) => Object.hasOwn(target, field));
      if (present.length > 0) removed = [...(removed ?? []), ...present];
      continue;
    }
    const direct = applyTopLevel(target, op, expr) ?? applyNumeric(target, op, expr);
    if (direct !== null) {
      if (direct) changed = true;
      continue;
    }
    const operator = OPERATORS[op];
    if (!operator) throw new StoreQueryError(`unsupported update operator ${op}`);
    if (mingoCall(() => operator(expr)(target)).length > 0) changed = true;
  }
  if (removed) return withoutFields(target, removed);
  return changed ? target : null;
}

/** A copy of `doc` without `fields` (own fields of it), each left out by a rest pattern, which keeps the copy a fast object. */
function withoutFields(doc: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  let out = doc;
  for (const field of fields) {
    const { [field]: _removed, ...rest } = out;
    out = rest;
  }
  return out;
}

/** A field an assignment can set on the document itself: not `_id`, not a dotted path or an operator. */
function isTopLevelField(field: string): boolean {
  return field !== '_id' && field !== '' && !field.includes('.') && !field.startsWith('$');
}

/**
 * `$set` of top-level fields other than `_id` — most updates (`{$set: {status, updatedAt}}`) — applied
 * as plain assignments: going through mingo's operators cost more than the rest of an update. Returns
 * whether anything changed, or null for anything else (dotted paths, other operators), which mingo
 * applies. The same rules: `$set` of an equal value changes nothing; set values are copied as JSON
 * holds them, so the caller's objects never become part of a stored document and a Date is stored as
 * its ISO string, as everywhere else. (`$unset` of top-level fields: {@link runUpdate}.)
 */
function applyTopLevel(target: Record<string, unknown>, op: string, expr: Operand): boolean | null {
  if (op !== '$set') return null;
  const fields = Object.keys(expr);
  for (const field of fields) {
    if (!isTopLevelField(field)) return null;
  }
  let changed = false;
  for (const field of fields) {
    // As JSON holds it (a Date as its ISO string), so an equal value is seen as no change.
    const value = toPlainJson(expr[field]);
    if (value === undefined) continue; // a function or symbol: JSON drops the field, so does the update
    if (!Object.hasOwn(target, field) || !jsonEqual(target[field], value)) {
      target[field] = value;
      changed = true;
    }
  }
  return changed;
}

/**
 * `$inc`, `$max` and `$min` of numbers along paths through plain objects (`c.handoffs`,
 * `m.queueWaitMax`: analytics' counters, flushed as one update of many fields) applied as plain
 * arithmetic; mingo's path walking cost more than the rest of such an update. Returns whether anything
 * changed, or null — for mingo — when a path goes through an array or a value or operand is not a
 * number (mixed-type comparisons follow BSON order there). The same rules as mingo and MongoDB: missing
 * fields and the objects on their way are created, `$inc` of a missing field sets the increment, and a
 * field changes only when its value does. Runs after {@link assertTargets} has refused what MongoDB refuses.
 */
/** Keys that would reach an object's prototype if assigned: left to mingo's own handling. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function applyNumeric(target: Record<string, unknown>, op: string, expr: Operand): boolean | null {
  if (op !== '$inc' && op !== '$max' && op !== '$min') return null;
  const steps: Array<{ parts: string[]; operand: number }> = [];
  for (const [path, operand] of Object.entries(expr)) {
    if (typeof operand !== 'number' || !Number.isFinite(operand)) return null;
    if (path === '_id' || path.startsWith('_id.')) return null;
    const parts = path.split('.');
    let current: unknown = target;
    for (const part of parts) {
      if (part === '' || part.startsWith('$') || UNSAFE_KEYS.has(part) || !isPlainObject(current))
        return null;
      current = Object.hasOwn(current, part) ? current[part] : undefined;
      if (current === undefined) break;
    }
    if (current !== undefined && typeof current !== 'number') return null;
    steps.push({ parts, operand });
  }
  let changed = false;
  for (const { parts, operand } of steps) {
    let parent = target;
    for (const part of parts.slice(0, -1)) {
      const next = parent[part];
      if (isPlainObject(next)) parent = next;
      else parent = parent[part] = {};
    }
    const field = parts[parts.length - 1]!;
    const previous = parent[field] as number | undefined;
    let next: number;
    if (previous === undefined) next = op === '$inc' ? 0 + operand : operand;
    else if (op === '$inc') next = previous + operand;
    else if (op === '$max') next = Math.max(operand, previous);
    else next = Math.min(operand, previous);
    if (next !== previous) {
      parent[field] = next;
      changed = true;
    }
  }
  return changed;
}

/** Deep equality of JSON values (key order ignored, as MongoDB's $set no-op check does for mingo). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, i) => jsonEqual(value, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((key) => Object.hasOwn(rb, key) && jsonEqual((a as Record<string, unknown>)[key], rb[key]));
}

function withoutUndefined(update: Update): Update {
  const out: Record<string, Operand> = {};
  for (const op of Object.keys(update)) {
    const operand = (update as Record<string, Operand>)[op]!;
    let kept: Operand | undefined;
    for (const field of Object.keys(operand)) {
      const value = operand[field];
      if (value === undefined) continue;
      kept ??= {};
      // A "__proto__" field stays a field, as `Object.fromEntries` kept it.
      setField(kept, field, value);
    }
    if (kept) out[op] = kept;
  }
  return out;
}

/** MongoDB refuses an update that touches one path (or a path and its parent) twice. */
function assertNoConflicts(modifier: Update): void {
  const paths: string[] = [];
  for (const operand of Object.values(modifier))
    for (const path of Object.keys(operand as Operand)) paths.push(path);
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      if (pathsOverlap(paths[i]!, paths[j]!)) {
        throw new StoreQueryError(`updating the path '${paths[i]}' would create a conflict at '${paths[j]}'`);
      }
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (isPlainObject(next)) current = next;
    else current = current[part] = {};
  }
  current[parts[parts.length - 1]!] = value;
}

const CREATING_OPERATORS = new Set(['$set', '$inc', '$min', '$max', '$push', '$addToSet']);

/** MongoDB's refusals that mingo would turn into silent no-ops. */
function assertTargets(doc: Record<string, unknown>, modifier: Update): void {
  for (const [op, operand] of Object.entries(modifier) as Array<[string, Operand]>) {
    for (const [path, value] of Object.entries(operand)) {
      assertOperand(op, path, value);
      const reached = reach(doc, path.split('.'));
      if (reached.kind === 'blocked') {
        if (CREATING_OPERATORS.has(op)) {
          throw new StoreQueryError(
            `${op}: cannot create field '${reached.part}' of ${path} in a non-document value`,
          );
        }
        continue;
      }
      if (reached.kind === 'missing') continue;
      const current = reached.value;
      if (op === '$inc' && typeof current !== 'number') {
        throw new StoreQueryError(`$inc: cannot apply to ${path}, a value of non-numeric type`);
      }
      if ((op === '$push' || op === '$addToSet' || op === '$pull') && !Array.isArray(current)) {
        throw new StoreQueryError(`${op}: ${path} must be an array`);
      }
    }
  }
}

function assertOperand(op: string, path: string, value: unknown): void {
  if (op === '$inc' && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new StoreQueryError(`$inc: the increment for ${path} must be a number`);
  }
  if ((op === '$push' || op === '$addToSet') && isPlainObject(value)) {
    const modifiers = Object.keys(value).filter((k) => k.startsWith('$'));
    if (modifiers.length === 0) return; // a document to append
    const allowed = op === '$push' ? ['$each', '$slice'] : ['$each'];
    if (!('$each' in value) || modifiers.some((m) => !allowed.includes(m))) {
      throw new StoreQueryError(
        `${op} on ${path}: supported modifiers are ${allowed.join(', ')} (with $each)`,
      );
    }
    if (!Array.isArray(value.$each)) throw new StoreQueryError(`${op} on ${path}: $each needs an array`);
    if ('$slice' in value && !Number.isInteger(value.$slice)) {
      throw new StoreQueryError(`$push on ${path}: $slice needs an integer`);
    }
  }
}

type Reached = { kind: 'value'; value: unknown } | { kind: 'missing' } | { kind: 'blocked'; part: string };

function reach(doc: unknown, parts: string[]): Reached {
  let current: unknown = doc;
  for (const part of parts) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return { kind: 'blocked', part };
      current = current[Number(part)];
    } else if (isPlainObject(current)) {
      current = Object.hasOwn(current, part) ? current[part] : undefined;
    } else {
      return { kind: 'blocked', part };
    }
    if (current === undefined) return { kind: 'missing' };
  }
  return { kind: 'value', value: current };
}
