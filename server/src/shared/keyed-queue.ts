/**
 * Runs tasks one at a time per key (an issue, a queue), in the order they were queued, and tasks of
 * different keys concurrently. Bus handlers use it so that, say, an issue's `issue.created` and its
 * first `message.added` never drive the same SLA clocks at the same moment in this process; across
 * instances the store's conditional updates (`gen`, state preconditions) keep transitions single.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    // Settles once the task has, never rejects, and forgets the key when nothing queued behind it
    // (one reaction for both; a catch and then a then were a promise more per task).
    const settle = (): void => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
    const tail: Promise<void> = result.then(settle, settle);
    this.#tails.set(key, tail);
    return result;
  }
}
