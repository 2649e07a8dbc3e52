/**
 * Timelines: every event of an issue, and the unified timeline of a customer across all their
 * issues. Owns the `timeline` collection. Events are ordered by (`at`, `_id`).
 */
import type { Actor, TimelineEvent, TimelineEventContent, TimelineQuery } from '@baton/schemas';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import { type Collection, DuplicateKeyError, type Filter, type Store } from '../store/port.ts';

export interface NewTimelineEvent {
  issueId: string;
  customerId: string;
  at: string;
  author: Actor;
  content: TimelineEventContent;
  /** A stable id makes the append idempotent (used for the opening message and imports). */
  id?: string;
  /** When the sender says it happened (kept beside `at`, Baton's time). */
  occurredAt?: string;
  /** Who sent it to Baton (the API caller). */
  receivedBy?: Actor;
}

export class TimelineService {
  readonly #events: Collection<Stored<TimelineEvent>>;

  constructor(store: Store) {
    this.#events = store.collection('timeline');
  }

  async init(): Promise<void> {
    await this.#events.createIndex({ keys: { issueId: 1, at: 1, _id: 1 } });
    await this.#events.createIndex({ keys: { customerId: 1, at: 1, _id: 1 } });
  }

  async append(input: NewTimelineEvent): Promise<TimelineEvent> {
    const event = buildEvent(input);
    await this.#events.insertOne(toStored(event));
    return event;
  }

  /**
   * Appends unless an event with the same id exists: safe to repeat after a crash or a retry. The
   * insert comes first, because the event is almost always new (an issue's opening message); an upsert
   * with `$setOnInsert` built the same document through the generic update path, twice the cost.
   */
  async ensure(input: NewTimelineEvent & { id: string }): Promise<TimelineEvent> {
    const event = buildEvent(input);
    try {
      await this.#events.insertOne(toStored(event));
      return event;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      const stored = await this.#events.findOne({ _id: input.id });
      if (!stored) throw err;
      return fromStored(stored);
    }
  }

  /**
   * Removes one event. Only for an event written in the same turn as the change it records, when the
   * change was then refused (a new issue's opening message, an update's note): a timeline is otherwise
   * append-only.
   */
  async discard(id: string): Promise<void> {
    await this.#events.deleteOne({ _id: id });
  }

  forIssue(issueId: string, query: TimelineQuery) {
    return this.#page({ issueId }, query);
  }

  /**
   * An issue's events oldest first, in one read, for code that needs the whole story (briefs,
   * indexing, flow facts); `max` bounds what a very long issue costs.
   */
  async allForIssue(issueId: string, max?: number): Promise<TimelineEvent[]> {
    const rows = await this.#events.find(
      { issueId },
      { sort: { at: 1, _id: 1 }, ...(max !== undefined ? { limit: max } : {}) },
    );
    return rows.map(fromStored<TimelineEvent>);
  }

  /**
   * The texts of an issue's agent replies, oldest first: all that indexing a resolved issue needs,
   * read without copying the rest of its timeline (the retrieval warm-up reads 50,000 of these).
   */
  async repliesFor(issueId: string): Promise<string[]> {
    const rows = await this.#events.find(
      { issueId, type: 'agent_reply' },
      { sort: { at: 1, _id: 1 }, projection: { text: 1 } },
    );
    return rows.map((row) => (row as unknown as { text: string }).text);
  }

  forCustomer(customerId: string, query: TimelineQuery) {
    return this.#page({ customerId }, query);
  }

  async #page(filter: Filter, { limit = 50, cursor, order = 'asc' }: TimelineQuery) {
    const direction = order === 'desc' ? -1 : 1;
    const after = cursor ? afterKey(['at', '_id'], decodeCursor(cursor, 2), direction) : {};
    const rows = await this.#events.find(
      { $and: [filter, after] },
      { sort: { at: direction, _id: direction }, limit: limit + 1 },
    );
    return toPage(rows.map(fromStored<TimelineEvent>), limit, (e) => [e.at, e.id]);
  }
}

function buildEvent(input: NewTimelineEvent): TimelineEvent {
  const { id, issueId, customerId, at, author, content, occurredAt, receivedBy } = input;
  return {
    id: id ?? newId('evt'),
    issueId,
    customerId,
    at,
    author,
    ...(occurredAt ? { occurredAt } : {}),
    ...(receivedBy ? { receivedBy } : {}),
    ...content,
  };
}
