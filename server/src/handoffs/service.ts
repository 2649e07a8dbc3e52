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
 */
import type { Actor, Handoff, HandoffCreate, HandoffParty, Issue, TimelineEvent } from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { invalidInput, notFound, ProblemError, unprocessable } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { RoutingService } from '../routing/service.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import type { Collection, Store } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import { assembleBrief } from './brief.ts';

export const EXPIRE_TIMER = 'handoff.expire';
const DEFAULT_EXPIRES_IN = 'PT10M';
const TIMELINE_LIMIT = 1000;
const HANDOFFS: Actor = { kind: 'system', name: 'handoffs' };
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
   * Context intelligence's brief of an issue (handoff-brief.schema.json), kept beside the timeline
   * brief when given. A failure here never fails the handoff.
   */
  intelligenceBrief?: (issue: Issue, events: readonly TimelineEvent[]) => Promise<object> | object;
}

export interface CreateHandoffOptions {
  runId?: string;
  /** Agents not to offer it to. */
  exclude?: readonly string[];
  previous?: Handoff;
}

export class HandoffService {
  readonly #handoffs: Collection<Stored<Handoff>>;
  readonly #serial = new KeyedQueue();

  constructor(
    store: Store,
    private readonly deps: HandoffDeps,
  ) {
    this.#handoffs = store.collection('handoffs');
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
        await this.#firstTouch(e.issue.id, e.event.author.id, e.event);
      }),
      bus.on('issue.updated', async (e) => {
        const to = e.changes.status?.to;
        if (to !== 'resolved' && to !== 'closed') return;
        for (const handoff of await this.#handoffs.find({ issueId: e.issue.id, status: 'offered' })) {
          await this.#settle(fromStored(handoff), 'cancelled', { reason: `issue ${to}` });
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
    const to = await this.#target(issue, input.to, excluded);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const handoff: Handoff = {
      id: newId('hnd'),
      issueId,
      from,
      to,
      reason: input.reason,
      status: 'offered',
      brief: await this.#brief(issue, now),
      onExpire: input.onExpire ?? 'reroute',
      attempt: (options.previous?.attempt ?? 0) + 1,
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
    await this.#note(
      issue,
      actor,
      'handoff.offered',
      `Handoff offered ${await this.#fromTo(from, to)}: ${input.reason}`,
      handoff,
    );
    this.deps.bus.emit({ type: 'handoff.offered', at, issueId, handoff });
    return handoff;
  }

  /**
   * Who the offer goes to: the named agent; else the best eligible agent of the team or queue (routing
   * rules: skills, shift, capacity); else the team as a whole, whose agents may all accept.
   */
  async #target(issue: Issue, to: HandoffParty, excluded: readonly string[]): Promise<HandoffParty> {
    if (to.agentId) {
      const agent = await this.deps.directory.findAgent(to.agentId);
      if (!agent) throw invalidInput('/to/agentId', `no agent ${to.agentId} exists`);
      if (excluded.includes(agent.id))
        throw invalidInput('/to/agentId', `${agent.name} already has (or had) this issue`);
      const teamId = to.teamId ?? agent.teamIds[0];
      return { agentId: agent.id, ...(teamId ? { teamId } : {}), ...(to.queue ? { queue: to.queue } : {}) };
    }
    if (to.teamId && !(await this.deps.directory.teamExists(to.teamId))) {
      throw invalidInput('/to/teamId', `no team ${to.teamId} exists`);
    }
    const queue = to.queue ?? issue.queue;
    if (!to.teamId && !queue) throw invalidInput('/to', 'name an agent, a team or a queue');
    const base = await this.deps.routing.policyFor(queue ?? '(handoff)');
    const policy = to.teamId ? { ...base, teamIds: [to.teamId] } : base;
    const { eligible } = await this.deps.routing.candidates(issue, policy, { exclude: excluded });
    const best = eligible[0];
    if (best) {
      const teamId =
        to.teamId ?? best.agent.teamIds.find((t) => !policy.teamIds || policy.teamIds.includes(t));
      return {
        agentId: best.agent.id,
        ...(teamId ? { teamId } : {}),
        ...(to.queue ? { queue: to.queue } : {}),
      };
    }
    if (to.teamId) return { teamId: to.teamId, ...(to.queue ? { queue: to.queue } : {}) };
    throw invalidInput(
      '/to',
      `nobody in queue ${queue} can take it now (available, on shift, under capacity, with the skills)`,
    );
  }

  async #brief(issue: Issue, now: Date): Promise<Handoff['brief']> {
    const events = await this.deps.timeline.allForIssue(issue.id, TIMELINE_LIMIT);
    const brief = assembleBrief(issue, events, now);
    if (this.deps.intelligenceBrief) {
      try {
        brief.intelligence = { ...(await this.deps.intelligenceBrief(issue, events)) };
      } catch {
        // The timeline brief stands on its own.
      }
    }
    return brief;
  }

  /** The new owner (the offered agent, or an agent of the offered team) takes the issue. */
  async accept(id: string, principal: Principal | null): Promise<Handoff> {
    const handoff = await this.get(id);
    const agentId = await this.#acceptor(handoff, principal);
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
    await this.#acceptor(handoff, principal);
    return this.#settle(handoff, 'declined', { reason });
  }

  /** The new owner says the handoff is done (their first reply or note says so on its own). */
  async complete(id: string, principal: Principal | null): Promise<Handoff> {
    const handoff = await this.get(id);
    if (
      principal?.agentId &&
      !principal.roles.includes('admin') &&
      principal.agentId !== handoff.acceptedBy
    ) {
      throw new ProblemError('forbidden', 'only the new owner completes a handoff');
    }
    return this.#settle(handoff, 'completed');
  }

  async #acceptor(handoff: Handoff, principal: Principal | null): Promise<string> {
    const mine = principal?.agentId;
    const acting = principal?.roles.includes('admin') || principal?.kind === 'apiKey';
    if (handoff.to.agentId) {
      if (mine && mine !== handoff.to.agentId && !acting)
        throw new ProblemError('forbidden', 'this handoff was offered to another agent');
      return handoff.to.agentId;
    }
    if (!mine)
      throw unprocessable(
        '/agentId',
        'a handoff to a team is accepted by one of its agents, signed in as that agent',
      );
    const agent = await this.deps.directory.getAgent(mine);
    if (handoff.to.teamId && !agent.teamIds.includes(handoff.to.teamId) && !acting) {
      throw new ProblemError('forbidden', 'this handoff was offered to a team you are not in');
    }
    return mine;
  }

  async #settle(
    handoff: Handoff,
    status: 'accepted' | 'declined' | 'expired' | 'completed' | 'cancelled',
    detail: { agentId?: string; teamId?: string | undefined; reason?: string | undefined } = {},
  ): Promise<Handoff> {
    const from = status === 'completed' ? 'accepted' : 'offered';
    const now = this.deps.clock.now();
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
    const to = await this.#name(status === 'accepted' ? { agentId: detail.agentId } : next.to);
    if (status === 'accepted') {
      await this.deps.issues.update(
        handoff.issueId,
        { assignee: { agentId: detail.agentId!, teamId: detail.teamId ?? null } },
        { kind: 'agent', id: detail.agentId!, name: to },
      );
      await this.#note(
        issue,
        HANDOFFS,
        'handoff.accepted',
        `Handoff accepted: ownership moved ${await this.#fromTo(handoff.from, { agentId: detail.agentId! })}`,
        next,
      );
    } else if (status === 'completed') {
      await this.#note(issue, HANDOFFS, 'handoff.completed', `Handoff to ${to} completed`, next);
    } else {
      const why = detail.reason ? ` (${detail.reason})` : '';
      await this.#note(issue, HANDOFFS, `handoff.${status}`, `Handoff to ${to} ${status}${why}`, next);
    }
    this.deps.bus.emit({ type: `handoff.${status}`, at, issueId: handoff.issueId, handoff: next });
    if (status === 'accepted' || status === 'declined' || status === 'expired') {
      this.deps.bus.emit({ type: 'handoff.settled', at, issueId: handoff.issueId, handoff: next });
    }
    if (status === 'declined' || status === 'expired') await this.#afterNo(next);
    return next;
  }

  /** A declined or expired offer: re-route, re-queue or leave it to the flow. */
  async #afterNo(handoff: Handoff): Promise<void> {
    if (handoff.onExpire === 'none') return;
    if (handoff.onExpire === 'reroute') {
      try {
        const next = await this.#create(
          handoff.issueId,
          {
            to: {
              ...(handoff.to.teamId ? { teamId: handoff.to.teamId } : {}),
              ...(handoff.to.queue ? { queue: handoff.to.queue } : {}),
            },
            reason: handoff.reason,
            expiresIn: isoOf(Date.parse(handoff.expiresAt) - Date.parse(handoff.offeredAt)),
            onExpire: 'reroute',
          },
          HANDOFFS,
          {
            exclude: handoff.excluded ?? [],
            previous: handoff,
            ...(handoff.runId ? { runId: handoff.runId } : {}),
          },
        );
        await this.#handoffs.updateOne({ _id: handoff.id }, { $set: { nextHandoffId: next.id } });
        return;
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        // Nobody else can take it now: fall back to the queue.
      }
    }
    const issue = await this.deps.issues.get(handoff.issueId);
    if (issue.queue) {
      if (issue.assignee?.agentId)
        await this.deps.issues.update(issue.id, { assignee: { agentId: null } }, HANDOFFS);
      await this.deps.routing.route(issue.id, { actor: HANDOFFS, exclude: handoff.excluded ?? [] });
    }
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

  async #firstTouch(issueId: string, agentId: string, event: TimelineEvent): Promise<void> {
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
    if (touched) await this.#settle(fromStored(touched), 'completed').catch(() => undefined);
  }

  async #name(party: HandoffParty): Promise<string> {
    if (party.agentId) return (await this.deps.directory.findAgent(party.agentId))?.name ?? party.agentId;
    if (party.teamId)
      return `team ${(await this.deps.directory.getTeam(party.teamId).catch(() => null))?.name ?? party.teamId}`;
    return party.queue ? `queue ${party.queue}` : 'nobody';
  }

  async #fromTo(from: HandoffParty, to: HandoffParty): Promise<string> {
    const source = from.agentId || from.teamId ? `from ${await this.#name(from)} ` : '';
    return `${source}to ${await this.#name(to)}`;
  }

  async #note(issue: Issue, actor: Actor, action: string, text: string, handoff: Handoff): Promise<void> {
    await this.deps.timeline.append({
      issueId: issue.id,
      customerId: issue.customerId,
      at: this.deps.clock.now().toISOString(),
      author: actor,
      content: {
        type: 'system_event',
        action,
        text,
        data: {
          handoffId: handoff.id,
          status: handoff.status,
          from: handoff.from,
          to: handoff.to,
          reason: handoff.reason,
        },
      },
    });
  }
}

function isoOf(ms: number): string {
  return `PT${Math.max(1, Math.round(ms / 1000))}S`;
}
