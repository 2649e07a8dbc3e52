/**
 * Knowledge-base articles. When an issue resolves, a draft is captured from it: the title from the
 * subject, the problem from the customer's opening message (greetings and sign-offs dropped), the
 * resolution from the agent message the customer confirmed ("that worked") and the workspace's
 * decision log — never filler such as "Next update in 20 minutes" — see {@link resolutionSteps},
 * and tags from the issue's tags plus its most distinctive words. One draft per issue (a unique
 * index on the source), so resolving, reopening and resolving again does not pile up drafts.
 *
 * Review: draft → reviewable → published; published → archived; archived or reviewable → draft.
 * Publishing skips no step: a draft is reviewed before customers see it.
 */
import type {
  Issue,
  KbArticle,
  KbArticleListQuery,
  KbArticleStatus,
  KbArticleUpdate,
  TimelineEvent,
} from '@baton/schemas';
import { afterKey, decodeCursor, toPage } from '../../http/cursor.ts';
import { notFound, ProblemError } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../../shared/documents.ts';
import { newId } from '../../shared/ids.ts';
import { type Collection, DuplicateKeyError, type Filter, type Store } from '../../store/port.ts';
import { CONFIRMATION } from '../brief/cues.ts';
import { isFillerSentence, isQuestion } from '../brief/questions.ts';
import { type Sentence, sentencesOf } from '../brief/sentences.ts';
import { tokenize } from '../text/tokenize.ts';

export const KB_TRANSITIONS: Readonly<Record<KbArticleStatus, readonly KbArticleStatus[]>> = {
  draft: ['reviewable', 'archived'],
  reviewable: ['published', 'draft', 'archived'],
  published: ['archived', 'reviewable'],
  archived: ['draft'],
};

const STEP_CUE =
  /\b(please|try|make sure|ensure|go to|open|click|select|restart|reinstall|update|install|clear|reset|check|verify|enable|disable|run|use|we (have|applied|fixed|updated|reset|restarted|changed)|bitte|versuchen|stellen sie sicher|gehen sie|offnen|klicken|wahlen|starten sie|installieren|aktualisieren|loschen|zurucksetzen|prufen|uberprufen|aktivieren|deaktivieren|verwenden|wir haben)\b/u;

export type ArticleListener = (article: KbArticle) => void | Promise<void>;

export class KnowledgeBase {
  readonly #articles: Collection<Stored<KbArticle>>;
  readonly #listeners = new Set<ArticleListener>();

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#articles = store.collection('kb_articles');
  }

  async init(): Promise<void> {
    await this.#articles.createIndex({ keys: { sourceIssueId: 1 }, unique: true, sparse: true });
    await this.#articles.createIndex({ keys: { status: 1, createdAt: -1, _id: -1 } });
    await this.#articles.createIndex({ keys: { createdAt: -1, _id: -1 } });
  }

  /** Called with every article written (the retrieval index listens). */
  onChange(listener: ArticleListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #changed(article: KbArticle): Promise<void> {
    for (const listener of this.#listeners) await listener(article);
  }

  /** The draft for a resolved issue; the existing article when one was captured before. */
  async capture(
    issue: Issue,
    events: readonly TimelineEvent[],
  ): Promise<{ article: KbArticle; created: boolean }> {
    const existing = await this.#articles.findOne({ sourceIssueId: issue.id });
    if (existing) return { article: fromStored(existing), created: false };
    const draft = draftFrom(issue, events, this.clock.now().toISOString(), newId('kba'));
    try {
      await this.#articles.insertOne(toStored(draft));
    } catch (err) {
      if (err instanceof DuplicateKeyError) {
        const winner = await this.#articles.findOne({ sourceIssueId: issue.id });
        if (winner) return { article: fromStored(winner), created: false };
      }
      throw err;
    }
    await this.#changed(draft);
    return { article: draft, created: true };
  }

  async get(id: string): Promise<KbArticle> {
    const found = await this.#articles.findOne({ _id: id });
    if (!found) throw notFound('article', id);
    return fromStored(found);
  }

  async list(query: KbArticleListQuery) {
    const limit = query.limit ?? 50;
    const filter: Filter = {};
    if (query.status) filter.status = query.status;
    if (query.sourceIssueId) filter.sourceIssueId = query.sourceIssueId;
    if (query.tag) filter.tags = { $all: [query.tag] };
    const after = query.cursor ? afterKey(['createdAt', '_id'], decodeCursor(query.cursor, 2), -1) : {};
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length) {
      // A reviewer's search box: every word in the title, problem, steps or tags. A knowledge base
      // a person reviews stays in the thousands, so the newest 2000 are scanned, then paged.
      const scanned = await this.#articles.find(
        { $and: [filter, after] },
        { sort: { createdAt: -1, _id: -1 }, limit: 2000 },
      );
      const hits = scanned.map(fromStored<KbArticle>).filter((a) => {
        const text = [a.title, a.problem, ...a.resolution, ...a.tags].join(' ').toLowerCase();
        return words.every((w) => text.includes(w));
      });
      return toPage(hits.slice(0, limit + 1), limit, (a) => [a.createdAt, a.id]);
    }
    const rows = await this.#articles.find(
      { $and: [filter, after] },
      { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 },
    );
    return toPage(rows.map(fromStored<KbArticle>), limit, (a) => [a.createdAt, a.id]);
  }

  /** Every article of the given statuses (for the retrieval index). */
  async all(statuses: readonly KbArticleStatus[]): Promise<KbArticle[]> {
    const rows = await this.#articles.find(
      { status: { $in: [...statuses] } },
      { sort: { createdAt: 1, _id: 1 } },
    );
    return rows.map(fromStored<KbArticle>);
  }

  async update(id: string, patch: KbArticleUpdate): Promise<KbArticle> {
    const current = await this.get(id);
    const now = this.clock.now().toISOString();
    const $set: Record<string, unknown> = { updatedAt: now };
    for (const field of ['title', 'problem', 'resolution', 'tags'] as const) {
      if (patch[field] !== undefined) $set[field] = patch[field];
    }
    if (patch.status && patch.status !== current.status) {
      if (!KB_TRANSITIONS[current.status].includes(patch.status)) {
        throw new ProblemError(
          'conflict',
          `an article that is ${current.status} cannot become ${patch.status}; allowed: ${KB_TRANSITIONS[current.status].join(', ')}`,
        );
      }
      $set.status = patch.status;
      if (patch.status === 'published') $set.publishedAt = now;
    }
    const updated = await this.#articles.findOneAndUpdate({ _id: id }, { $set });
    if (!updated) throw notFound('article', id);
    const article = fromStored(updated);
    await this.#changed(article);
    return article;
  }
}

/** The draft captured from a resolved issue's timeline. Exported for tests. */
export function draftFrom(
  issue: Issue,
  events: readonly TimelineEvent[],
  now: string,
  id: string,
): KbArticle {
  const sentences = sentencesOf(events);
  const opening = sentences.filter((s) => s.speaker === 'customer');
  const firstEvent = opening[0]?.eventId;
  const problem = opening
    .filter((s) => s.eventId === firstEvent)
    .map((s) => s.text)
    .join(' ');
  const steps = resolutionSteps(sentences);
  const resolution = [...new Set(steps.map((s) => s.text.slice(0, 5000)))].slice(0, 20);
  const sourceEventIds = [
    ...new Set([...(firstEvent ? [firstEvent] : []), ...steps.map((s) => s.eventId)]),
  ].slice(0, 200);
  return {
    id,
    status: 'draft',
    title: issue.subject.slice(0, 300),
    problem: (problem || issue.body || issue.subject).slice(0, 20000),
    resolution,
    tags: articleTags(issue, `${issue.subject}\n${problem}`),
    ...(issue.language ? { language: issue.language } : {}),
    ...(issue.queue ? { queue: issue.queue } : {}),
    sourceIssueId: issue.id,
    sourceEventIds,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * What resolved the issue: the agent message that came right before the customer confirmed it
 * worked, plus the decisions recorded in the workspace. Without a confirmation, the newest agent
 * message that says what to do or what was done. Filler ("I will check the logs", "Next update in
 * 20 minutes") and questions never count.
 */
export function resolutionSteps(sentences: readonly Sentence[]): Sentence[] {
  const told = (s: Sentence) => s.toCustomer && !isFillerSentence(s) && !isQuestion(s);
  const confirmation = [...sentences]
    .reverse()
    .find((s) => s.speaker === 'customer' && CONFIRMATION.test(s.norm));
  let message: Sentence[] = [];
  if (confirmation) {
    const before = sentences.filter((s) => told(s) && s.eventIndex < confirmation.eventIndex);
    const lastEvent = before.at(-1)?.eventId;
    message = before.filter((s) => s.eventId === lastEvent);
  }
  if (message.length === 0) {
    const doing = sentences.filter((s) => told(s) && STEP_CUE.test(s.norm));
    const lastEvent = (doing.at(-1) ?? sentences.filter(told).at(-1))?.eventId;
    message = sentences.filter((s) => told(s) && s.eventId === lastEvent);
  }
  const decisions = sentences.filter((s) => s.eventType === 'decision' && !isFillerSentence(s));
  return [...message, ...decisions];
}

/**
 * The issue's tags, then the most frequent longer content words of the problem, up to 8 in all. Words
 * are counted by their stem, so "failed" and "failing" are one tag (the form seen first), as are a
 * word and an issue tag with the same stem.
 */
function articleTags(issue: Issue, text: string): string[] {
  const tags = new Set(issue.tags);
  const { terms, surface } = tokenize(text, issue.language);
  const stemOf = (word: string) => tokenize(word, issue.language).terms[0] ?? word;
  const taken = new Set([...tags].map(stemOf));
  const counts = new Map<string, { word: string; count: number }>();
  terms.forEach((term, i) => {
    const word = surface[i] as string;
    if (word.length < 5 || /\d/.test(word)) return;
    const seen = counts.get(term);
    if (seen) seen.count++;
    else counts.set(term, { word, count: 1 });
  });
  const ranked = [...counts].sort(
    ([, a], [, b]) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0),
  );
  for (const [term, { word }] of ranked) {
    if (tags.size >= 8) break;
    if (taken.has(term)) continue;
    taken.add(term);
    tags.add(word);
  }
  return [...tags].slice(0, 50);
}
