/**
 * An incremental inverted index over hashed TF-IDF vectors (word, bigram and character n-gram
 * features, see text/features.ts), scored by cosine similarity. It is the "lexical embedding" half of
 * hybrid retrieval and the neighbour source of the routing classifier.
 *
 * Document frequencies are kept live as documents come and go; a document's vector is weighted with
 * the IDF of the moment it was added (a rebuild — every start — makes all of them consistent again).
 * Queries skip features that occur in more than {@link VectorIndexOptions.maxDfRatio} of the
 * documents: those are the long posting lists that cost the most and tell the least. Of the rest, a
 * query reads a bounded window of each list, newest first ({@link VectorIndexOptions.maxPostingsPerFeature}),
 * so no list costs more than the window however long the history (the router's neighbour vote runs
 * on every new issue); the number of lists that reach it still grows with the index.
 *
 * Memory: postings live in one {@link PostingArena} keyed by hashed feature (slot, weight as float32),
 * trimmed by {@link VectorIndex.trim} after a bulk load; a document's features are not kept (the
 * caller hands them back to {@link VectorIndex.remove}, recomputed from its text), so an indexed
 * issue costs about 8 bytes per distinct feature and little else.
 */
import {
  DEFAULT_FEATURES,
  FeatureCounter,
  type FeatureCounts,
  type FeatureOptions,
  smoothIdf,
  type TicketText,
} from '../text/features.ts';
import { PostingArena } from './postings.ts';
import { ScoreAccumulator } from './score-accumulator.ts';

export interface VectorIndexOptions {
  features: FeatureOptions;
  maxDfRatio: number;
  /**
   * A query reads at most this many postings of one feature, the most recently indexed first
   * (default 1,000). Up to 20,000 documents the df ratio (5 %) already keeps every list it reads
   * shorter, so answers are exact there; above, no single list costs more than the window, and a
   * common feature counts only for the documents indexed most recently. A query still costs more as
   * the index grows (more of its features reach the window: about 3× from 20,000 to 100,000
   * issues); a total budget would bound that but costs router accuracy (docs/decisions.md, session 8).
   * Measured on held-out tickets with the window scaled to the share it is at 50,000 documents
   * (2 %): router accuracy within ±0.4 points of the exact search (docs/decisions.md).
   */
  maxPostingsPerFeature: number;
}

export interface VectorHit {
  id: string;
  score: number;
}

export class VectorIndex {
  readonly options: VectorIndexOptions;
  readonly #postings: PostingArena;
  readonly #df: Float32Array;
  /** slot → id; null once removed. */
  readonly #ids: Array<string | null> = [];
  readonly #slots = new Map<string, number>();
  #live = 0;
  #dead = 0;
  /** Scratch accumulator of one query's scores (reused: a query allocates no table of its own). */
  readonly #accumulator = new ScoreAccumulator();
  /**
   * Scratch of {@link VectorIndex.#weigh}: per feature, its weight, document frequency and (for a
   * query) posting list. Reused: pairs per feature, then a growing array of windows per query, were
   * most of a query's garbage (the windows alone ~14 KB, 3 % of an ingested issue's allocations).
   */
  #weighed = newWeighScratch(256);
  /** Scratch of {@link VectorIndex.#best}: the running top k, slots and scores. */
  #top = { slots: new Int32Array(32), scores: new Float64Array(32) };
  readonly #counter: FeatureCounter;

  constructor(options: Partial<VectorIndexOptions> = {}) {
    this.options = { features: DEFAULT_FEATURES, maxDfRatio: 0.05, maxPostingsPerFeature: 1000, ...options };
    this.#df = new Float32Array(1 << this.options.features.bits);
    this.#postings = new PostingArena(1 << this.options.features.bits);
    this.#counter = new FeatureCounter(this.options.features);
  }

  get size(): number {
    return this.#live;
  }

  /** Bytes of the typed arrays (postings, document frequencies, the query scratch). */
  get bytes(): number {
    return this.#postings.bytes + this.#df.byteLength + this.#accumulator.bytes;
  }

  has(id: string): boolean {
    return this.#slots.has(id);
  }

  counts(text: TicketText): FeatureCounts {
    return this.#counter.count(text);
  }

  idf(feature: number): number {
    return smoothIdf(this.#df[feature] as number, this.#live);
  }

  /**
   * Adds a document. One already present is replaced; `previous` are the feature counts it was added
   * with (its document frequencies are taken back).
   */
  add(id: string, counts: FeatureCounts, previous?: FeatureCounts): void {
    if (this.#slots.has(id)) {
      if (!previous) throw new Error(`VectorIndex.add: ${id} is present; pass the counts it was added with`);
      this.remove(id, previous);
    }
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#live++;
    for (const f of counts.features) this.#df[f] = (this.#df[f] as number) + 1;
    const { features, weights } = this.#weigh(counts);
    for (let i = 0; i < counts.size; i++)
      this.#postings.push(features[i] as number, slot, weights[i] as number);
  }

  /** Removes a document; `counts` are the feature counts it was added with. */
  remove(id: string, counts: FeatureCounts): boolean {
    const slot = this.#slots.get(id);
    if (slot === undefined) return false;
    this.#slots.delete(id);
    this.#ids[slot] = null;
    for (const f of counts.features) this.#df[f] = Math.max(0, (this.#df[f] as number) - 1);
    this.#live--;
    this.#dead++;
    // Postings keep the dead slot until a compaction; queries skip it.
    if (this.#dead > 1000 && this.#dead > this.#live) this.#compact();
    return true;
  }

  /** The `k` most similar documents, best first; `exclude` ids are skipped. */
  search(counts: FeatureCounts, k: number, exclude?: ReadonlySet<string>): VectorHit[] {
    if (this.#live === 0 || k <= 0) return [];
    const maxDf = Math.max(5, this.options.maxDfRatio * this.#live);
    const { weights, df, starts, lengths } = this.#weigh(counts, true);
    const postings = this.#postings;
    const { slots, vals } = postings;
    const window = this.options.maxPostingsPerFeature;
    let reads = 0;
    for (let n = 0; n < counts.size; n++) {
      if ((df[n] as number) > maxDf) {
        lengths[n] = 0;
        continue;
      }
      // A list's entries are in the order their documents were indexed: its tail is the newest.
      const end = (starts[n] as number) + (lengths[n] as number);
      starts[n] = Math.max(starts[n] as number, end - window);
      lengths[n] = end - (starts[n] as number);
      reads += lengths[n] as number;
    }
    const scores = this.#accumulator.reset(reads);
    for (let n = 0; n < counts.size; n++) {
      const start = starts[n] as number;
      const end = start + (lengths[n] as number);
      const w = weights[n] as number;
      for (let i = start; i < end; i++) scores.add(slots[i] as number, w * (vals[i] as number));
    }
    return this.#best(scores, k, exclude);
  }

  /**
   * The `k` best-scored slots of a query, as hits, best first; equal scores keep the order their
   * slots were first touched (the order a dense accumulator read in that order gives). Ranked by
   * slot and score: `exclude` is turned into slots once, so a document's id string is touched only
   * for the `k` that win. The ranking used to look the id up in `exclude` for every slot that
   * entered the running top (most fall out again), each a cache miss or two in the ingest path.
   */
  #best(scores: ScoreAccumulator, k: number, exclude?: ReadonlySet<string>): VectorHit[] {
    let excluded: number[] | undefined;
    if (exclude?.size) {
      excluded = [];
      for (const id of exclude) {
        const slot = this.#slots.get(id);
        if (slot !== undefined) excluded.push(slot);
      }
    }
    const top = this.#topScratch(k);
    const { slots: topSlots, scores: topScores } = top;
    const ids = this.#ids;
    let size = 0;
    for (let t = 0; t < scores.size; t++) {
      const score = scores.scoreAt(t);
      if (score <= 0 || (size === k && score <= (topScores[k - 1] as number))) continue;
      const slot = scores.slotAt(t);
      // Removed documents keep their postings until a compaction.
      if (ids[slot] === null || excluded?.includes(slot)) continue;
      let at = size < k ? size++ : k - 1;
      while (at > 0 && (topScores[at - 1] as number) < score) {
        topSlots[at] = topSlots[at - 1] as number;
        topScores[at] = topScores[at - 1] as number;
        at--;
      }
      topSlots[at] = slot;
      topScores[at] = score;
    }
    const hits: VectorHit[] = [];
    for (let i = 0; i < size; i++)
      hits.push({ id: ids[topSlots[i] as number] as string, score: topScores[i] as number });
    return hits;
  }

  /** {@link VectorIndex.#best}'s reused running top, with room for `k`. */
  #topScratch(k: number): { slots: Int32Array; scores: Float64Array } {
    if (this.#top.slots.length < k) this.#top = { slots: new Int32Array(k), scores: new Float64Array(k) };
    return this.#top;
  }

  /** Packs the posting lists tight (after a bulk load: growth leaves up to a third unused). */
  trim(): void {
    this.#postings.pack();
  }

  /**
   * The TF-IDF weights of a document's features, normalised, with their document frequencies and,
   * when `lists` (a query), their posting lists — in reused scratch arrays, valid until the next call
   * (entry i is the i-th feature of `counts` in its order). The frequencies and list positions are
   * read first, in loops of independent loads: each is a cache miss in a table of 2^bits entries,
   * and a loop with nothing else in it lets the processor wait for many of them at once instead of
   * one per feature between logarithms.
   */
  #weigh(counts: FeatureCounts, lists = false): WeighScratch {
    if (counts.size > this.#weighed.features.length)
      this.#weighed = newWeighScratch(Math.max(counts.size, this.#weighed.features.length * 2));
    const scratch = this.#weighed;
    const { features, weights, df, starts, lengths } = scratch;
    const n = counts.size;
    features.set(counts.features);
    weights.set(counts.counts);
    const frequencies = this.#df;
    for (let i = 0; i < n; i++) df[i] = frequencies[features[i] as number] as number;
    if (lists) this.#postings.gather(features, n, starts, lengths);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const v = (1 + Math.log(weights[i] as number)) * smoothIdf(df[i] as number, this.#live);
      weights[i] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) / norm;
    return scratch;
  }

  #compact(): void {
    this.#postings.pack((slot) => this.#ids[slot] !== null);
    this.#dead = 0;
  }
}

/** {@link VectorIndex.#weigh}'s arrays, feature by feature. */
interface WeighScratch {
  features: Int32Array;
  weights: Float64Array;
  df: Float64Array;
  /** Where the feature's posting list (then the window the query reads of it) starts, and its length. */
  starts: Int32Array;
  lengths: Int32Array;
}

function newWeighScratch(size: number): WeighScratch {
  return {
    features: new Int32Array(size),
    weights: new Float64Array(size),
    df: new Float64Array(size),
    starts: new Int32Array(size),
    lengths: new Int32Array(size),
  };
}
