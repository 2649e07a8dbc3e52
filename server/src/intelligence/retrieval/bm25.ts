/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) over stemmed content terms, with incremental add and remove.
 * Field weights are applied to term frequencies (subject ×2, problem ×1, resolution ×0.5): a match in
 * what the customer asked counts more than one in how it was answered.
 *
 * Memory: documents are numbered slots, terms numbered too; postings (slot, weighted tf) live in one
 * {@link PostingArena} keyed by term number, document frequencies and lengths in typed arrays.
 * Weighted term frequencies are multiples of 0.5, exact in 32 bits, so scores are the same as with
 * maps of numbers — at a fraction of the size. A removed document leaves dead entries that queries
 * skip until a compaction drops them.
 */
import { tokenize } from '../text/tokenize.ts';
import { PostingArena } from './postings.ts';

export interface Bm25Fields {
  title: string;
  problem: string;
  resolution?: string | undefined;
  language?: string | undefined;
}

const K1 = 1.2;
const B = 0.75;

export class Bm25Index {
  /** term → its number; numbers are never reused, so a term that comes back finds its number again. */
  readonly #termIds = new Map<string, number>();
  readonly #postings = new PostingArena(1024);
  /** term number → live documents holding it (its document frequency). */
  #df = new Int32Array(1024);
  /** slot → id; null once removed. */
  readonly #ids: Array<string | null> = [];
  readonly #slots = new Map<string, number>();
  /** slot → the term numbers of the document, for removal. */
  readonly #docTerms: Array<Int32Array | null> = [];
  #lengths = new Float32Array(1024);
  #totalLength = 0;
  #dead = 0;
  /** Scratch accumulator of one query, all zero between queries. */
  #scores = new Float64Array(0);

  get size(): number {
    return this.#slots.size;
  }

  /** Bytes of the typed arrays (postings, frequencies, lengths, the query scratch). */
  get bytes(): number {
    return this.#postings.bytes + this.#df.byteLength + this.#lengths.byteLength + this.#scores.byteLength;
  }

  static terms(fields: Bm25Fields): Map<string, number> {
    const tf = new Map<string, number>();
    const add = (text: string | undefined, weight: number) => {
      if (!text) return;
      for (const t of tokenize(text, fields.language).terms) tf.set(t, (tf.get(t) ?? 0) + weight);
    };
    add(fields.title, 2);
    add(fields.problem, 1);
    add(fields.resolution, 0.5);
    return tf;
  }

  add(id: string, fields: Bm25Fields): void {
    this.remove(id);
    const tf = Bm25Index.terms(fields);
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    let length = 0;
    const termIds = new Int32Array(tf.size);
    let j = 0;
    for (const [t, n] of tf) {
      length += n;
      let term = this.#termIds.get(t);
      if (term === undefined) {
        term = this.#termIds.size;
        this.#termIds.set(t, term);
      }
      termIds[j++] = term;
      if (term >= this.#df.length) {
        const df = new Int32Array(this.#df.length * 2);
        df.set(this.#df);
        this.#df = df;
      }
      this.#df[term] = (this.#df[term] as number) + 1;
      this.#postings.push(term, slot, n);
    }
    this.#docTerms.push(termIds);
    if (slot >= this.#lengths.length) {
      const lengths = new Float32Array(this.#lengths.length * 2);
      lengths.set(this.#lengths);
      this.#lengths = lengths;
    }
    this.#lengths[slot] = length;
    this.#totalLength += length;
  }

  remove(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    for (const term of this.#docTerms[slot] ?? []) this.#df[term] = (this.#df[term] as number) - 1;
    this.#slots.delete(id);
    this.#ids[slot] = null;
    this.#docTerms[slot] = null;
    this.#totalLength -= this.#lengths[slot] as number;
    this.#dead++;
    if (this.#dead > 1000 && this.#dead > this.#slots.size) this.#compact();
  }

  search(
    query: Bm25Fields,
    k: number,
    accept?: (id: string) => boolean,
  ): Array<{ id: string; score: number }> {
    const n = this.#slots.size;
    if (n === 0) return [];
    const avg = this.#totalLength / n;
    if (this.#scores.length < this.#ids.length) this.#scores = new Float64Array(this.#ids.length * 2);
    const scores = this.#scores;
    const touched: number[] = [];
    const ids = this.#ids;
    const lengths = this.#lengths;
    const postings = this.#postings;
    const { slots, vals } = postings;
    for (const [t, qtf] of Bm25Index.terms(query)) {
      const term = this.#termIds.get(t);
      if (term === undefined) continue;
      const df = this.#df[term] as number;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const qw = Math.min(qtf, 3); // a word repeated in the query counts, but not without bound
      const start = postings.start(term);
      const end = start + postings.length(term);
      for (let i = start; i < end; i++) {
        const slot = slots[i] as number;
        if (ids[slot] === null) continue;
        const tf = vals[i] as number;
        const len = lengths[slot] as number;
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + qw * s;
      }
    }
    const hits: Array<{ id: string; score: number }> = [];
    for (const slot of touched) {
      const score = scores[slot] as number;
      scores[slot] = 0;
      const id = ids[slot] as string;
      if (!accept || accept(id)) hits.push({ id, score });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return hits.slice(0, k);
  }

  /** Packs the posting lists tight (after a bulk load). */
  trim(): void {
    this.#postings.pack();
  }

  /** Drops the entries of removed documents. */
  #compact(): void {
    this.#postings.pack((slot) => this.#ids[slot] !== null);
    this.#dead = 0;
  }
}
