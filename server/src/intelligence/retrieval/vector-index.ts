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
import { DEFAULT_FEATURES, type FeatureOptions, featureCounts, type TicketText } from '../text/features.ts';
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
  /** Scratch of {@link VectorIndex.#weigh}. */
  #weighed = { features: new Int32Array(256), weights: new Float64Array(256) };
  /**
   * Scratch of {@link VectorIndex.search}: the windows to read (start, end, query weight per list). A
   * growing array of numbers was ~14 KB of garbage per query, 3 % of an ingested issue's allocations.
   */
  #lists = new Float64Array(768);

  constructor(options: Partial<VectorIndexOptions> = {}) {
    this.options = { features: DEFAULT_FEATURES, maxDfRatio: 0.05, maxPostingsPerFeature: 1000, ...options };
    this.#df = new Float32Array(1 << this.options.features.bits);
    this.#postings = new PostingArena(1 << this.options.features.bits);
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

  counts(text: TicketText): Map<number, number> {
    return featureCounts(text, this.options.features);
  }

  idf(feature: number): number {
    return Math.log((this.#live + 1) / ((this.#df[feature] as number) + 1)) + 1;
  }

  /**
   * Adds a document. One already present is replaced; `previous` are the feature counts it was added
   * with (its document frequencies are taken back).
   */
  add(id: string, counts: Map<number, number>, previous?: Map<number, number>): void {
    if (this.#slots.has(id)) {
      if (!previous) throw new Error(`VectorIndex.add: ${id} is present; pass the counts it was added with`);
      this.remove(id, previous);
    }
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#live++;
    for (const f of counts.keys()) this.#df[f] = (this.#df[f] as number) + 1;
    const { features, weights } = this.#weigh(counts);
    for (let i = 0; i < counts.size; i++)
      this.#postings.push(features[i] as number, slot, weights[i] as number);
  }

  /** Removes a document; `counts` are the feature counts it was added with. */
  remove(id: string, counts: Map<number, number>): boolean {
    const slot = this.#slots.get(id);
    if (slot === undefined) return false;
    this.#slots.delete(id);
    this.#ids[slot] = null;
    for (const f of counts.keys()) this.#df[f] = Math.max(0, (this.#df[f] as number) - 1);
    this.#live--;
    this.#dead++;
    // Postings keep the dead slot until a compaction; queries skip it.
    if (this.#dead > 1000 && this.#dead > this.#live) this.#compact();
    return true;
  }

  /** The `k` most similar documents, best first; `exclude` ids are skipped. */
  search(counts: Map<number, number>, k: number, exclude?: ReadonlySet<string>): VectorHit[] {
    if (this.#live === 0) return [];
    const maxDf = Math.max(5, this.options.maxDfRatio * this.#live);
    const { features, weights } = this.#weigh(counts);
    const postings = this.#postings;
    const { slots, vals } = postings;
    const window = this.options.maxPostingsPerFeature;
    // The windows to read, and how many entries they hold in all (the accumulator's size).
    const lists = this.#listScratch(counts.size); // start, end, query weight; flat
    let used = 0;
    let reads = 0;
    for (let n = 0; n < counts.size; n++) {
      const f = features[n] as number;
      if ((this.#df[f] as number) > maxDf) continue;
      const end = postings.start(f) + postings.length(f);
      // A list's entries are in the order their documents were indexed: its tail is the newest.
      const start = Math.max(postings.start(f), end - window);
      if (end > start) {
        lists[used++] = start;
        lists[used++] = end;
        lists[used++] = weights[n] as number;
      }
      reads += end - start;
    }
    const scores = this.#accumulator.reset(reads);
    for (let l = 0; l < used; l += 3) {
      const end = lists[l + 1] as number;
      const q = lists[l + 2] as number;
      for (let i = lists[l] as number; i < end; i++) scores.add(slots[i] as number, q * (vals[i] as number));
    }
    // Top k by insertion into a short sorted list: k is small, the touched set is not. The score is
    // looked at before the document's id: most slots fall short, and each id read is a cache miss.
    const top: VectorHit[] = [];
    for (let t = 0; t < scores.size; t++) {
      const score = scores.scoreAt(t);
      if (score <= 0 || (top.length === k && score <= (top[k - 1] as VectorHit).score)) continue;
      const id = this.#ids[scores.slotAt(t)];
      if (!id || exclude?.has(id)) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] as VectorHit).score < score) at--;
      top.splice(at, 0, { id, score });
      if (top.length > k) top.pop();
    }
    return top;
  }

  /** {@link VectorIndex.search}'s reused list of windows, with room for `features` of them. */
  #listScratch(features: number): Float64Array {
    if (this.#lists.length < features * 3)
      this.#lists = new Float64Array(Math.max(features * 3, this.#lists.length * 2));
    return this.#lists;
  }

  /** Packs the posting lists tight (after a bulk load: growth leaves up to a third unused). */
  trim(): void {
    this.#postings.pack();
  }

  /**
   * The TF-IDF weights of a document's features, normalised, in reused scratch arrays (valid until the
   * next call; entry i is the i-th feature of `counts` in its order): the router weighs one query per
   * new issue, some two hundred features, and pairs per feature were most of a query's garbage.
   */
  #weigh(counts: Map<number, number>): { features: Int32Array; weights: Float64Array } {
    if (counts.size > this.#weighed.features.length) {
      const size = Math.max(counts.size, this.#weighed.features.length * 2);
      this.#weighed = { features: new Int32Array(size), weights: new Float64Array(size) };
    }
    const { features, weights } = this.#weighed;
    let norm = 0;
    let n = 0;
    counts.forEach((c, f) => {
      const v = (1 + Math.log(c)) * this.idf(f);
      features[n] = f;
      weights[n++] = v;
      norm += v * v;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) / norm;
    return this.#weighed;
  }

  #compact(): void {
    this.#postings.pack((slot) => this.#ids[slot] !== null);
    this.#dead = 0;
  }
}
