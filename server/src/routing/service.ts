/**
 * Routing: queues with assignment policies, offers with an accept timeout, and re-draining queues
 * when capacity frees. Owns `routing_policies`, `routing_queue`, `routing_offers` and `routing_state`.
 *
 * Routing an issue: its queue's policy says who may take it (teams, required skills with minimum
 * levels, from the policy, the issue's tags and the asking flow) and in which order (affinity to the
 * customer's previous agent, optional skills, then least-loaded or round-robin); only agents who are
 * available, inside their working hours in their own time zone and under capacity on the issue's
 * channel are eligible. The chosen agent is assigned outright, or offered the issue when the policy
 * has an accept timeout — a declined or expired offer goes to the next agent, up to `maxOffers`.
 * With nobody eligible the issue waits in the queue; queues re-drain (heaviest priority first, then
 * oldest) when capacity frees: an issue resolved, closed, parked or handed off, an agent becoming
 * available, a handoff completed, or an agent's shift starting (a durable timer).
 *
 * A policy routes on its own: an unassigned issue that enters its queue is routed at once. Flows
 * route explicitly with the `route` node kind; routing an issue that already has an agent or an
 * outstanding offer changes nothing and says so.
 *
 * This file is the facade and the decision itself (route, offer, assign, drain); its helpers each
 * have one job: policies.ts (stored policies), offers.ts (the offers made and their answers),
 * ranking.ts (requirements and the order agents are tried in), eligibility.ts (who may take it),
 * workload-counter.ts (open work per agent), preview-cache.ts (dry runs' cache) and follow.ts
 * (which issue events make routing act).
 */
import type {
  Actor,
  Agent,
  EventCause,
  Issue,
  QueueEntry,
  RouteDecision,
  RoutingOffer,
  RoutingPolicy,
  RoutingPolicyCreate,
  RoutingPolicyUpdate,
  SkillRequirement,
} from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { ProblemError, unprocessable } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import { merge } from '../shared/merge.ts';
import { type Collection, DuplicateKeyError, type Store } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import {
  ACTIVE_STATUSES,
  addWork,
  assess,
  DEFAULT_PRIORITY_WEIGHTS,
  emptyWorkload,
  isClosed,
  nextShiftStart,
  onShift,
  type Workload,
} from './eligibility.ts';
import { followIssues } from './follow.ts';
import { OfferBook, type OfferFailures } from './offers.ts';
import { RoutingPolicies } from './policies.ts';
import { PreviewCache } from './preview-cache.ts';
import { QueuedMemo } from './queued-memo.ts';
import { candidateOf, rankEligible, requirementsOf } from './ranking.ts';
import { WorkloadCounter } from './workload-counter.ts';

export const OFFER_TIMER = 'routing.offer';
export const DRAIN_TIMER = 'routing.drain';
const ROUTER: Actor = { kind: 'system', name: 'routing' };
const DRAIN_BATCH = 200;

type StoredEntry = QueueEntry & { _id: string };
type StoredState = { _id: string; lastAssigned: Record<string, string> };

export interface RoutingDeps {
  clock: Clock;
  bus: EventBus;
  timers: TimerService;
  issues: IssueService;
  timeline: TimelineService;
  directory: DirectoryService;
}

export interface RouteOptions {
  queue?: string;
  required?: SkillRequirement[];
  optional?: SkillRequirement[];
  actor?: Actor;
  /** Agents not to offer it to (a re-routed handoff). */
  exclude?: readonly string[];
  /** The flow run this routing is the work of (a route step, or a listener of its change): its events carry it. */
  cause?: EventCause | undefined;
}

/** Rounds of unanswered offers before an issue escalates (a policy's `offer.maxRounds`). */
export const DEFAULT_MAX_ROUNDS = 2;

export class RoutingService {
  readonly #policies: RoutingPolicies;
  readonly #queue: Collection<StoredEntry>;
  readonly #offers: OfferBook;
  readonly #state: Collection<StoredState>;
  /** Routing decisions per issue and drains per queue run one at a time in this process. */
  readonly #serial = new KeyedQueue();
  /** Per queue, the next-shift drain this instance last scheduled (epoch ms): see #drainAt. */
  readonly #wakeScheduled = new Map<string, number>();
  /** Previews (simulate, replay) read policies and pools through a short cache (preview-cache.ts). */
  readonly #previews = new PreviewCache(() => `${this.#policies.revision}:${this.deps.directory.revision}`);
  /** Open work per agent, kept from issue events while following (see workload-counter.ts). */
  readonly #workload: WorkloadCounter;
  /** The last "queued" decision per issue, reused while nothing it read has changed (queued-memo.ts). */
  readonly #queuedMemo = new QueuedMemo();
  #following = 0;

  constructor(
    store: Store,
    private readonly deps: RoutingDeps,
  ) {
    this.#policies = new RoutingPolicies(store, deps);
    this.#queue = store.collection('routing_queue');
    this.#offers = new OfferBook(store);
    this.#state = store.collection('routing_state');
    // The embedded store is one process per folder (it is locked), so every change to an issue passes
    // through this instance's bus and the counter never goes stale: it is loaded once. On MongoDB
    // another instance may assign work unseen, so the counter is re-read once a minute old.
    this.#workload = new WorkloadCounter(
      {
        agentIds: async () => (await this.deps.directory.allAgents()).map((a) => a.id),
        assignedTo: (ids, statuses) => this.deps.issues.assignedTo(ids, statuses),
      },
      store.kind === 'embedded' ? Number.POSITIVE_INFINITY : 60_000,
    );
  }

  async init(): Promise<void> {
    await this.#policies.init();
    await this.#queue.createIndex({ keys: { queue: 1, state: 1 } });
    await this.#offers.init();
    this.deps.timers.handle(OFFER_TIMER, (timer) => this.#onOfferTimer(timer));
    this.deps.timers.handle(DRAIN_TIMER, async (timer) => {
      await this.drain((timer.payload as { queue: string }).queue);
    });
  }

  /** Routes issues entering a policy's queue, and re-drains queues when capacity frees (follow.ts). */
  follow(): () => void {
    this.#following++;
    const off = followIssues(this.deps.bus, {
      countWork: (issue) => this.#workload.apply(issue),
      hasPolicy: async (queue) => (await this.#policies.stored(queue)) !== null,
      route: (issueId, cause) => this.route(issueId, { cause }),
      forget: (issueId) => this.#forget(issueId),
      drainAll: (cause) => this.drainAll(cause),
    });
    return () => {
      off();
      this.#following--;
    };
  }

  // Policies (policies.ts); a changed policy re-drains its queue.

  listPolicies(): Promise<RoutingPolicy[]> {
    return this.#policies.list();
  }

  getPolicy(id: string): Promise<RoutingPolicy> {
    return this.#policies.get(id);
  }

  async createPolicy(input: RoutingPolicyCreate): Promise<RoutingPolicy> {
    const policy = await this.#policies.create(input);
    await this.drain(policy.queue);
    return policy;
  }

  async updatePolicy(id: string, patch: RoutingPolicyUpdate): Promise<RoutingPolicy> {
    const policy = await this.#policies.update(id, patch);
    await this.drain(policy.queue);
    return policy;
  }

  deletePolicy(id: string): Promise<void> {
    return this.#policies.delete(id);
  }

  /** The queue's policy, or the implicit one (least-loaded, assign outright). */
  policyFor(queue: string): Promise<RoutingPolicy> {
    return this.#policies.forQueue(queue);
  }

  // Candidates

  /** Agents who may work a queue: the policy's teams, else teams listing the queue, else everyone. */
  async pool(policy: RoutingPolicy): Promise<{ agents: Agent[]; teamIds: string[] | null }> {
    let teamIds = policy.teamIds ?? null;
    if (!teamIds?.length) {
      const owners = (await this.deps.directory.listTeams()).filter((t) => t.queues.includes(policy.queue));
      teamIds = owners.length ? owners.map((t) => t.id) : null;
    }
    return { agents: await this.deps.directory.allAgents(teamIds ?? undefined), teamIds };
  }

  /** Open work per agent (assigned SLA-active issues plus outstanding offers), weighted by priority. */
  async workloads(
    agents: readonly Agent[],
    weights = DEFAULT_PRIORITY_WEIGHTS,
  ): Promise<Map<string, Workload>> {
    const ids = agents.map((a) => a.id);
    let loads: Map<string, Workload>;
    if (this.#following > 0) {
      loads = await this.#workload.loads(ids, weights);
    } else {
      // Not following the bus (a bare service in a tool): ask the store.
      loads = new Map(agents.map((a) => [a.id, emptyWorkload()]));
      for (const work of await this.deps.issues.assignedTo(ids, ACTIVE_STATUSES)) {
        const load = loads.get(work.agentId);
        if (load) addWork(load, work.channel, work.priority, weights);
      }
    }
    if (!ids.length) return loads;
    const offers = await this.#offers.outstanding(ids);
    for (const offer of offers) {
      const load = loads.get(offer.agentId);
      const issue = load ? await this.deps.issues.get(offer.issueId).catch(() => null) : null;
      if (load && issue) addWork(load, issue.channel, issue.priority, weights);
    }
    return loads;
  }

  /** Required and optional skills for an issue under a policy: the policy's, its tag rules', and extras. */
  requirements(
    policy: RoutingPolicy,
    issue: Pick<Issue, 'tags'>,
    extra: Pick<RouteOptions, 'required' | 'optional'> = {},
  ) {
    return requirementsOf(policy, issue, extra);
  }

  /** The agent who last worked an issue of this customer (for affinity). */
  async previousAgent(issue: Issue): Promise<string | undefined> {
    return this.deps.issues.lastAssignee(issue.customerId, issue.id);
  }

  /** Every candidate assessed and ranked, best first. */
  async candidates(
    issue: Issue,
    policy: RoutingPolicy,
    options: RouteOptions & { excluded?: readonly string[]; cached?: boolean } = {},
  ) {
    const now = this.deps.clock.now();
    const { agents, teamIds } = options.cached
      ? await this.#previews.get(`pool:${policy.queue}:${policy.teamIds?.join(',') ?? ''}`, () =>
          this.pool(policy),
        )
      : await this.pool(policy);
    const loads = await this.workloads(agents, policy.priorityWeights);
    const needs = this.requirements(policy, issue, options);
    const excluded = [...(options.excluded ?? []), ...(options.exclude ?? [])];
    const assessed = agents.map((agent) =>
      assess(agent, issue, needs, loads.get(agent.id) ?? emptyWorkload(), now, excluded),
    );
    // Affinity and round-robin state only rank eligible agents: with nobody eligible (all off
    // shift, all full) the issue waits, and neither is read.
    const anyEligible = assessed.some((a) => a.eligible);
    const previous =
      policy.affinity.previousAgent && anyEligible ? await this.previousAgent(issue) : undefined;
    const state = anyEligible ? await this.#state.findOne({ _id: policy.queue }) : null;
    const last = state?.lastAssigned ?? {};
    for (const a of assessed)
      if (previous === a.agent.id) a.reasons.push('worked this customer’s last issue');
    const eligible = rankEligible(assessed, policy, previous, last);
    const rest = assessed.filter((a) => !a.eligible);
    return { eligible, rest, needs, teamIds };
  }

  // Routing

  /** What routing would do with an issue as given, changing nothing (flow simulation and replay). */
  async preview(issue: Issue, options: RouteOptions = {}): Promise<RouteDecision> {
    const queue = options.queue ?? issue.queue;
    if (!queue)
      return {
        issueId: issue.id,
        queue: '',
        outcome: 'queued',
        reason: 'the issue is in no queue',
        candidates: [],
      };
    if (issue.assignee?.agentId) {
      return {
        issueId: issue.id,
        queue,
        outcome: 'assigned',
        agentId: issue.assignee.agentId,
        reason: 'already assigned',
        candidates: [],
      };
    }
    const policy = await this.#previews.get(`policy:${queue}`, () => this.policyFor(queue));
    const { eligible, rest } = await this.candidates(
      merge(issue, { queue }),
      policy,
      merge(options, { cached: true }),
    );
    const candidates = [...eligible, ...rest].map(candidateOf);
    const chosen = eligible[0];
    if (!chosen)
      return { issueId: issue.id, queue, outcome: 'queued', reason: 'no eligible agent', candidates };
    return {
      issueId: issue.id,
      queue,
      outcome: policy.offer.acceptTimeout ? 'offered' : 'assigned',
      agentId: chosen.agent.id,
      candidates,
    };
  }

  /**
   * Writes an issue's queue entry: an insert when `#route` read none (one issue is routed serially
   * here, so it is still absent unless another instance sharing the store wrote it since, which the
   * unique `_id` catches), else an update. The common case, a new issue, skipped the upsert's generic
   * update path.
   */
  async #putEntry(
    issueId: string,
    existing: StoredEntry | null,
    /** Complete when there is no entry yet (a new entry's fields), the changed ones otherwise. */
    fields: Partial<Omit<StoredEntry, '_id'>>,
  ): Promise<void> {
    if (!existing) {
      try {
        await this.#queue.insertOne({ _id: issueId, ...fields } as StoredEntry);
        return;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    await this.#queue.updateOne({ _id: issueId }, { $set: fields }, { upsert: true });
  }

  /** Routes an issue now (see the module comment). */
  route(issueId: string, options: RouteOptions = {}): Promise<RouteDecision> {
    return this.#serial.run(`issue:${issueId}`, () => this.#route(issueId, options));
  }

  async #route(issueId: string, options: RouteOptions): Promise<RouteDecision> {
    let issue = await this.deps.issues.get(issueId);
    const actor = options.actor ?? ROUTER;
    if (options.queue && options.queue !== issue.queue) {
      issue = await this.deps.issues.update(issueId, { queue: options.queue }, actor, {
        cause: options.cause,
      });
    }
    if (!issue.queue) throw unprocessable('/queue', `issue ${issueId} is in no queue; name one to route it`);
    const queue = issue.queue;
    if (isClosed(issue.status))
      throw new ProblemError('conflict', `issue ${issueId} is ${issue.status}; it is not routed`);
    if (issue.assignee?.agentId) {
      return {
        issueId,
        queue,
        outcome: 'assigned',
        agentId: issue.assignee.agentId,
        reason: 'already assigned',
        candidates: [],
      };
    }
    const entry = await this.#queue.findOne({ _id: issueId });
    const excluded = entry?.queue === queue ? entry.excluded : [];
    // Routed again with nothing changed since it was left waiting (the flow's route step right after
    // the listener routed the queue change): the same answer, and nothing to write or say. Asked
    // before the open offer: the decision was remembered when there was none, and the offer book's
    // revision is in the key, so no offer can have been made since.
    const memoKey = this.#following > 0 ? this.#queuedKey(issue, queue, excluded, options) : undefined;
    if (memoKey && entry?.queue === queue && entry.state === 'waiting') {
      const again = this.#queuedMemo.recall(issueId, memoKey, this.deps.clock.now().getTime());
      if (again && again.reason === entry.reason)
        return { issueId, queue, outcome: 'queued', reason: again.reason, candidates: again.candidates };
    }
    const open = await this.#offers.openFor(issueId);
    if (open) {
      return {
        issueId,
        queue,
        outcome: 'offered',
        agentId: open.agentId,
        offerId: open.id,
        reason: 'an offer is outstanding',
        candidates: [],
      };
    }
    const policy = await this.policyFor(queue);
    const { eligible, rest, needs, teamIds } = await this.candidates(
      issue,
      policy,
      merge(options, { excluded }),
    );
    const candidates = [...eligible, ...rest].map(candidateOf);
    const chosen = eligible[0];
    const now = this.deps.clock.now().toISOString();
    /** The queue entry's fields that every decision writes. */
    // The entry's own fields first and `extra` spread last: fields after a leading spread take V8's
    // slow path (shared/merge.ts).
    const placed = (state: QueueEntry['state'], extra: Partial<QueueEntry>) => ({
      issueId,
      queue,
      priority: issue.priority,
      weight: policy.priorityWeights[issue.priority],
      state,
      required: needs.required,
      optional: needs.optional,
      ...extra,
    });

    if (!chosen) {
      const reason = rest.length ? 'no eligible agent' : 'no agents work this queue';
      const fresh = entry?.queue !== queue;
      const nowDate = new Date(now);
      const wake = nextShiftOf(
        rest.map((a) => a.agent),
        nowDate,
      );
      // The entry, the wake-up timer and the note are independent writes: started in one turn, they
      // share a group commit instead of waiting for one each.
      const writes: Array<Promise<unknown>> = [
        this.#putEntry(
          issueId,
          entry,
          placed('waiting', { reason, ...(fresh ? { enqueuedAt: now, excluded: [], offers: 0 } : {}) }),
        ),
      ];
      if (wake) writes.push(this.#drainAt(queue, wake.at));
      // Said once per stay in a queue (a drain that finds nobody again says nothing new), so the
      // people looking at an unassigned issue can see why it waits and until when.
      if (fresh) {
        const offShift = rest.length > 0 && rest.every((a) => !onShift(a.agent, nowDate));
        const why = offShift ? 'nobody is on shift' : reason;
        const at = wake && new Date(wake.at).toISOString();
        const next = wake ? `; ${wake.agent.name}'s shift starts at ${at}` : '';
        writes.push(
          this.#note(issue, `Waiting in ${queue}: ${why}${next}`, {
            outcome: 'queued',
            queue,
            reason,
            offShift,
            ...(wake ? { nextShiftAt: at, nextShiftAgentId: wake.agent.id } : {}),
          }),
        );
      }
      await Promise.all(writes);
      // Said when the issue starts waiting or waits for a new reason; routing it again and finding
      // the same (a drain, or a flow's route step right after the queue change routed it) is not news.
      if (fresh || entry?.reason !== reason)
        this.deps.bus.emit({ type: 'routing.queued', at: now, issueId, queue, reason }, options.cause);
      if (memoKey) {
        this.#queuedMemo.remember(issueId, memoKey, Date.parse(now), wake?.at, { reason, candidates });
      }
      return { issueId, queue, outcome: 'queued', reason, candidates };
    }

    const teamId = chosen.agent.teamIds.find((t) => !teamIds || teamIds.includes(t));
    const timeout = policy.offer.acceptTimeout ? parseDuration(policy.offer.acceptTimeout) : null;
    if (timeout) {
      const offers = (entry?.offers ?? 0) + 1;
      const offer: RoutingOffer = {
        id: newId('ofr'),
        issueId,
        queue,
        agentId: chosen.agent.id,
        status: 'offered',
        attempt: offers,
        offeredAt: now,
        expiresAt: new Date(Date.parse(now) + timeout).toISOString(),
      };
      await this.#offers.insert(offer);
      await this.#putEntry(
        issueId,
        entry,
        placed('offered', { offers, ...(entry?.queue === queue ? {} : { enqueuedAt: now, excluded: [] }) }),
      );
      await this.deps.timers.schedule(
        OFFER_TIMER,
        offer.expiresAt,
        { offerId: offer.id },
        { key: `${OFFER_TIMER}:${offer.id}` },
      );
      await this.#note(
        issue,
        `Offered to ${chosen.agent.name} from ${queue} (${policy.strategy}); expires ${offer.expiresAt}`,
        {
          outcome: 'offered',
          queue,
          expiresAt: offer.expiresAt,
          offerId: offer.id,
          agentId: chosen.agent.id,
          reasons: chosen.reasons,
        },
      );
      this.deps.bus.emit({ type: 'routing.offered', at: now, issueId, offer }, options.cause);
      return { issueId, queue, outcome: 'offered', agentId: chosen.agent.id, offerId: offer.id, candidates };
    }
    await this.#assign(issue, chosen.agent, teamId, queue, actor, policy.strategy, chosen.reasons, {
      cause: options.cause,
    });
    return { issueId, queue, outcome: 'assigned', agentId: chosen.agent.id, candidates };
  }

  async #assign(
    issue: Issue,
    agent: Agent,
    teamId: string | undefined,
    queue: string,
    actor: Actor,
    how: string,
    reasons: string[],
    { offerId, cause }: { offerId?: string; cause?: EventCause | undefined },
  ): Promise<Issue> {
    const updated = await this.deps.issues.update(
      issue.id,
      { assignee: { agentId: agent.id, teamId: teamId ?? null } },
      actor,
      { cause },
    );
    const now = this.deps.clock.now().toISOString();
    await this.#queue.deleteOne({ _id: issue.id });
    await this.#state.updateOne(
      { _id: queue },
      { $set: { [`lastAssigned.${agent.id}`]: now } },
      { upsert: true },
    );
    await this.#note(issue, `Routed to ${agent.name} from ${queue} (${how})`, {
      outcome: 'assigned',
      queue,
      agentId: agent.id,
      ...(teamId ? { teamId } : {}),
      reasons,
      ...(offerId ? { offerId } : {}),
    });
    this.deps.bus.emit(
      {
        type: 'routing.assigned',
        at: now,
        issueId: issue.id,
        queue,
        agentId: agent.id,
        ...(offerId ? { offerId } : {}),
      },
      cause,
    );
    return updated;
  }

  async #note(issue: Issue, text: string, data: Record<string, unknown>): Promise<void> {
    await this.deps.timeline.append({
      issueId: issue.id,
      customerId: issue.customerId,
      at: this.deps.clock.now().toISOString(),
      author: ROUTER,
      content: { type: 'system_event', action: 'routing', text, data },
    });
  }

  /**
   * Everything a "queued" decision for this issue read, as one string: the issue's fields routing
   * reads (channel, tags, priority; and `updatedAt`, which any other change moves — but two changes
   * in one millisecond share it, hence the fields), the queue, the extra needs and exclusions, and
   * this instance's revisions of policies, agents and teams, workloads and offers.
   */
  #queuedKey(issue: Issue, queue: string, excluded: readonly string[], options: RouteOptions): string {
    const extra = JSON.stringify([
      issue.channel,
      issue.priority,
      issue.tags,
      options.required,
      options.optional,
      options.exclude,
      excluded,
    ]);
    const revisions = [
      this.#policies.revision,
      this.deps.directory.revision,
      this.#workload.revision,
      this.#offers.revision,
    ].join(':');
    return `${issue.id}|${issue.updatedAt}|${queue}|${revisions}|${extra}`;
  }

  /**
   * Drains `queue` when the next shift starts (epoch ms). Every issue that waits for the same shift
   * asks for the same timer (one key per queue and time); scheduling is idempotent, so once this
   * instance has scheduled it, asking again is a store write that changes nothing. After a restart
   * the first ask schedules it again.
   */
  async #drainAt(queue: string, at: number): Promise<void> {
    if (this.#wakeScheduled.get(queue) === at) return;
    await this.deps.timers.schedule(
      DRAIN_TIMER,
      new Date(at),
      { queue },
      { key: `${DRAIN_TIMER}:${queue}:${at}` },
    );
    this.#wakeScheduled.set(queue, at);
  }

  async #forget(issueId: string): Promise<void> {
    await this.#queue.deleteOne({ _id: issueId });
    for (const offerId of await this.#offers.withdrawAll(issueId)) {
      await this.deps.timers.cancel(`${OFFER_TIMER}:${offerId}`);
    }
  }

  // Offers (offers.ts holds them)

  offer(id: string): Promise<RoutingOffer> {
    return this.#offers.get(id);
  }

  offersFor(agentId: string): Promise<RoutingOffer[]> {
    return this.#offers.forAgent(agentId);
  }

  /** Routing offers each agent declined or let expire, with the issues they were for. */
  offerFailures(agentIds: readonly string[]): Promise<Map<string, OfferFailures>> {
    return this.#offers.failures(agentIds);
  }

  /** The offered agent takes the issue: it is assigned to them. */
  async accept(id: string, agentId: string | undefined, actor: Actor): Promise<RoutingOffer> {
    const current = await this.offer(id);
    if (agentId && current.agentId !== agentId)
      throw new ProblemError('forbidden', 'this offer was made to another agent');
    const now = this.deps.clock.now().toISOString();
    if (current.status === 'offered' && current.expiresAt <= now) {
      await this.#respond(current, 'expired');
      throw new ProblemError('conflict', `offer ${id} expired at ${current.expiresAt}`);
    }
    const offer = await this.#offers.answer(id, 'accepted', now);
    if (!offer) throw new ProblemError('conflict', `offer ${id} is ${current.status}`);
    await this.deps.timers.cancel(`${OFFER_TIMER}:${id}`);
    await this.#serial.run(`issue:${offer.issueId}`, async () => {
      const issue = await this.deps.issues.get(offer.issueId);
      const agent = await this.deps.directory.getAgent(offer.agentId);
      const policy = await this.policyFor(offer.queue);
      const { teamIds } = await this.pool(policy);
      const teamId = agent.teamIds.find((t) => !teamIds || teamIds.includes(t));
      await this.#assign(issue, agent, teamId, offer.queue, actor, 'offer accepted', [], {
        offerId: offer.id,
      });
    });
    return offer;
  }

  /** The offered agent passes: the issue goes to the next agent. */
  async decline(id: string, agentId: string | undefined): Promise<RoutingOffer> {
    const current = await this.offer(id);
    if (agentId && current.agentId !== agentId)
      throw new ProblemError('forbidden', 'this offer was made to another agent');
    const declined = await this.#respond(current, 'declined');
    if (!declined) throw new ProblemError('conflict', `offer ${id} is ${current.status}`);
    return declined;
  }

  async #onOfferTimer(timer: Timer): Promise<void> {
    const found = await this.#offers.find((timer.payload as { offerId: string }).offerId);
    if (found?.status === 'offered') await this.#respond(found, 'expired');
  }

  /** Records a decline or expiry, excludes the agent and re-offers (or leaves the issue waiting). */
  async #respond(offer: RoutingOffer, status: 'declined' | 'expired'): Promise<RoutingOffer | null> {
    const now = this.deps.clock.now().toISOString();
    const updated = await this.#offers.answer(offer.id, status, now);
    if (!updated) return null;
    await this.deps.timers.cancel(`${OFFER_TIMER}:${offer.id}`);
    const policy = await this.policyFor(offer.queue);
    const entry = await this.#queue.findOneAndUpdate(
      { _id: offer.issueId },
      { $set: { state: 'waiting' }, $addToSet: { excluded: offer.agentId } },
    );
    await this.#serial.run(`issue:${offer.issueId}`, async () => {
      const issue = await this.deps.issues.get(offer.issueId).catch(() => null);
      if (!issue || isClosed(issue.status) || issue.assignee?.agentId) return;
      await this.#note(issue, `Offer to agent ${offer.agentId} ${status}`, {
        outcome: status,
        queue: offer.queue,
        offerId: offer.id,
        agentId: offer.agentId,
      });
      if ((entry?.offers ?? 0) >= policy.offer.maxOffers) {
        const rounds = (entry?.rounds ?? 0) + 1;
        const maxRounds = policy.offer.maxRounds ?? DEFAULT_MAX_ROUNDS;
        if (rounds >= maxRounds) {
          // Asked everyone it could, `rounds` times: the next tier takes it (handoffs listens).
          await this.#queue.deleteOne({ _id: offer.issueId });
          await this.#note(
            issue,
            `${rounds} round${rounds === 1 ? '' : 's'} of offers from ${offer.queue} went unanswered; escalating to the next tier`,
            { rounds, queue: offer.queue },
          );
          this.deps.bus.emit({
            type: 'routing.exhausted',
            at: now,
            issueId: issue.id,
            queue: offer.queue,
            rounds,
          });
          return;
        }
        // Enough offers for this round: wait for the next drain, when everyone may be asked again.
        await this.#queue.updateOne(
          { _id: offer.issueId },
          {
            $set: {
              excluded: [],
              offers: 0,
              rounds,
              reason: `${policy.offer.maxOffers} offers unanswered`,
            },
          },
        );
        this.deps.bus.emit({
          type: 'routing.queued',
          at: now,
          issueId: issue.id,
          queue: offer.queue,
          reason: 'offers unanswered',
        });
        return;
      }
      await this.#route(offer.issueId, {});
    });
    return updated;
  }

  // Queues

  async queueEntries(queue: string): Promise<QueueEntry[]> {
    const rows = await this.#queue.find({ queue }, { sort: { weight: -1, enqueuedAt: 1 } });
    return rows.map(({ _id, ...entry }) => entry);
  }

  /**
   * Routes the waiting issues of a queue, heaviest priority first, then oldest. Returns how many got
   * an agent or an offer. `cause`: the flow run whose change freed the capacity, if one did.
   */
  drain(queue: string, cause?: EventCause): Promise<number> {
    return this.#serial.run(`queue:${queue}`, async () => {
      const waiting = await this.#queue.find(
        { queue, state: 'waiting' },
        { sort: { weight: -1, enqueuedAt: 1 }, limit: DRAIN_BATCH },
      );
      let routed = 0;
      for (const entry of waiting) {
        try {
          const decision = await this.#serial.run(`issue:${entry._id}`, () =>
            this.#route(entry._id, { cause }),
          );
          if (decision.outcome !== 'queued') routed++;
        } catch (err) {
          // The issue was closed or deleted meanwhile: it no longer waits.
          if (err instanceof ProblemError) await this.#queue.deleteOne({ _id: entry._id });
          else throw err;
        }
      }
      return routed;
    });
  }

  async drainAll(cause?: EventCause): Promise<number> {
    const queues = new Set(
      (await this.#queue.find({ state: 'waiting' }, { projection: { queue: 1 } })).map((e) => e.queue),
    );
    let routed = 0;
    for (const queue of queues) routed += await this.drain(queue, cause);
    return routed;
  }
}

/** Whose shift starts next among the available agents of a pool, and when (epoch ms); null when nobody's does. */
function nextShiftOf(agents: readonly Agent[], now: Date): { at: number; agent: Agent } | null {
  let first: { at: number; agent: Agent } | null = null;
  for (const agent of agents) {
    if (agent.status !== 'available') continue;
    const at = nextShiftStart(agent, now);
    if (at !== null && at > now.getTime() && (!first || at < first.at)) first = { at, agent };
  }
  return first;
}
