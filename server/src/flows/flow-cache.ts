/**
 * What every trigger event asks of the flows module — which flows start on this event, and the
 * published version they run — kept in memory instead of read from the store per event (two finds
 * and a document copy per flow per event were a tenth of an issue's cost).
 *
 * Published versions never change, so they are kept until their flow is deleted. Which flows are
 * enabled, and their names and versions, change only through FlowService, which calls `invalidate()`
 * after each write; another instance sharing a MongoDB store changes them without telling this one,
 * so those entries are also re-read once older than `maxAgeMs` ({@link FreshCache}). Cached values
 * are shared: enabled sets and metadata are frozen, versions are treated as read-only.
 *
 * A flow's trace share can end by itself (an admin turns full traces on for an hour): whoever loads
 * an entry that holds such a share tells the cache when it ends ({@link FlowCache.expireAt}), and the
 * first read at or after that moment, by the service's clock, reads everything again.
 */
import type { FlowDocument, FlowRecord } from '@baton/schemas';
import { FreshCache } from '../shared/fresh-cache.ts';

/** The flow fields the runtimes decide with (no lastRun: reading it costs a query). */
export type FlowMeta = Pick<
  FlowRecord,
  'id' | 'name' | 'kind' | 'enabled' | 'enabledVersion' | 'latestVersion'
> & {
  /** Share of live runs (0–100) that keep their full trace: the flow's own, else the default. */
  tracePercent: number;
};

export interface EnabledFlow {
  id: string;
  name: string;
  enabledVersion: number;
  /** As {@link FlowMeta.tracePercent}. */
  tracePercent: number;
}

export class FlowCache {
  readonly #enabled: FreshCache<EnabledFlow[]>;
  readonly #meta: FreshCache<FlowMeta>;
  readonly #versions = new Map<string, FlowDocument>();
  #generation = 0;
  /** Epoch ms at which a cached trace share ends (Infinity: none does). */
  #expiresAt = Number.POSITIVE_INFINITY;

  constructor(
    /** The service's clock, in epoch ms (a test's manual clock moves share expiry too). */
    private readonly now: () => number = Date.now,
    maxAgeMs = 5_000,
    private readonly maxVersions = 500,
  ) {
    this.#enabled = new FreshCache(maxAgeMs);
    this.#meta = new FreshCache(maxAgeMs);
  }

  /** After any write to flows: enabled sets and metadata are read again (versions stay: frozen). */
  invalidate(): void {
    this.#generation++;
    this.#expiresAt = Number.POSITIVE_INFINITY;
    this.#enabled.invalidate();
    this.#meta.invalidate();
  }

  /** An entry being loaded holds a value that ends at `epochMs`: read everything again from then on. */
  expireAt(epochMs: number): void {
    this.#expiresAt = Math.min(this.#expiresAt, epochMs);
  }

  #expire(): void {
    if (this.#expiresAt !== Number.POSITIVE_INFINITY && this.now() >= this.#expiresAt) this.invalidate();
  }

  /** After a flow is deleted: its versions go too. */
  forget(flowId: string): void {
    this.invalidate();
    for (const key of this.#versions.keys()) if (key.startsWith(`${flowId}:`)) this.#versions.delete(key);
  }

  enabledFor(key: string, load: () => Promise<EnabledFlow[]>): Promise<EnabledFlow[]> {
    this.#expire();
    return this.#enabled.get(key, load);
  }

  meta(flowId: string, load: () => Promise<FlowMeta>): Promise<FlowMeta> {
    this.#expire();
    return this.#meta.get(flowId, load);
  }

  async version(flowId: string, version: number, load: () => Promise<FlowDocument>): Promise<FlowDocument> {
    const key = `${flowId}:${version}`;
    const hit = this.#versions.get(key);
    if (hit) return hit;
    const generation = this.#generation;
    const doc = await load();
    if (generation === this.#generation) {
      if (this.#versions.size >= this.maxVersions) this.#versions.delete(this.#versions.keys().next().value!);
      this.#versions.set(key, doc);
    }
    return doc;
  }
}
