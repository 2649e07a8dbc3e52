/**
 * The lexical vector index on a worker thread: the {@link LexicalVectors} a serving process uses.
 * The index's typed arrays, the feature hashing of every document and query, and the neighbour search
 * of every new issue (~115 µs of CPU at 100,000 issues) run beside the event loop; the loop posts the
 * text and gets the hits and the query's features back.
 *
 * Writes are posted and applied in order; replies settle the request they answer by id. If the thread
 * dies, the requests in flight fail (the router then votes without neighbours), and a new thread is
 * started at once with every document the owner holds ({@link WorkerVectorsOptions.documents}); a
 * thread that dies after {@link MAX_RESTARTS} such restarts with no answer between them leaves the
 * index down, and searches fail.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../shared/worker-entry.ts';
import { DEFAULT_FEATURES, FeatureCounts, type FeatureOptions, type TicketText } from '../text/features.ts';
import type { LexicalVectors, VectorEntry, VectorSearchResult } from './lexical-vectors.ts';
import type { VectorHit, VectorIndexOptions } from './vector-index.ts';

/** What the owner asks of the thread. */
export type VectorRequest =
  | { type: 'add'; entries: readonly VectorEntry[] }
  | { type: 'remove'; key: string; text: TicketText }
  | { type: 'trim' }
  | { type: 'search'; id: number; text: TicketText; k: number; exclude?: string[] | undefined }
  | { type: 'flush'; id: number };

/** What the thread answers; `features`/`counts` are the query's feature counts, pairwise. */
export type VectorReply =
  | {
      type: 'hits';
      id: number;
      hits: VectorHit[];
      features: Int32Array<ArrayBuffer>;
      counts: Float64Array<ArrayBuffer>;
    }
  | { type: 'flushed'; id: number }
  | { type: 'failed'; id: number; error: string };

export interface VectorWorkerData {
  index: Partial<VectorIndexOptions>;
}

export interface WorkerVectorsOptions {
  /** Every document the index should hold: handed to a new thread after one died. */
  documents: () => Iterable<VectorEntry>;
  /** A thread died, or could not start. */
  onError: (err: Error) => void;
  index?: Partial<VectorIndexOptions>;
}

/** New threads started after deaths in a row (no answer between them); the next death is final. */
export const MAX_RESTARTS = 3;

const ENTRY_URL = workerEntry('vector-worker', new URL('./vector-worker-boot.mjs', import.meta.url));

interface Pending {
  resolve: (reply: VectorReply) => void;
  reject: (err: Error) => void;
}

export class WorkerVectors implements LexicalVectors {
  readonly features: FeatureOptions;
  readonly #options: WorkerVectorsOptions;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #nextId = 1;
  #deaths = 0;
  #down: Error | null = null;
  #closed = false;

  constructor(options: WorkerVectorsOptions) {
    this.#options = options;
    this.features = options.index?.features ?? DEFAULT_FEATURES;
  }

  add(entries: readonly VectorEntry[]): void {
    if (entries.length) this.#post({ type: 'add', entries });
  }

  remove(key: string, text: TicketText): void {
    this.#post({ type: 'remove', key, text });
  }

  trim(): void {
    this.#post({ type: 'trim' });
  }

  async search(text: TicketText, k: number, exclude?: ReadonlySet<string>): Promise<VectorSearchResult> {
    const reply = await this.#ask((id) => ({
      type: 'search',
      id,
      text: { subject: text.subject, body: text.body, language: text.language },
      k,
      exclude: exclude?.size ? [...exclude] : undefined,
    }));
    if (reply.type !== 'hits') throw new Error(`the vector worker answered a search with ${reply.type}`);
    return { hits: reply.hits, counts: new FeatureCounts(reply.features, reply.counts) };
  }

  async flush(): Promise<void> {
    await this.#ask((id) => ({ type: 'flush', id }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#rejectAll(new Error('the vector index is closed'));
    await worker?.terminate();
  }

  #ask(request: (id: number) => VectorRequest): Promise<VectorReply> {
    const id = this.#nextId++;
    return new Promise<VectorReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#post(request(id));
        // Waiting for an answer keeps the process alive (an idle thread does not).
        if (this.#pending.size === 1) this.#worker?.ref();
      } catch (err) {
        this.#pending.delete(id);
        reject(err);
      }
    });
  }

  /** Posts to the thread (started on first use). Writes to a closed or dead index are dropped: its
   * searches fail, which is where a caller hears about it. */
  #post(request: VectorRequest): void {
    if (this.#closed || this.#down) {
      if ('id' in request) throw this.#down ?? new Error('the vector index is closed');
      return;
    }
    this.#worker ??= this.#spawn();
    this.#worker.postMessage(request);
  }

  #spawn(): Worker {
    const data: VectorWorkerData = { index: this.#options.index ?? {} };
    // (`resourceLimits.maxYoungGenerationSizeMb` would not keep its young generation smaller than
    // the event loop's: the server's --max-semi-space-size is a process-wide V8 flag and wins.)
    const worker = new Worker(ENTRY_URL, { workerData: data });
    // An idle index does not keep a process alive.
    worker.unref();
    worker.on('message', (reply: VectorReply) => {
      this.#deaths = 0;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (reply.type === 'failed') pending.reject(new Error(reply.error));
      else pending.resolve(reply);
    });
    worker.on('error', (err) => this.#died(worker, err));
    worker.on('exit', (code) =>
      this.#died(worker, new Error(`the vector worker stopped (exit code ${code})`)),
    );
    return worker;
  }

  #died(worker: Worker, err: Error): void {
    if (this.#worker !== worker || this.#closed) return;
    this.#worker = null;
    this.#rejectAll(err);
    this.#options.onError(err);
    if (++this.#deaths > MAX_RESTARTS) {
      this.#down = new Error(`the vector worker died ${this.#deaths} times in a row: ${err.message}`);
      return;
    }
    // Nothing is in flight now: the documents go to the new thread before any later write or search.
    const entries = [...this.#options.documents()];
    this.#worker = this.#spawn();
    if (entries.length) this.#worker.postMessage({ type: 'add', entries } satisfies VectorRequest);
  }

  #rejectAll(err: Error): void {
    for (const pending of this.#pending.values()) pending.reject(err);
    this.#pending.clear();
  }
}
