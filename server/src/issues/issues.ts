/**
 * Issues: open (idempotently by externalId), read, list, change, and append to their timeline.
 * Owns the `issues` collection; emits `issue.created`, `issue.updated` and `message.added`.
 */
import type {
  Actor,
  EventCause,
  Issue,
  IssueCreate,
  IssueListQuery,
  IssueStatus,
  IssueUpdate,
  TimelineEvent,
  TimelineEventContent,
} from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { EventBus, IssueChanges } from '../events/bus.ts';
import type { EventOutbox } from '../events/outbox.ts';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { invalidInput, notFound } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import { merge } from '../shared/merge.ts';
import { type Collection, DuplicateKeyError, type Filter, type Store } from '../store/port.ts';
import type { IngestAdmission } from './admission.ts';
import type { CustomerService } from './customers.ts';
import type { NewTimelineEvent, TimelineService } from './timeline.ts';

/** What the issues module needs to know about teams and agents (provided by `routing`). */
export interface AssigneeDirectory {
  agentExists(id: string): Promise<boolean>;
  teamExists(id: string): Promise<boolean>;
}

export interface CreateOptions {
  /** Imports bring history in already answered. Default: `new`. */
  status?: IssueStatus;
  /** When it really happened (imports). Default: now. */
  createdAt?: string;
}

/** Statuses from which a customer's new message brings the issue back to the team. */
const REOPENED_BY_CUSTOMER: ReadonlySet<IssueStatus> = new Set(['pending', 'resolved']);

export class IssueService {
  readonly #issues: Collection<Stored<Issue>>;

  constructor(
    store: Store,
    private readonly deps: {
      clock: Clock;
      bus: EventBus;
      customers: CustomerService;
      timeline: TimelineService;
      directory: AssigneeDirectory;
      /** Back-pressure for new issues from outside (none: always admitted). */
      admission?: IngestAdmission;
      /** Keeps `issue.created` owed durably until its listeners finish (none: emitted only). */
      outbox?: EventOutbox;
    },
  ) {
    this.#issues = store.collection('issues');
  }

  async init(): Promise<void> {
    await this.#issues.createIndex({ keys: { externalId: 1 }, unique: true, sparse: true });
    await this.#issues.createIndex({ keys: { createdAt: -1, _id: -1 } });
    await this.#issues.createIndex({ keys: { customerId: 1 } });
    // A customer's issues newest first (routing's previous-agent affinity, the customer's page) walk
    // this index instead of sorting every issue the customer ever opened.
    await this.#issues.createIndex({ keys: { customerId: 1, createdAt: -1, _id: -1 } });
    await this.#issues.createIndex({ keys: { status: 1 } });
    await this.#issues.createIndex({ keys: { 'assignee.agentId': 1 } });
  }

  /** Refuses (503, Retry-After) a new issue from outside while the work after earlier ones is behind. */
  admit(): void {
    this.deps.admission?.check();
  }

  /**
   * Opens an issue with the customer's first message on its timeline. The same externalId always
   * yields the same issue; a retry after a crash also restores a missing opening message.
   */
  async create(input: IssueCreate, options: CreateOptions = {}): Promise<{ issue: Issue; created: boolean }> {
    if (input.externalId) {
      const existing = await this.#issues.findOne({ externalId: input.externalId });
      if (existing) return this.#existing(fromStored(existing));
    }
    const customer = await this.deps.customers.resolve(input.customer);
    const now = this.deps.clock.now().toISOString();
    const createdAt = options.createdAt ?? now;
    const status = options.status ?? 'new';
    const { customer: _ref, priority, tags, ...fields } = input;
    // merge, not a literal opening with `...fields`: V8 takes a slow path for each field after it.
    const issue: Issue = merge(fields, {
      id: newId('iss'),
      customerId: customer.id,
      priority: priority ?? 'medium',
      status,
      tags: tags ?? [],
      createdAt,
      updatedAt: now,
      lastActivityAt: createdAt,
      ...(status === 'resolved' || status === 'closed' ? { resolvedAt: now } : {}),
    });
    // The owed event and the opening message are written in the same turn as the issue: one group
    // commit journals all three, so the work after the acknowledgement survives a crash (replayed on
    // start, `events/outbox.ts`) and the acknowledgement waits for one commit, not two.
    const owed = this.deps.outbox?.owe({ type: 'issue.created', at: now, issue });
    const inserted = this.#issues.insertOne(toStored(issue));
    const opened = this.#ensureOpeningMessage(issue);
    const [stored, recorded, opening] = await Promise.allSettled([inserted, owed?.written, opened]);
    if (stored.status === 'rejected') {
      // The issue was not stored: nothing may stay behind that speaks of it.
      if (owed && recorded.status === 'fulfilled') await this.deps.outbox?.cancel(owed.event.id);
      if (opening.status === 'fulfilled') await this.deps.timeline.discard(opening.value.id);
      const err = stored.reason;
      // Two deliveries of one external issue raced; the first one won.
      if (err instanceof DuplicateKeyError && input.externalId) {
        const winner = await this.#issues.findOne({ externalId: input.externalId });
        if (winner) return this.#existing(fromStored(winner));
      }
      throw err;
    }
    if (recorded.status === 'rejected') throw recorded.reason;
    if (opening.status === 'rejected') throw opening.reason;
    if (owed) this.deps.outbox?.publish(owed.event);
    else this.deps.bus.emit({ type: 'issue.created', at: now, issue });
    return { issue, created: true };
  }

  async #existing(issue: Issue): Promise<{ issue: Issue; created: boolean }> {
    await this.#ensureOpeningMessage(issue);
    return { issue, created: false };
  }

  /**
   * ensure, not append: a retried delivery restores a missing opening message, and a racing duplicate
   * delivery may already have written it (any store that acknowledges writes asynchronously lets it
   * look between the two writes).
   */
  #ensureOpeningMessage(issue: Issue): Promise<TimelineEvent> {
    return this.deps.timeline.ensure(openingMessage(issue));
  }

  async get(id: string): Promise<Issue> {
    const found = await this.#issues.findOne({ _id: id });
    if (!found) throw notFound('issue', id);
    return fromStored(found);
  }

  /** Whether the issue is stored (one indexed read, nothing copied). */
  async exists(id: string): Promise<boolean> {
    return (await this.#issues.countDocuments({ _id: id })) > 0;
  }

  async list(query: IssueListQuery) {
    const limit = query.limit ?? 50;
    const filter: Filter = {};
    if (query.status) filter.status = query.status;
    if (query.priority) filter.priority = query.priority;
    if (query.channel) filter.channel = query.channel;
    if (query.customerId) filter.customerId = query.customerId;
    if (query.tag) filter.tags = query.tag;
    if (query.queue) filter.queue = query.queue;
    if (query.assigneeAgentId) filter['assignee.agentId'] = query.assigneeAgentId;
    if (query.teamId) filter['assignee.teamId'] = query.teamId;
    const after = query.cursor ? afterKey(['createdAt', '_id'], decodeCursor(query.cursor, 2), -1) : {};
    const rows = await this.#issues.find(
      { $and: [filter, after] },
      { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 },
    );
    return toPage(rows.map(fromStored<Issue>), limit, (i) => [i.createdAt, i.id]);
  }

  /**
   * The agent of the customer's newest assigned issue other than `exceptId` (routing's affinity):
   * the customer's newest 20 issues in index order, only their assignees read.
   */
  async lastAssignee(customerId: string, exceptId: string): Promise<string | undefined> {
    const rows = await this.#issues.find(
      { customerId },
      { sort: { createdAt: -1, _id: -1 }, limit: 20, projection: { _id: 1, assignee: 1 } },
    );
    return rows.find((r) => r._id !== exceptId && r.assignee?.agentId)?.assignee?.agentId;
  }

  /**
   * The issues assigned to these agents in these statuses, reduced to what routing counts (load per
   * channel and priority). One indexed query for a whole pool of agents.
   */
  async assignedTo(
    agentIds: readonly string[],
    statuses: readonly IssueStatus[],
  ): Promise<Array<Pick<Issue, 'id' | 'channel' | 'priority' | 'status'> & { agentId: string }>> {
    if (!agentIds.length) return [];
    const rows = await this.#issues.find(
      { 'assignee.agentId': { $in: [...agentIds] }, status: { $in: [...statuses] } },
      { projection: { _id: 1, channel: 1, priority: 1, status: 1, assignee: 1 } },
    );
    return rows.map((r) => ({
      id: r._id,
      channel: r.channel,
      priority: r.priority,
      status: r.status,
      agentId: r.assignee?.agentId ?? '',
    }));
  }

  /**
   * Applies a change, records what changed on the timeline and emits `issue.updated` (with
   * `options.cause`: the flow run whose action this change is, directly or through a listener).
   */
  async update(
    id: string,
    patch: IssueUpdate,
    actor: Actor,
    options: { cause?: EventCause | undefined } = {},
  ): Promise<Issue> {
    const current = await this.get(id);
    if (patch.assignee) await this.#checkAssignee(patch.assignee);
    const now = this.deps.clock.now().toISOString();
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, ''> = {};
    const changes: IssueChanges = {};

    for (const field of ['status', 'priority', 'queue', 'type'] as const) {
      const value = patch[field];
      if (value !== undefined && value !== current[field]) {
        $set[field] = value;
        changes[field] = { from: current[field] ?? null, to: value };
      }
    }
    if (patch.tags && !sameSet(patch.tags, current.tags)) {
      $set.tags = patch.tags;
      changes.tags = { from: current.tags, to: patch.tags };
    }
    if (patch.assignee !== undefined) {
      const next = mergeAssignee(current.assignee, patch.assignee);
      if (JSON.stringify(next ?? null) !== JSON.stringify(current.assignee ?? null)) {
        if (next) $set.assignee = next;
        else $unset.assignee = '';
        changes.assignee = { from: current.assignee ?? null, to: next ?? null };
      }
    }
    if (changes.status) {
      const closing = patch.status === 'resolved' || patch.status === 'closed';
      if (closing && !current.resolvedAt) $set.resolvedAt = now;
      if (!closing && current.resolvedAt) $unset.resolvedAt = '';
    }
    if (Object.keys(changes).length === 0) return current;

    $set.updatedAt = now;
    // The change and its timeline entry are written in one turn (one group commit, not one each):
    // the entry says what `changes` says, which is known before the write.
    const [updated, noted] = await Promise.allSettled([
      this.#issues.findOneAndUpdate({ _id: id }, Object.keys($unset).length ? { $set, $unset } : { $set }),
      this.deps.timeline.append({
        issueId: id,
        customerId: current.customerId,
        at: now,
        author: actor,
        content: {
          type: 'system_event',
          action: 'issue.updated',
          text: describeChanges(changes),
          data: changes,
        },
      }),
    ]);
    if (updated.status === 'rejected' || !updated.value) {
      // Not changed after all: the entry must not claim it was.
      if (noted.status === 'fulfilled') await this.deps.timeline.discard(noted.value.id);
      if (updated.status === 'rejected') throw updated.reason;
      throw notFound('issue', id);
    }
    if (noted.status === 'rejected') throw noted.reason;
    const issue = fromStored(updated.value);
    this.deps.bus.emit({ type: 'issue.updated', at: now, issue, changes }, options.cause);
    return issue;
  }

  /**
   * Appends to the timeline. A customer writing back reopens a pending or resolved issue; the first
   * agent reply moves a new issue to open.
   */
  async addEvent(
    id: string,
    content: TimelineEventContent,
    options: { author?: Actor; at?: string; occurredAt?: string; receivedBy?: Actor; defaultAuthor: Actor },
  ): Promise<TimelineEvent> {
    const issue = await this.get(id);
    const now = this.deps.clock.now().toISOString();
    const author =
      options.author ??
      (content.type === 'customer_message'
        ? { kind: 'customer' as const, id: issue.customerId }
        : options.defaultAuthor);
    const event = await this.deps.timeline.append({
      issueId: id,
      customerId: issue.customerId,
      at: options.at ?? now,
      author,
      content,
      ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}),
      ...(options.receivedBy ? { receivedBy: options.receivedBy } : {}),
    });
    // ISO-8601 UTC timestamps order as strings: the later of the two.
    const lastActivityAt = [event.at, issue.lastActivityAt].sort()[1]!;
    await this.#issues.updateOne({ _id: id }, { $set: { lastActivityAt, updatedAt: now } });
    let current: Issue = merge(issue, { lastActivityAt, updatedAt: now });
    if (content.type === 'customer_message' && REOPENED_BY_CUSTOMER.has(issue.status)) {
      current = await this.update(id, { status: 'open' }, { kind: 'system', name: 'customer replied' });
    } else if (content.type === 'agent_reply' && issue.status === 'new') {
      current = await this.update(id, { status: 'open' }, { kind: 'system', name: 'first agent reply' });
    }
    if (content.type !== 'system_event')
      this.deps.bus.emit({ type: 'message.added', at: now, issue: current, event });
    return event;
  }

  async #checkAssignee(assignee: NonNullable<IssueUpdate['assignee']>): Promise<void> {
    if (assignee.agentId && !(await this.deps.directory.agentExists(assignee.agentId))) {
      throw invalidInput('/assignee/agentId', `no agent ${assignee.agentId} exists`);
    }
    if (assignee.teamId && !(await this.deps.directory.teamExists(assignee.teamId))) {
      throw invalidInput('/assignee/teamId', `no team ${assignee.teamId} exists`);
    }
  }
}

/** The customer's first message, with an id derived from the issue's so it is written at most once. */
function openingMessage(issue: Issue): NewTimelineEvent & { id: string } {
  return {
    id: issue.id.replace(/^iss_/, 'evt_'),
    issueId: issue.id,
    customerId: issue.customerId,
    at: issue.createdAt,
    author: { kind: 'customer', id: issue.customerId },
    content: { type: 'customer_message', text: issue.body || issue.subject, channel: issue.channel },
  };
}

/** The principal as a timeline author: users working as an agent act as that agent. */
export function actorOf(principal: Principal): Actor {
  if (principal.agentId) return { kind: 'agent', id: principal.agentId, name: principal.name };
  if (principal.kind === 'apiKey') return { kind: 'integration', id: principal.id, name: principal.name };
  return { kind: 'user', id: principal.id, name: principal.name };
}

function mergeAssignee(
  current: Issue['assignee'],
  patch: IssueUpdate['assignee'],
): Issue['assignee'] | undefined {
  if (patch === null || patch === undefined) return patch === null ? undefined : current;
  const next: Record<string, string> = { ...(current ?? {}) };
  for (const field of ['agentId', 'teamId'] as const) {
    const value = patch[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return Object.keys(next).length ? next : undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function describeChanges(changes: IssueChanges): string {
  return Object.entries(changes)
    .map(([field, change]) => `${field}: ${fmt(change?.from)} → ${fmt(change?.to)}`)
    .join('; ');
}

function fmt(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
