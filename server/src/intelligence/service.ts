/**
 * Context intelligence of one instance: the learned router (train, version, classify), handoff
 * briefs, hybrid retrieval of similar resolutions and knowledge-base articles, KB capture on
 * resolution and self-service deflection.
 *
 * It reads issues and timelines only through IssueService and TimelineService, and learns about
 * changes from the bus: an issue that resolves is indexed (and a KB draft captured from it), one that
 * reopens leaves the index, a message on a resolved issue refreshes its entry.
 *
 * The index of past issues is built from the store after start-up, not before it ("warm-up"): the
 * module's background work starts it {@link IntelligenceDeps.warmDelayMs} after the server is ready (so
 * after it listens and has answered its first requests), in slices of a few milliseconds with the event
 * loop free between them; a short-lived process (the CLI) never starts it. Until it is done, similar
 * issues come from what is indexed so far and say so (`retrieval.warming`); a query never waits for it.
 */
import type {
  Classification,
  HandoffBrief,
  Issue,
  KbArticle,
  RoutingModelInfo,
  SimilarItem,
  SimilarResults,
  TimelineEvent,
} from '@baton/schemas';
import type { EventBus } from '../events/bus.ts';
import { ProblemError } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import { merge } from '../shared/merge.ts';
import type { Store } from '../store/port.ts';
import { buildBrief } from './brief/brief.ts';
import { KnowledgeBase } from './kb/articles.ts';
import type { EmbeddingProvider } from './providers/provider.ts';
import { HybridIndex, type NeighbourSearch, type RetrievalDoc } from './retrieval/hybrid.ts';
import { sameFeatures } from './retrieval/lexical-vectors.ts';
import { WorkerVectors } from './retrieval/vector-worker.ts';
import { LABELS, type LabelledTicket } from './routing/dataset.ts';
import type { PredictOptions, RoutingModel, RoutingModelOptions } from './routing/model.ts';
import { RoutingModelStore } from './routing/store.ts';
import { trainInWorker } from './routing/train-worker.ts';

export interface IntelligenceLogger {
  error(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

export interface IntelligenceDeps {
  clock: Clock;
  bus: EventBus;
  issues: IssueService;
  timeline: TimelineService;
  /** For the customer context of briefs (tier, plan, value, local time). */
  customers?: CustomerService;
  log: IntelligenceLogger;
  /** An embedding provider (transformers.js); none: lexical retrieval only. */
  embedder?: EmbeddingProvider | undefined;
  /**
   * How long after the module starts the index of past issues begins to build (default
   * {@link WARM_DELAY_MS}); tests pass 0, or a long delay to see the warming state.
   */
  warmDelayMs?: number | undefined;
  /**
   * Keep the lexical vector index (the router's neighbour search) on a worker thread (default false:
   * in this thread). The server decides with `BATON_RETRIEVAL_THREAD` (default `auto`: with two cores
   * or more): it takes about a tenth of an issue's CPU off the event loop at 100,000 issues, for one
   * more thread and its heap.
   */
  retrievalThread?: boolean | undefined;
}

/** Default delay of the warm-up: the server listens and answers its first pages before it. */
export const WARM_DELAY_MS = 1000;
/** The warm-up works this long at most before it lets requests in (a slice, then a turn of the loop). */
const WARM_SLICE_MS = 8;

export interface TrainResult {
  info: RoutingModelInfo;
  examples: number;
}

const RESOLVED: ReadonlySet<Issue['status']> = new Set(['resolved', 'closed']);
const PAGE = 500;
/** How often a server looks for a model trained elsewhere (another instance, the CLI). */
const MODEL_CHECK_MS = 60_000;

export class IntelligenceService {
  readonly kb: KnowledgeBase;
  readonly models: RoutingModelStore;
  readonly index: HybridIndex;
  #active: { info: RoutingModelInfo; model: RoutingModel } | null = null;
  #checkedAt = Number.NEGATIVE_INFINITY;
  /** The warm-up once started; undefined while cold. */
  #warmUp: Promise<void> | undefined;
  #warm = false;
  #warmTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  /** Classifications made without neighbours since the search last failed (0: it answers). */
  #withoutNeighbours = 0;
  /**
   * Index keys the bus changed since the warm-up began: the bus already put them right, so the
   * warm-up (which read them earlier) leaves them alone — a reopened issue is not put back.
   */
  readonly #changedSinceWarmUp = new Set<string>();
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly deps: IntelligenceDeps,
  ) {
    this.kb = new KnowledgeBase(store, deps.clock);
    this.models = new RoutingModelStore(store, deps.clock);
    this.index = deps.retrievalThread
      ? new HybridIndex(
          deps.embedder,
          new WorkerVectors({
            documents: () => this.index.vectorEntries(),
            onError: (err) => deps.log.error({ err }, 'the retrieval thread stopped; starting a new one'),
          }),
        )
      : new HybridIndex(deps.embedder);
  }

  async init(): Promise<void> {
    await this.kb.init();
    await this.models.init();
  }

  /** Subscribes to the bus: issues that resolve, reopen or get messages keep the index current. */
  start(): void {
    const { bus } = this.deps;
    this.#unsubscribe.push(
      bus.on('issue.created', async ({ issue }) => {
        if (RESOLVED.has(issue.status)) await this.#indexIssue(issue);
      }),
      bus.on('issue.updated', async ({ issue, changes }) => {
        if (!changes.status) return;
        if (RESOLVED.has(issue.status)) {
          const events = await this.deps.timeline.allForIssue(issue.id);
          await this.#indexIssue(issue, events);
          if (issue.status === 'resolved') await this.kb.capture(issue, events);
        } else {
          this.#changed(`issue:${issue.id}`);
          this.index.remove(`issue:${issue.id}`);
        }
      }),
      bus.on('message.added', async ({ issue }) => {
        if (RESOLVED.has(issue.status)) await this.#indexIssue(issue);
      }),
      this.kb.onChange((article) => this.#indexArticle(article)),
    );
  }

  /**
   * Starts the warm-up after `warmDelayMs` (the module's background work calls this once the server
   * is ready). The timer does not keep a process alive.
   */
  scheduleWarmUp(): void {
    if (this.#warmUp || this.#warmTimer) return;
    const delay = this.deps.warmDelayMs ?? WARM_DELAY_MS;
    this.#warmTimer = setTimeout(() => {
      this.#warmTimer = undefined;
      this.warmUp();
    }, delay);
    this.#warmTimer.unref();
  }

  /** Starts building the index of past issues now, unless it is started already; resolves when done. */
  warmUp(): Promise<void> {
    if (this.#warmTimer) {
      clearTimeout(this.#warmTimer);
      this.#warmTimer = undefined;
    }
    this.#warmUp ??= this.rebuild().then(
      () => {
        this.#warm = true;
        this.#changedSinceWarmUp.clear();
      },
      async (err: unknown) => {
        if (err instanceof WarmUpStopped) return;
        // Still warming: the next similar query (or ready()) tries again.
        this.#warmUp = undefined;
        // A process that closes the store while the warm-up still reads is shutting down, not failing.
        const open = await this.store.ping().then(
          () => true,
          () => false,
        );
        if (open) this.deps.log.error({ err }, 'building the retrieval index failed');
      },
    );
    return this.#warmUp;
  }

  /** True while past issues are not all indexed yet (before and during the warm-up). */
  get warming(): boolean {
    return !this.#warm;
  }

  /** Cancels a warm-up that has not started, and ends one under way at its next slice. */
  stopWarmUp(): void {
    if (this.#warmTimer) clearTimeout(this.#warmTimer);
    this.#warmTimer = undefined;
    this.#stopping = true;
  }

  stop(): void {
    this.stopWarmUp();
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  /**
   * Ends the retrieval thread, if there is one (the server is closing), once the work already
   * emitted is done: an issue still in its flow when the server closes is classified with its
   * neighbours, as it would have been a moment earlier.
   */
  async close(): Promise<void> {
    await this.deps.bus.drain();
    await this.index.vectors.close();
  }

  /** Resolves once every past issue is indexed (starting the warm-up now if it has not started). */
  ready(): Promise<void> {
    return this.warmUp();
  }

  /**
   * Reads every resolved issue and every non-archived article into the index, in slices of
   * {@link WARM_SLICE_MS} with a turn of the event loop between them, so requests are answered while a
   * large history is indexed. Documents the bus changed meanwhile are left as the bus put them.
   */
  async rebuild(): Promise<{ issues: number; articles: number }> {
    let issues = 0;
    let sliceStart = performance.now();
    const pause = async () => {
      if (performance.now() - sliceStart < WARM_SLICE_MS) return;
      await nextTurn();
      if (this.#stopping) throw new WarmUpStopped();
      sliceStart = performance.now();
    };
    for await (const batch of this.#resolvedIssues()) {
      let docs: RetrievalDoc[] = [];
      for (const issue of batch) {
        docs.push(issueDoc(issue, await this.deps.timeline.repliesFor(issue.id)));
        if (performance.now() - sliceStart >= WARM_SLICE_MS) {
          issues += await this.#addUnchanged(docs);
          docs = [];
          await pause();
        }
      }
      issues += await this.#addUnchanged(docs);
      await pause();
    }
    const articles = await this.kb.all(['draft', 'reviewable', 'published']);
    await this.#addUnchanged(articles.map(articleDoc));
    this.index.trim();
    // Ready means searchable: every document posted to a retrieval thread is in.
    await this.index.vectors.flush();
    return { issues, articles: articles.length };
  }

  async #addUnchanged(docs: RetrievalDoc[]): Promise<number> {
    const fresh = docs.filter((doc) => !this.#changedSinceWarmUp.has(doc.key));
    if (fresh.length) await this.index.addMany(fresh);
    return docs.length;
  }

  #changed(key: string): void {
    // Before the warm-up starts there is nothing to protect: it will read the store as it is then.
    if (this.#warmUp && !this.#warm) this.#changedSinceWarmUp.add(key);
  }

  // ---- learned routing -----------------------------------------------------------------------

  /** Trains a new version from resolved issues (the organisation's history) and makes it active. */
  async train(options: Partial<RoutingModelOptions> = {}): Promise<TrainResult> {
    const tickets: LabelledTicket[] = [];
    for await (const batch of this.#resolvedIssues()) {
      for (const issue of batch) {
        tickets.push({
          key: issue.id,
          subject: issue.subject,
          body: issue.body,
          language: issue.language,
          queue: issue.queue,
          priority: issue.priority,
          type: issue.type,
          tags: issue.tags,
        });
      }
    }
    const model = await trainInWorker(tickets, LABELS, options, this.deps.clock.now());
    if (model.labels.length === 0) {
      throw new ProblemError(
        'unprocessable',
        `not enough history to learn from: ${tickets.length} resolved issues, and no label with two or more values among them`,
      );
    }
    const info = await this.models.save(model, 'history');
    this.#active = { info, model };
    this.#checkedAt = Date.now();
    return { info, examples: tickets.length };
  }

  /** The active model: the newest stored version (looked up again at most once a minute). */
  async activeModel(): Promise<{ info: RoutingModelInfo; model: RoutingModel } | null> {
    if (Date.now() - this.#checkedAt > MODEL_CHECK_MS) {
      this.#checkedAt = Date.now();
      const newest = (await this.models.list())[0];
      if (newest && newest.version !== this.#active?.info.version)
        this.#active = await this.models.load(newest.version);
    }
    return this.#active;
  }

  async classifyIssue(issue: Issue, options?: PredictOptions): Promise<Classification | null> {
    return this.classifyText(
      { subject: issue.subject, body: issue.body, language: issue.language },
      new Set([`issue:${issue.id}`]),
      options,
    );
  }

  async classifyText(
    text: { subject: string; body: string; language?: string | undefined },
    exclude?: ReadonlySet<string>,
    options: PredictOptions = {},
  ): Promise<Classification | null> {
    const active = await this.activeModel();
    if (!active) return null;
    const { model } = active;
    let near: NeighbourSearch | undefined;
    try {
      near = await this.index.neighbours(text, model.options.blend.k, exclude);
      if (this.#withoutNeighbours > 0) {
        this.deps.log.info?.(
          { classifications: this.#withoutNeighbours },
          'similar past issues found again; classifications use them',
        );
        this.#withoutNeighbours = 0;
      }
    } catch (err) {
      // The index's thread died (it restarts by itself): the linear model alone still answers. One
      // line per outage, not per issue: a thread that stays down would otherwise log every classification.
      if (this.#withoutNeighbours++ === 0)
        this.deps.log.error(
          { err },
          'searching similar past issues failed; classifying without them until the search answers again',
        );
    }
    const predictions = model.predict(
      text,
      merge(options, {
        neighbours: near?.hits ?? [],
        // The index hashed the text already; the model reuses that when it hashes the same way.
        counts:
          near && sameFeatures(model.options.features, this.index.vectors.features) ? near.counts : undefined,
      }),
    );
    return { modelVersion: active.info.version, predictions };
  }

  // ---- briefs ----------------------------------------------------------------------------------

  /** The brief of an issue (the API's and the `summarize` kind's): the one engine, with its customer. */
  async brief(issueId: string, variant: 'full' | 'executive' = 'full'): Promise<HandoffBrief> {
    const issue = await this.deps.issues.get(issueId);
    return this.briefOf(issue, await this.deps.timeline.allForIssue(issueId), { variant });
  }

  /** The brief of an issue whose timeline the caller already read (handoffs). */
  async briefOf(
    issue: Issue,
    events: readonly TimelineEvent[],
    options: { variant?: 'full' | 'executive'; now?: Date } = {},
  ): Promise<HandoffBrief> {
    const customer = await this.deps.customers?.find(issue.customerId).catch(() => null);
    return buildBrief(issue, events, {
      variant: options.variant ?? 'full',
      now: options.now ?? this.deps.clock.now(),
      customer: customer ?? null,
    });
  }

  // ---- retrieval ---------------------------------------------------------------------------------

  async similar(
    issueId: string,
    options: { limit?: number; kind?: 'all' | 'issues' | 'articles' } = {},
  ): Promise<SimilarResults> {
    const issue = await this.deps.issues.get(issueId);
    const kind = options.kind ?? 'all';
    const limit = options.limit ?? 10;
    // Deeper than asked: past issues that repeat one resolution fold into one item (foldRepeats).
    const hits = await this.index.search(
      { title: issue.subject, problem: issue.body, language: issue.language },
      Math.min(limit * REPEAT_DEPTH, MAX_SEARCH_DEPTH),
      (doc) =>
        !(doc.kind === 'issue' && doc.id === issue.id) &&
        !(doc.kind === 'article' && doc.status === 'archived') &&
        (kind === 'all' || (kind === 'issues' ? doc.kind === 'issue' : doc.kind === 'article')),
    );
    return { items: foldRepeats(hits.map(toItem), limit), retrieval: this.#retrieval() };
  }

  /**
   * Self-service suggestions for an incoming issue: published articles only (what a customer may
   * be shown), best first.
   */
  async deflection(issueId: string, limit = 3): Promise<SimilarResults> {
    const issue = await this.deps.issues.get(issueId);
    const hits = await this.index.search(
      { title: issue.subject, problem: issue.body, language: issue.language },
      limit,
      (doc) => doc.kind === 'article' && doc.status === 'published',
    );
    return { items: hits.map(toItem), retrieval: this.#retrieval() };
  }

  /** How an answer was retrieved; asking while cold starts the warm-up now (never waiting for it). */
  #retrieval(): SimilarResults['retrieval'] {
    if (this.warming) void this.warmUp();
    return { lexical: true, embeddings: this.index.embeddingModel, warming: this.warming };
  }

  // ---- internals -------------------------------------------------------------------------------

  async #indexIssue(issue: Issue, events?: TimelineEvent[]): Promise<void> {
    this.#changed(`issue:${issue.id}`);
    const replies = events ? repliesOf(events) : await this.deps.timeline.repliesFor(issue.id);
    await this.index.add(issueDoc(issue, replies));
  }

  async #indexArticle(article: KbArticle): Promise<void> {
    this.#changed(`article:${article.id}`);
    if (article.status === 'archived') this.index.remove(`article:${article.id}`);
    else await this.index.add(articleDoc(article));
  }

  async *#resolvedIssues(): AsyncGenerator<Issue[]> {
    for (const status of ['resolved', 'closed'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.deps.issues.list({ status, limit: PAGE, ...(cursor ? { cursor } : {}) });
        if (page.items.length) yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
}

function repliesOf(events: readonly TimelineEvent[]): string[] {
  return events.filter((e) => e.type === 'agent_reply').map((e) => (e as { text: string }).text);
}

/** An issue's entry: what the customer asked, and every agent reply as its resolution. */
function issueDoc(issue: Issue, replies: readonly string[]): RetrievalDoc {
  const resolution = replies.join('\n');
  return {
    key: `issue:${issue.id}`,
    kind: 'issue',
    id: issue.id,
    title: issue.subject,
    problem: issue.body,
    resolution: resolution || undefined,
    language: issue.language,
    labels: { queue: issue.queue, priority: issue.priority, type: issue.type },
    tags: issue.tags,
  };
}

function articleDoc(article: KbArticle): RetrievalDoc {
  return {
    key: `article:${article.id}`,
    kind: 'article',
    id: article.id,
    title: article.title,
    problem: article.problem,
    resolution: article.resolution.join('\n'),
    language: article.language,
    labels: { queue: article.queue },
    tags: article.tags,
    status: article.status,
  };
}

/** How much deeper than its limit {@link IntelligenceService.similar} searches, to fill it after folding. */
const REPEAT_DEPTH = 4;
const MAX_SEARCH_DEPTH = 100;

/**
 * The first `limit` different resolutions: a past issue with the same title and resolution as a
 * better-ranked one is folded into it (`repeats` counts them). A recurring question answered the
 * same way each time otherwise filled the agent's panel with one suggestion shown four times.
 * Articles are never folded: each is its own page.
 */
function foldRepeats(items: SimilarItem[], limit: number): SimilarItem[] {
  const out: SimilarItem[] = [];
  const byText = new Map<string, SimilarItem>();
  for (const item of items) {
    const key =
      item.kind === 'issue' ? `${sameText(item.title)}\n${sameText(item.resolution ?? '')}` : undefined;
    const first = key === undefined ? undefined : byText.get(key);
    if (first) {
      first.repeats = (first.repeats ?? 0) + 1;
      continue;
    }
    if (out.length === limit) continue; // still counted above as a repeat of one shown
    out.push(item);
    if (key !== undefined) byText.set(key, item);
  }
  return out;
}

/** Text as two readers would call it the same: case and runs of whitespace aside. */
function sameText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function toItem(hit: Awaited<ReturnType<HybridIndex['search']>>[number]): SimilarItem {
  const { doc } = hit;
  const snippet = doc.problem.length > 300 ? `${doc.problem.slice(0, 299)}…` : doc.problem;
  return {
    kind: doc.kind,
    id: doc.id,
    title: doc.title,
    score: Math.round(hit.score * 1e6) / 1e6,
    ...(hit.similarity !== undefined ? { similarity: Math.round(hit.similarity * 1e4) / 1e4 } : {}),
    matchedBy: hit.matchedBy,
    ...(doc.labels.queue ? { queue: doc.labels.queue } : {}),
    ...(doc.labels.type ? { type: doc.labels.type } : {}),
    tags: doc.tags,
    snippet,
    ...(doc.resolution ? { resolution: doc.resolution.slice(0, 1000) } : {}),
    ...(doc.status ? { status: doc.status } : {}),
  };
}

/** The server closed while the warm-up ran: it ends there, quietly. */
class WarmUpStopped extends Error {}

/** Resolves after the event loop has run a full turn (timers, I/O) since the call. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
