/**
 * One job: a short cache for routing previews (dry runs: simulate, replay). A replay over thousands
 * of past issues should not read the directory thousands of times, so previews read policies and
 * pools through here; an entry is dropped after a few seconds or at any local change to policies,
 * teams or agents (the revision). Live routing never reads through it.
 */
const PREVIEW_CACHE_MS = 5000;
const MAX_ENTRIES = 1000;

export class PreviewCache {
  readonly #entries = new Map<string, { revision: string; at: number; value: Promise<unknown> }>();

  constructor(private readonly revision: () => string) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const revision = this.revision();
    const now = performance.now();
    const hit = this.#entries.get(key);
    if (hit && hit.revision === revision && now - hit.at < PREVIEW_CACHE_MS) return hit.value as Promise<T>;
    if (this.#entries.size > MAX_ENTRIES) this.#entries.clear();
    const value = load();
    this.#entries.set(key, { revision, at: now, value });
    return value;
  }
}
