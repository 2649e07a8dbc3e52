/**
 * The lexical vector half of retrieval as its owner (the hybrid index) sees it, wherever the
 * {@link VectorIndex} lives: in this thread ({@link LocalVectors}) or on a worker thread
 * (`WorkerVectors`, vector-worker.ts), which is where a serving process keeps it — the router's
 * neighbour search is a tenth of an issue's CPU at 100,000 issues, and there it runs beside the event
 * loop instead of on it.
 *
 * Writes are fire-and-forget and applied in order; a search sees every write made before it. A search
 * takes the query's text, not its features: computing them is work the worker can take too, and they
 * come back with the hits for a caller that needs them (the router's linear model uses the same ones).
 */
import type { FeatureCounts, FeatureOptions, TicketText } from '../text/features.ts';
import { type VectorHit, VectorIndex, type VectorIndexOptions } from './vector-index.ts';

export interface VectorEntry {
  key: string;
  text: TicketText;
  /** The text it was added with before, when it replaces a document (its features are taken back). */
  previous?: TicketText | undefined;
}

export interface VectorSearchResult {
  hits: VectorHit[];
  /** The query's feature counts under {@link LexicalVectors.features}. */
  counts: FeatureCounts;
}

export interface LexicalVectors {
  /** The feature hashing the index uses (a caller reuses the returned counts only if it uses the same). */
  readonly features: FeatureOptions;
  add(entries: readonly VectorEntry[]): void;
  remove(key: string, text: TicketText): void;
  /** Packs the posting lists tight (after a bulk load). */
  trim(): void;
  /** The `k` documents most similar to `text`, best first; `exclude` keys are skipped. */
  search(text: TicketText, k: number, exclude?: ReadonlySet<string>): Promise<VectorSearchResult>;
  /** Resolves once every write made so far is applied. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The index in this thread: tests, evaluation, and a process that wants no extra thread. */
export class LocalVectors implements LexicalVectors {
  readonly #index: VectorIndex;

  constructor(options: Partial<VectorIndexOptions> = {}) {
    this.#index = new VectorIndex(options);
  }

  get features(): FeatureOptions {
    return this.#index.options.features;
  }

  add(entries: readonly VectorEntry[]): void {
    applyAdd(this.#index, entries);
  }

  remove(key: string, text: TicketText): void {
    this.#index.remove(key, this.#index.counts(text));
  }

  trim(): void {
    this.#index.trim();
  }

  async search(text: TicketText, k: number, exclude?: ReadonlySet<string>): Promise<VectorSearchResult> {
    const counts = this.#index.counts(text);
    return { hits: this.#index.search(counts, k, exclude), counts };
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

/** Adds (or replaces) documents; shared by both homes of the index. */
export function applyAdd(index: VectorIndex, entries: readonly VectorEntry[]): void {
  for (const { key, text, previous } of entries) {
    // The index keeps no copy of a document's features: the old text gives them back.
    index.add(key, index.counts(text), previous && index.counts(previous));
  }
}

/** Whether two feature settings hash text the same way. */
export function sameFeatures(a: FeatureOptions, b: FeatureOptions): boolean {
  return a.bits === b.bits && a.charMin === b.charMin && a.charMax === b.charMax && a.bigrams === b.bigrams;
}
