/**
 * `{ ...base, ...extra }` for the hot paths, built without the slow path V8 (11.3, Node 20) takes
 * for each property a literal defines after a leading spread. The spread clones `base`'s hidden
 * class, and each property after it then goes through the runtime: ~0.7 µs each, ~8 µs for a flow
 * run's record, where an object literal without a leading spread takes well under 0.1 µs.
 * `Object.assign` onto an empty object takes the usual transitions (~0.4 µs for that record).
 *
 * The result is the same: the own enumerable properties of both, in order, `extra`'s winning. The
 * one difference is an own "__proto__" field, which `Object.assign` would turn into the prototype;
 * such objects take the spread.
 *
 * For records of up to 16 fields: `Object.assign` defines each field by a keyed store, and V8 turns
 * an object given more than 16 that way into a dictionary (see shared/documents.ts). A stored
 * document's copy is a rest and spread instead.
 */
export function merge<A extends object, B extends object>(base: A, extra: B): Omit<A, keyof B> & B {
  if (Object.hasOwn(base, '__proto__') || Object.hasOwn(extra, '__proto__')) return { ...base, ...extra };
  return Object.assign({}, base, extra);
}
