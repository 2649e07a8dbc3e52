/**
 * An incremental inverted index over hashed TF-IDF vectors (word, bigram and character n-gram
 * features, see text/features.ts), scored by cosine similarity. It is the "lexical embedding" half of
 * hybrid retrieval and the neighbour source of the routing classifier.
 *
 * Document frequencies are kept live as documents come and go; a document's vector is weighted with
 * the IDF of the moment it was added (a rebuild — every start — makes all of them consistent again).
 * Queries skip features that occur in more than {@link VectorIndexOptions.maxDfRatio} of the
 * documents: those are the long posting lists that cost the most and tell the least.
 */
import { DEFAULT_FEATURES, type FeatureOptions, featureCounts, type TicketText } from '../text/features.ts';

export interface VectorIndexOptions {
  features: FeatureOptions;
  maxDfRatio: number;
}

export interface VectorHit {
  id: string;
  score: number;
}

interface Posting {
  docs: Int32Array;
  vals: Float32Array;
  length: number;
}

export class VectorIndex {
  readonly options: VectorIndexOptions;
  readonly #postings = new Map<number, Posting>();
  readonly #df: Float32Array;
  /** slot → id; null once removed. */
  readonly #ids: Array<string | null> = [];
  readonly #slots = new Map<string, number>();
  /** The features of each live slot, for removal. */
  readonly #features: Array<Int32Array | null> = [];
  #live = 0;
  #dead = 0;
  /** Scratch accumulator of one query, all zero between queries. */
  #scores = new Float64Array(0);

  constructor(options: Partial<VectorIndexOptions> = {}) {
    this.options = { features: DEFAULT_FEATURES, maxDfRatio: 0.05, ...options };
    this.#df = new Float32Array(1 << this.options.features.bits);
  }

  get size(): number {
    return this.#live;
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

  /** Adds or replaces a document. */
  add(id: string, counts: Map<number, number>): void {
    if (this.#slots.has(id)) this.remove(id);
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#live++;
    const feats = Int32Array.from(counts.keys());
    this.#features.push(feats);
    for (const f of feats) this.#df[f] = (this.#df[f] as number) + 1;
    const weights = this.#weigh(counts);
    for (const [f, v] of weights) {
      let p = this.#postings.get(f);
      if (!p) {
        p = { docs: new Int32Array(4), vals: new Float32Array(4), length: 0 };
        this.#postings.set(f, p);
      }
      if (p.length === p.docs.length) {
        const docs = new Int32Array(p.docs.length * 2);
        docs.set(p.docs);
        const vals = new Float32Array(p.vals.length * 2);
        vals.set(p.vals);
        p.docs = docs;
        p.vals = vals;
      }
      p.docs[p.length] = slot;
      p.vals[p.length] = v;
      p.length++;
    }
  }

  remove(id: string): boolean {
    const slot = this.#slots.get(id);
    if (slot === undefined) return false;
    this.#slots.delete(id);
    this.#ids[slot] = null;
    const feats = this.#features[slot];
    if (feats) for (const f of feats) this.#df[f] = Math.max(0, (this.#df[f] as number) - 1);
    this.#features[slot] = null;
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
    const query = this.#weigh(counts);
    if (this.#scores.length < this.#ids.length) this.#scores = new Float64Array(this.#ids.length * 2);
    const scores = this.#scores;
    const touched: number[] = [];
    for (const [f, q] of query) {
      if ((this.#df[f] as number) > maxDf) continue;
      const p = this.#postings.get(f);
      if (!p) continue;
      for (let i = 0; i < p.length; i++) {
        const slot = p.docs[i] as number;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + q * (p.vals[i] as number);
      }
    }
    // Top k by insertion into a short sorted list: k is small, the touched set is not.
    const top: VectorHit[] = [];
    for (const slot of touched) {
      const score = scores[slot] as number;
      scores[slot] = 0;
      const id = this.#ids[slot];
      if (!id || exclude?.has(id) || score <= 0) continue;
      if (top.length === k && score <= (top[k - 1] as VectorHit).score) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] as VectorHit).score < score) at--;
      top.splice(at, 0, { id, score });
      if (top.length > k) top.pop();
    }
    return top;
  }

  #weigh(counts: Map<number, number>): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let norm = 0;
    for (const [f, c] of counts) {
      const v = (1 + Math.log(c)) * this.idf(f);
      out.push([f, v]);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const e of out) e[1] /= norm;
    return out;
  }

  #compact(): void {
    for (const [f, p] of this.#postings) {
      let n = 0;
      for (let i = 0; i < p.length; i++) {
        if (this.#ids[p.docs[i] as number] === null) continue;
        p.docs[n] = p.docs[i] as number;
        p.vals[n] = p.vals[i] as number;
        n++;
      }
      p.length = n;
      if (n === 0) this.#postings.delete(f);
    }
    this.#dead = 0;
  }
}
