/**
 * Handoffs: a warm, tracked transfer of ownership. Owns the `handoffs` collection.
 *
 * offered ──accept→ accepted ──complete / new owner's first touch→ completed
 *    │ └─decline→ declined         (ownership moves at accept; the issue's timeline shows each step)
 *    └──expire (durable timer)→ expired
 * An offered handoff is cancelled when its issue is resolved or closed.
 *
 * A declined or expired offer follows `onExpire`: `reroute` offers it to the next best agent of the
 * same team or queue (never one who already had it), `requeue` puts the issue back in its queue for
 * routing, `none` leaves it to the flow that made it (its `handoff` node takes `declined` or
 * `expired`, and the flow says what happens: route again, escalate, …).
 *
 * Clocks: time to accept (offer → accept), time to first touch (accept → the new owner's first reply,
 * note or call), time to complete (offer → completion); the SLA module measures handoff completion
 * against the policy's target from `handoff.offered` to `handoff.completed`.
 *
 * The brief comes from the one brief engine (intelligence/brief); brief.ts shapes its result for the
 * handoff and brief-edits.ts applies the sender's edits. This file is the facade and the offer's
 * lifecycle (create, accept, decline, expire, complete); its other jobs have their files:
 * target.ts (who the offer goes to), acceptor.ts (who may answer it), escalation-tiers.ts (what
 * happens when nobody takes it), notes.ts (the timeline's words), failures.ts (what each agent let
 * go, for expertise ranking).
 */
import type {
  Actor,
  EventCause,
  Handoff,
  HandoffBrief,
  HandoffCreate,
  HandoffParty,
  Issue,
  TimelineEvent,
} from '@baton/schemas';
import { actsForOthers, ownAgentId } from '../auth/ownership.ts';
import type { Principal } from '../auth/principal.ts';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { invalidInput, notFound, ProblemError } from '../http/problem.ts';
import { buildBrief } from '../intelligence/brief/brief.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { RoutingService } from '../routing/service.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import type { Collection, Store } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import { acceptorOf } from './acceptor.ts';
import { assembleBrief } from './brief.ts';
import { editBrief } from './brief-edits.ts';
import { DEFAULT_MAX_ATTEMPTS, HANDOFFS, HandoffEscalation } from './escalation-tiers.ts';
import { type HandoffFailures, handoffFailures } from './failures.ts';
import { HandoffNotes } from './notes.ts';
import { chooseTarget } from './target.ts';

export const EXPIRE_TIMER = 'handoff.expire';
export { DEFAULT_MAX_ATTEMPTS } from './escalation-tiers.ts';

const DEFAULT_EXPIRES_IN = 'PT10M';
const TIMELINE_LIMIT = 1000;
const TOUCHES: ReadonlySet<string> = new Set(['agent_reply', 'internal_note', 'call_transcript']);

export interface HandoffDeps {
  clock: Clock;
  bus: EventBus;
  timers: TimerService;
  issues: IssueService;
  timeline: TimelineService;
  directory: DirectoryService;
  routing: RoutingService;
  /**
   * The brief engine (intelligence/brief) with the issue's customer; the handoff's brief is a view
   * of its result. Default: the engine without the customer record (CRM updates on the timeline
   * still give tier, plan and value).
   */
  brief?: (issue: Issue, events: readonly TimelineEvent[], now: Date) => Promise<HandoffBrief> | HandoffBrief;
}

export interface CreateHandoffOptions {
  runId?: string;
  /** Agents not to offer it to. */
  exclude?: readonly string[];
  previous?: Handoff;
  /** The previous handoff ran out of attempts: this one goes to the next tier. */
  escalated?: boolean;
  /** The flow run this offer is the work of: `handoff.offered` carries it (the loop guard's chain). */
  cause?: EventCause | undefined;
}

export class HandoffService {
  readonly #handoffs: Collection<Stored<Handoff>>;
  readonly #serial = new KeyedQueue();
  readonly #notes: HandoffNotes;
  readonly #escalation: HandoffEscalation;

  constructor(
    store: Store,
    private readonly deps: HandoffDeps,
  ) {
    this.#handoffs = store.collection('handoffs');
    this.#notes = new HandoffNotes(deps);
    this.#escalation = new HandoffEscalation(
      { ...deps, notes: this.#notes },
      {
        create: (issueId, input, actor, options) => this.#create(issueId, input, actor, options),
        linkNext: async (handoffId, nextId) => {
          await this.#handoffs.updateOne({ _id: handoffId }, { $set: { nextHandoffId: nextId } });
        },
        hasOffer: async (issueId) => (await this.#handoffs.findOne({ issueId, status: 'offered' })) !== null,
      },
    );
  }

  async init(): Promise<void> {
    await this.#handoffs.createIndex({ keys: { issueId: 1, offeredAt: -1 } });
    await this.#handoffs.createIndex({ keys: { status: 1, 'to.agentId': 1 } });
    this.deps.timers.handle(EXPIRE_TIMER, (timer) => this.#onExpire(timer));
  }

  /** The new owner's first touch completes an accepted handoff; closing an issue cancels its offer. */
  follow(): () => void {
    const { bus } = this.deps;
    const offs = [
      bus.on('message.added', async (e) => {
        if (!TOUCHES.has(e.event.type) || e.event.author.kind !== 'agent' || !e.event.author.id) return;
        await this.#firstTouch(e.issue.id, e.event.author.id, e.event, e.cause);
      }),
      // Routing offered the issue round after round without a taker: the next tier is asked.
      bus.on('routing.exhausted', async (e) => {
        await this.#serial.run(e.issueId, () => this.#escalation.escalateQueue(e.issueId, e.queue, e.rounds));
      }),
      bus.on('issue.updated', async (e) => {
        const to = e.changes.status?.to;
        if (to !== 'resolved' && to !== 'closed') return;
        for (const handoff of await this.#handoffs.find({ issueId: e.issue.id, status: 'offered' })) {
          await this.#settle(fromStored(handoff), 'cancelled', { reason: `issue ${to}`, cause: e.cause });
        }
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  async get(id: string): Promise<Handoff> {
    const found = await this.#handoffs.findOne({ _id: id });
    if (!found) throw notFound('handoff', id);
    return fromStored(found);
  }

  async forIssue(issueId: string): Promise<Handoff[]> {
    await this.deps.issues.get(issueId);
    return (await this.#handoffs.find({ issueId }, { sort: { offeredAt: 1, _id: 1 } })).map(
      fromStored<Handoff>,
    );
  }

  /** Handoffs waiting for this agent's answer: offered to them, or to one of their teams with no one named. */
  async offeredTo(agentId: string, teamIds: readonly string[]): Promise<Handoff[]> {
    const rows = await this.#handoffs.find(
      {
        status: 'offered',
        $or: [
          { 'to.agentId': agentId },
          ...teamIds.map((teamId) => ({ 'to.teamId': teamId, 'to.agentId': { $exists: false } })),
        ],
      },
      { sort: { offeredAt: 1, _id: 1 } },
    );
    // A re-routed offer to my team skips me when I already declined it.
    return rows.map(fromStored<Handoff>).filter((h) => h.to.agentId || !h.excluded?.includes(agentId));
  }

  /** Handoffs each agent let go (declined, expired, bounced back): failures.ts. */
  failures(agentIds: readonly string[]): Promise<Map<string, HandoffFailures>> {
    return handoffFailures(this.#handoffs, agentIds);
  }

  /** Offers the issue to an agent, a team or a queue's best agent, with a brief. */
  create(
    issueId: string,
    input: HandoffCreate,
    actor: Actor,
    options: CreateHandoffOptions = {},
  ): Promise<Handoff> {
    return this.#serial.run(issueId, () => this.#create(issueId, input, actor, options));
  }

  async #create(
    issueId: string,
    input: HandoffCreate,
    actor: Actor,
    options: CreateHandoffOptions,
  ): Promise<Handoff> {
    const issue = await this.deps.issues.get(issueId);
    if (issue.status === 'resolved' || issue.status === 'closed') {
      throw new ProblemError(
        'conflict',
        `issue ${issueId} is ${issue.status}; reopen it before handing it off`,
      );
    }
    const pending = await this.#handoffs.findOne({ issueId, status: 'offered' });
    if (pending) throw new ProblemError('conflict', `handoff ${pending._id} of this issue is still offered`);
    const expiresIn = input.expiresIn ?? DEFAULT_EXPIRES_IN;
    const ms = parseDuration(expiresIn);
    if (!ms) throw invalidInput('/expiresIn', 'an offer must stand for longer than zero');
    const from: HandoffParty = { ...(issue.assignee ?? {}) };
    const excluded = [...new Set([...(options.exclude ?? []), ...(from.agentId ? [from.agentId] : [])])];
    const to = await chooseTarget(this.deps, issue, input.to, excluded);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const handoff: Handoff = {
      id: newId('hnd'),
      issueId,
      from,
      to,
      reason: input.reason,
      ...(input.introduction ? { introduction: input.introduction } : {}),
      status: 'offered',
      brief: editBrief(await this.#brief(issue, now), input.briefEdits, actor),
      onExpire: input.onExpire ?? 'reroute',
      attempt: options.escalated ? 1 : (options.previous?.attempt ?? 0) + 1,
      maxAttempts: input.maxAttempts ?? options.previous?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      tier: (options.previous?.tier ?? 0) + (options.escalated ? 1 : 0),
      ...(options.previous ? { previousHandoffId: options.previous.id } : {}),
      excluded: to.agentId ? [...excluded, to.agentId] : excluded,
      ...(options.runId ? { runId: options.runId } : {}),
      offeredAt: at,
      expiresAt: new Date(now.getTime() + ms).toISOString(),
      clocks: {},
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
    await this.#handoffs.insertOne(toStored(handoff));
    await this.deps.timers.schedule(
      EXPIRE_TIMER,
      handoff.expiresAt,
      { handoffId: handoff.id },
      { key: `${EXPIRE_TIMER}:${handoff.id}` },
    );
    await this.#notes.note(
      issue,
      actor,
      'handoff.offered',
      `Handoff offered ${await this.#notes.fromTo(from, to)}: ${input.reason}`,
      handoff,
    );
    this.deps.bus.emit({ type: 'handoff.offered', at, issueId, handoff }, options.cause);
    return handoff;
  }

  async #brief(issue: Issue, now: Date): Promise<Handoff['brief']> {
    const events = await this.deps.timeline.allForIssue(issue.id, TIMELINE_LIMIT);
    const engine = this.deps.brief
      ? await this.deps.brief(issue, events, now)
      : buildBrief(issue, events, { now });
    return assembleBrief(issue, events, now, engine);
  }

  /** The new owner (the offered agent, or an agent of the offered team) takes the issue. */
  async accept(id: string, principal: Principal | null): Promise<Handoff> {
    const handoff = await this.get(id);
    const agentId = await acceptorOf(this.deps.directory, handoff, principal);
    if (handoff.status === 'offered' && handoff.expiresAt <= this.deps.clock.now().toISOString()) {
      await this.#settle(handoff, 'expired');
      throw new ProblemError('conflict', `handoff ${id} expired at ${handoff.expiresAt}`);
    }
    const agent = await this.deps.directory.getAgent(agentId);
    const teamId = handoff.to.teamId ?? agent.teamIds[0];
    const accepted = await this.#settle(handoff, 'accepted', { agentId, teamId });
    return accepted;
  }

  async decline(id: string, principal: Principal | null, reason?: string): Promise<Handoff> {
    const handoff = await this.get(id);
    await acceptorOf(this.deps.directory, handoff, principal);
    return this.#settle(handoff, 'declined', { reason });
  }

  /** The new owner says the handoff is done (their first reply or note says so on its own). */
  async complete(id: string, principal: Principal | null): Promise<Handoff> {
    const handoff = await this.get(id);
    if (!actsForOthers(principal) && ownAgentId(principal, 'complete this handoff') !== handoff.acceptedBy) {
      throw new ProblemError('forbidden', 'only the new owner completes a handoff');
    }
    return this.#settle(handoff, 'completed');
  }

  async #settle(
    handoff: Handoff,
    status: 'accepted' | 'declined' | 'expired' | 'completed' | 'cancelled',
    detail: {
      agentId?: string;
      teamId?: string | undefined;
      reason?: string | undefined;
      /** When it happened, if not now (completion is the first touch's time, whenever it is handled). */
      at?: string;
      /** The flow run this is the work of (a listener passes its event's). */
      cause?: EventCause | undefined;
    } = {},
  ): Promise<Handoff> {
    const from = status === 'completed' ? 'accepted' : 'offered';
    const now = detail.at ? new Date(detail.at) : this.deps.clock.now();
    const at = now.toISOString();
    const since = (t: string) => now.getTime() - Date.parse(t);
    const $set: Record<string, unknown> = { status, updatedAt: at };
    if (status === 'accepted') {
      Object.assign($set, {
        acceptedAt: at,
        acceptedBy: detail.agentId,
        'clocks.timeToAcceptMs': since(handoff.offeredAt),
      });
    } else if (status === 'declined') {
      Object.assign($set, { declinedAt: at, ...(detail.reason ? { declineReason: detail.reason } : {}) });
    } else if (status === 'expired') $set.expiredAt = at;
    else if (status === 'completed')
      Object.assign($set, { completedAt: at, 'clocks.timeToCompleteMs': since(handoff.offeredAt) });
    const updated = await this.#handoffs.findOneAndUpdate({ _id: handoff.id, status: from }, { $set });
    if (!updated)
      throw new ProblemError('conflict', `handoff ${handoff.id} is ${handoff.status}, not ${from}`);
    const next = fromStored<Handoff>(updated);
    if (from === 'offered') await this.deps.timers.cancel(`${EXPIRE_TIMER}:${handoff.id}`);
    const issue = await this.deps.issues.get(handoff.issueId);
    const to = await this.#notes.name(status === 'accepted' ? { agentId: detail.agentId } : next.to);
    if (status === 'accepted') {
      await this.deps.issues.update(
        handoff.issueId,
        { assignee: { agentId: detail.agentId!, teamId: detail.teamId ?? null } },
        { kind: 'agent', id: detail.agentId!, name: to },
        { cause: detail.cause },
      );
      await this.#notes.note(
        issue,
        HANDOFFS,
        'handoff.accepted',
        `Handoff accepted: ownership moved ${await this.#notes.fromTo(handoff.from, { agentId: detail.agentId! })}`,
        next,
      );
    } else if (status === 'completed') {
      await this.#notes.note(issue, HANDOFFS, 'handoff.completed', `Handoff to ${to} completed`, next);
    } else {
      const why = detail.reason ? ` (${detail.reason})` : '';
      await this.#notes.note(issue, HANDOFFS, `handoff.${status}`, `Handoff to ${to} ${status}${why}`, next);
    }
    this.deps.bus.emit(
      { type: `handoff.${status}`, at, issueId: handoff.issueId, handoff: next },
      detail.cause,
    );
    if (status === 'accepted' || status === 'declined' || status === 'expired') {
      this.deps.bus.emit(
        { type: 'handoff.settled', at, issueId: handoff.issueId, handoff: next },
        detail.cause,
      );
    }
    if (status === 'declined' || status === 'expired') await this.#escalation.afterNo(next);
    return next;
  }

  async #onExpire(timer: Timer): Promise<void> {
    const found = await this.#handoffs.findOne({ _id: (timer.payload as { handoffId: string }).handoffId });
    if (found?.status !== 'offered') return;
    await this.#serial.run(found.issueId, async () => {
      try {
        await this.#settle(fromStored(found), 'expired');
      } catch (err) {
        if (!(err instanceof ProblemError && err.kind === 'conflict')) throw err;
      }
    });
  }

  async #firstTouch(
    issueId: string,
    agentId: string,
    event: TimelineEvent,
    cause: EventCause | undefined,
  ): Promise<void> {
    const found = await this.#handoffs.findOne({
      issueId,
      status: 'accepted',
      acceptedBy: agentId,
      firstTouchAt: { $exists: false },
    });
    if (!found) return;
    const handoff = fromStored<Handoff>(found);
    const touched = await this.#handoffs.findOneAndUpdate(
      { _id: handoff.id, firstTouchAt: { $exists: false } },
      {
        $set: {
          firstTouchAt: event.at,
          firstTouchEventId: event.id,
          'clocks.timeToFirstTouchMs': Math.max(0, Date.parse(event.at) - Date.parse(handoff.acceptedAt!)),
        },
      },
    );
    if (touched)
      await this.#settle(fromStored(touched), 'completed', { at: event.at, cause }).catch(() => undefined);
  }
}
