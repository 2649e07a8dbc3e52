/**
 * Hybrid retrieval over resolved issues and knowledge-base articles: BM25, the lexical vector index
 * (character n-grams catch compounds and inflections BM25's stems miss) and, when a model is
 * configured, embedding cosine — fused by reciprocal rank (RRF, k = 60; Cormack et al. 2009). RRF
 * needs no score calibration between rankers whose scores live on different scales, which is why it
 * is the usual choice for lexical + dense fusion.
 *
 * Kept in memory, updated incrementally; the owner fills it from the store after start-up (warm-up).
 */

import { cosine, type EmbeddingProvider } from '../providers/provider.ts';
import type { LabelName } from '../routing/dataset.ts';
import type { NeighbourHit } from '../routing/model.ts';
import type { FeatureCounts, TicketText } from '../text/features.ts';
import { Bm25Index } from './bm25.ts';
import { type LexicalVectors, LocalVectors, type VectorEntry } from './lexical-vectors.ts';

export const RRF_K = 60;

export interface RetrievalDoc {
  /** `issue:<id>` or `article:<id>`. */
  key: string;
  kind: 'issue' | 'article';
  id: string;
  title: string;
  problem: string;
  resolution?: string | undefined;
  language?: string | undefined;
  labels: Partial<Record<LabelName, string>>;
  tags: string[];
  status?: string | undefined;
}

export interface RetrievalHit {
  doc: RetrievalDoc;
  score: number;
  similarity?: number;
  matchedBy: Array<'bm25' | 'lexical-vector' | 'embedding'>;
}

export interface NeighbourSearch {
  hits: NeighbourHit[];
  /** The query's feature counts, as the vector index hashed them ({@link HybridIndex.vectors}). */
  counts: FeatureCounts;
}

export class HybridIndex {
  readonly bm25 = new Bm25Index();
  readonly #docs = new Map<string, RetrievalDoc>();
  readonly #embeddings = new Map<string, Float32Array>();

  /**
   * @param vectors where the lexical vector index lives: this thread by default; a serving process
   *   passes a `WorkerVectors` (whose `documents` are {@link HybridIndex.vectorEntries}).
   */
  constructor(
    private embedder?: EmbeddingProvider,
    readonly vectors: LexicalVectors = new LocalVectors(),
  ) {}

  /** Every document as the vector index takes it (for a vector worker that starts over). */
  *vectorEntries(): Iterable<VectorEntry> {
    for (const doc of this.#docs.values()) yield { key: doc.key, text: HybridIndex.text(doc) };
  }

  get size(): number {
    return this.#docs.size;
  }

  get embeddingModel(): string | null {
    return this.embedder?.id ?? null;
  }

  get(key: string): RetrievalDoc | undefined {
    return this.#docs.get(key);
  }

  static text(doc: Pick<RetrievalDoc, 'title' | 'problem' | 'language'>): TicketText {
    return { subject: doc.title, body: doc.problem, language: doc.language };
  }

  /** Adds or replaces a document; the embedding (if any) is computed before it becomes searchable. */
  async add(doc: RetrievalDoc): Promise<void> {
    let embedding: Float32Array | undefined;
    if (this.embedder) [embedding] = await this.embedder.embed([`${doc.title}\n${doc.problem}`]);
    this.addSync(doc, embedding);
  }

  /** Adds many; embeddings in batches. */
  async addMany(docs: readonly RetrievalDoc[]): Promise<void> {
    const embeddings = this.embedder
      ? await this.embedder.embed(docs.map((d) => `${d.title}\n${d.problem}`))
      : [];
    // One write to the vector index for the lot (a message, when it lives on a worker).
    this.vectors.add(docs.map((doc, i) => this.#addText(doc, embeddings[i])));
  }

  addSync(doc: RetrievalDoc, embedding?: Float32Array): void {
    this.vectors.add([this.#addText(doc, embedding)]);
  }

  /** Adds to everything but the vector index; returns the vector index's entry. */
  #addText(doc: RetrievalDoc, embedding: Float32Array | undefined): VectorEntry {
    const old = this.#docs.get(doc.key);
    this.#docs.set(doc.key, doc);
    this.bm25.add(doc.key, {
      title: doc.title,
      problem: doc.problem,
      resolution: doc.resolution,
      language: doc.language,
    });
    if (embedding) this.#embeddings.set(doc.key, embedding);
    else this.#embeddings.delete(doc.key);
    // The vector index keeps no copy of a document's features: the old text gives them back.
    return { key: doc.key, text: HybridIndex.text(doc), previous: old && HybridIndex.text(old) };
  }

  remove(key: string): void {
    const old = this.#docs.get(key);
    if (!old) return;
    this.#docs.delete(key);
    this.bm25.remove(key);
    this.vectors.remove(key, HybridIndex.text(old));
    this.#embeddings.delete(key);
  }

  /** Gives back the room posting lists grew into (after a bulk load). */
  trim(): void {
    this.bm25.trim();
    this.vectors.trim();
  }

  /** Fused ranking for a query text. `accept` filters documents (kind, status, the query itself). */
  async search(
    query: { title: string; problem: string; language?: string | undefined },
    limit: number,
    accept: (doc: RetrievalDoc) => boolean = () => true,
  ): Promise<RetrievalHit[]> {
    const depth = Math.max(50, limit * 5);
    const ok = (key: string) => {
      const doc = this.#docs.get(key);
      return Boolean(doc && accept(doc));
    };
    const lists: Array<{
      by: RetrievalHit['matchedBy'][number];
      hits: Array<{ id: string; score: number }>;
    }> = [];
    lists.push({ by: 'bm25', hits: this.bm25.search(query, depth, ok) });
    // A vector index on a thread that died answers nothing until its successor is up (its owner
    // was told): BM25 (and embeddings) still rank.
    const vectorHits = await this.vectors.search(HybridIndex.text(query), depth * 2).then(
      (found) => found.hits.filter((h) => ok(h.id)).slice(0, depth),
      () => [],
    );
    lists.push({ by: 'lexical-vector', hits: vectorHits });
    if (this.embedder && this.#embeddings.size) {
      const [q] = await this.embedder.embed([`${query.title}\n${query.problem}`]);
      if (q) {
        const hits: Array<{ id: string; score: number }> = [];
        for (const [key, v] of this.#embeddings) if (ok(key)) hits.push({ id: key, score: cosine(q, v) });
        hits.sort((a, b) => b.score - a.score);
        lists.push({ by: 'embedding', hits: hits.slice(0, depth) });
      }
    }
    const fused = new Map<string, RetrievalHit>();
    for (const { by, hits } of lists) {
      hits.forEach((h, rank) => {
        const doc = this.#docs.get(h.id) as RetrievalDoc;
        let hit = fused.get(h.id);
        if (!hit) {
          hit = { doc, score: 0, matchedBy: [] };
          fused.set(h.id, hit);
        }
        hit.score += 1 / (RRF_K + rank + 1);
        hit.matchedBy.push(by);
        if (by === 'embedding' || (by === 'lexical-vector' && hit.similarity === undefined))
          hit.similarity = h.score;
      });
    }
    return [...fused.values()]
      .sort((a, b) => b.score - a.score || (a.doc.key < b.doc.key ? -1 : 1))
      .slice(0, limit);
  }

  /** Nearest resolved issues for the router's neighbour vote (lexical vectors), and the query's features. */
  async neighbours(text: TicketText, k: number, exclude?: ReadonlySet<string>): Promise<NeighbourSearch> {
    const { hits, counts } = await this.vectors.search(text, k * 2, exclude);
    const out: NeighbourHit[] = [];
    for (const hit of hits) {
      const doc = this.#docs.get(hit.id);
      if (doc?.kind !== 'issue') continue;
      out.push({ id: doc.id, score: hit.score, subject: doc.title, labels: doc.labels });
      if (out.length === k) break;
    }
    return { hits: out, counts };
  }
}
