/** A value now, or a promise of it: what a step that usually answers at once returns. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * `f(x)`, after `x` settles when it is a promise; at once (no promise, no turn) when it is not. For
 * chains that are synchronous most of the time, such as a condition over the issue's own fields.
 */
export function andThen<T, U>(x: MaybePromise<T>, f: (value: T) => U): MaybePromise<U> {
  return x instanceof Promise ? x.then(f) : f(x);
}
