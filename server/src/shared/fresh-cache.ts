/**
 * Store reads kept in memory for a short while, for what every issue asks and people rarely change
 * (policies, which flows are enabled). The owning service calls `invalidate()` after each of its
 * writes, so this instance never reads its own stale data; another instance sharing a MongoDB store
 * changes the data without telling this one, so entries are also read again once older than
 * `maxAgeMs` (default 5 s: the longest a change made elsewhere takes to be seen here). A read that
 * began before an invalidation does not fill the cache with what it read.
 *
 * Cached values are shared between callers: they are deep-frozen when they are stored, so a caller
 * that tried to change one would fail loudly instead of changing everyone's copy.
 */
export class FreshCache<T> {
  readonly #entries = new Map<string, { at: number; value: T }>();
  #generation = 0;

  constructor(readonly maxAgeMs = 5_000) {}

  /** After any write to what is cached: everything is read again on next use. */
  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at <= this.maxAgeMs) return hit.value;
    const generation = this.#generation;
    const value = deepFreeze(await load());
    if (generation === this.#generation) this.#entries.set(key, { at: now, value });
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
