/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) over stemmed content terms, with incremental add and remove.
 * Field weights are applied to term frequencies (subject ×2, problem ×1, resolution ×0.5): a match in
 * what the customer asked counts more than one in how it was answered.
 */
import { tokenize } from '../text/tokenize.ts';

export interface Bm25Fields {
  title: string;
  problem: string;
  resolution?: string | undefined;
  language?: string | undefined;
}

const K1 = 1.2;
const B = 0.75;

export class Bm25Index {
  readonly #postings = new Map<string, Map<string, number>>();
  readonly #docs = new Map<string, { terms: string[]; length: number }>();
  #totalLength = 0;

  get size(): number {
    return this.#docs.size;
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
    let length = 0;
    for (const [t, n] of tf) {
      length += n;
      let p = this.#postings.get(t);
      if (!p) {
        p = new Map();
        this.#postings.set(t, p);
      }
      p.set(id, n);
    }
    this.#docs.set(id, { terms: [...tf.keys()], length });
    this.#totalLength += length;
  }

  remove(id: string): void {
    const doc = this.#docs.get(id);
    if (!doc) return;
    for (const t of doc.terms) {
      const p = this.#postings.get(t);
      p?.delete(id);
      if (p && p.size === 0) this.#postings.delete(t);
    }
    this.#docs.delete(id);
    this.#totalLength -= doc.length;
  }

  search(
    query: Bm25Fields,
    k: number,
    accept?: (id: string) => boolean,
  ): Array<{ id: string; score: number }> {
    const n = this.#docs.size;
    if (n === 0) return [];
    const avg = this.#totalLength / n;
    const scores = new Map<string, number>();
    for (const [t, qtf] of Bm25Index.terms(query)) {
      const p = this.#postings.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      const qw = Math.min(qtf, 3); // a word repeated in the query counts, but not without bound
      for (const [id, tf] of p) {
        const len = (this.#docs.get(id) as { length: number }).length;
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
        scores.set(id, (scores.get(id) ?? 0) + qw * s);
      }
    }
    const hits: Array<{ id: string; score: number }> = [];
    for (const [id, score] of scores) if (!accept || accept(id)) hits.push({ id, score });
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return hits.slice(0, k);
  }
}
