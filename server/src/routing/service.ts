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
 */
import type {
  Actor,
  Agent,
  Issue,
  IssueStatus,
  QueueEntry,
  RouteDecision,
  RoutingCandidate,
  RoutingOffer,
  RoutingPolicy,
  RoutingPolicyCreate,
  RoutingPolicyUpdate,
  SkillRequirement,
} from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { invalidInput, notFound, ProblemError, unprocessable } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import { type Collection, DuplicateKeyError, type Store } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import {
  ACTIVE_STATUSES,
  type Assessment,
  addWork,
  assess,
  DEFAULT_PRIORITY_WEIGHTS,
  emptyWorkload,
  nextShiftStart,
  type Workload,
} from './eligibility.ts';

export const OFFER_TIMER = 'routing.offer';
export const DRAIN_TIMER = 'routing.drain';
const ROUTER: Actor = { kind: 'system', name: 'routing' };
/** Statuses after which an agent's capacity is free again. */
const FREEING: ReadonlySet<IssueStatus> = new Set(['resolved', 'closed', 'pending', 'on_hold']);
const DRAIN_BATCH = 200;
const PREVIEW_CACHE_MS = 5000;

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
}

/** A policy for queues that have none stored: least-loaded, no skills, assign outright. */
function implicitPolicy(queue: string, now: string): RoutingPolicy {
  return {
    id: `implicit:${queue}`,
    queue,
    strategy: 'least-loaded',
    skills: {},
    priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
    affinity: { previousAgent: false },
    offer: { maxOffers: 3 },
    createdAt: now,
    updatedAt: now,
  };
}

export class RoutingService {
  readonly #policies: Collection<Stored<RoutingPolicy>>;
  readonly #queue: Collection<StoredEntry>;
  readonly #offers: Collection<Stored<RoutingOffer>>;
  readonly #state: Collection<StoredState>;
  /** Routing decisions per issue and drains per queue run one at a time in this process. */
  readonly #serial = new KeyedQueue();
  /**
   * Previews (dry runs: simulate, replay) read policies and pools through a short cache, dropped at
   * any local change to policies, teams or agents: a replay over thousands of past issues should
   * not read the directory thousands of times. Live routing always reads the store.
   */
  readonly #previewCache = new Map<string, { revision: string; at: number; value: Promise<unknown> }>();
  #policyRevision = 0;

  constructor(
    store: Store,
    private readonly deps: RoutingDeps,
  ) {
    this.#policies = store.collection('routing_policies');
    this.#queue = store.collection('routing_queue');
    this.#offers = store.collection('routing_offers');
    this.#state = store.collection('routing_state');
  }

  async init(): Promise<void> {
    await this.#policies.createIndex({
      keys: { queue: 1 },
      unique: true,
      name: 'routing_policies_queue_unique',
    });
    await this.#queue.createIndex({ keys: { queue: 1, state: 1 } });
    await this.#offers.createIndex({ keys: { issueId: 1, status: 1 } });
    await this.#offers.createIndex({ keys: { agentId: 1, status: 1 } });
    this.deps.timers.handle(OFFER_TIMER, (timer) => this.#onOfferTimer(timer));
    this.deps.timers.handle(DRAIN_TIMER, async (timer) => {
      await this.drain((timer.payload as { queue: string }).queue);
    });
  }

  /** Routes issues entering a policy's queue, and re-drains queues when capacity frees. */
  follow(): () => void {
    const { bus } = this.deps;
    const offs = [
      bus.on('issue.created', async (e) => {
        if (e.issue.queue && !e.issue.assignee?.agentId && (await this.#stored(e.issue.queue))) {
          await this.route(e.issue.id);
        }
      }),
      bus.on('issue.updated', async (e) => {
        const { issue, changes } = e;
        if (changes.queue && issue.queue && !issue.assignee?.agentId && !isClosed(issue.status)) {
          if (await this.#stored(issue.queue)) await this.route(issue.id);
        }
        const status = changes.status?.to as IssueStatus | undefined;
        const released = changes.assignee && (changes.assignee.from as Issue['assignee'])?.agentId;
        if ((status && FREEING.has(status)) || released) {
          if (status && isClosed(status)) await this.#forget(issue.id);
          await this.drainAll();
        }
      }),
      bus.on('agent.updated', async (e) => {
        if (e.agent.status === 'available') await this.drainAll();
      }),
      bus.on('handoff.completed', async () => {
        await this.drainAll();
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  // Policies

  async listPolicies(): Promise<RoutingPolicy[]> {
    return (await this.#policies.find({}, { sort: { queue: 1 } })).map(fromStored<RoutingPolicy>);
  }

  async getPolicy(id: string): Promise<RoutingPolicy> {
    const found = await this.#policies.findOne({ _id: id });
    if (!found) throw notFound('routing policy', id);
    return fromStored(found);
  }

  async createPolicy(input: RoutingPolicyCreate): Promise<RoutingPolicy> {
    await this.#check(input);
    const now = this.deps.clock.now().toISOString();
    const policy: RoutingPolicy = {
      ...implicitPolicy(input.queue, now),
      ...input,
      id: newId('rtp'),
    };
    try {
      this.#policyRevision++;
      await this.#policies.insertOne(toStored(policy));
    } catch (err) {
      if (err instanceof DuplicateKeyError)
        throw new ProblemError('conflict', `queue ${input.queue} already has a policy`);
      throw err;
    }
    await this.drain(policy.queue);
    return policy;
  }

  async updatePolicy(id: string, patch: RoutingPolicyUpdate): Promise<RoutingPolicy> {
    await this.#check(patch);
    this.#policyRevision++;
    const updated = await this.#policies.findOneAndUpdate(
      { _id: id },
      { $set: { ...patch, updatedAt: this.deps.clock.now().toISOString() } },
    );
    if (!updated) throw notFound('routing policy', id);
    const policy = fromStored<RoutingPolicy>(updated);
    await this.drain(policy.queue);
    return policy;
  }

  async deletePolicy(id: string): Promise<void> {
    this.#policyRevision++;
    const { deletedCount } = await this.#policies.deleteOne({ _id: id });
    if (!deletedCount) throw notFound('routing policy', id);
  }

  async #check(input: RoutingPolicyCreate | RoutingPolicyUpdate): Promise<void> {
    for (const [i, teamId] of (input.teamIds ?? []).entries()) {
      if (!(await this.deps.directory.teamExists(teamId)))
        throw invalidInput(`/teamIds/${i}`, `no team ${teamId} exists`);
    }
    const timeout = input.offer?.acceptTimeout;
    if (timeout !== undefined && !parseDuration(timeout)) {
      throw invalidInput('/offer/acceptTimeout', 'an accept timeout must be longer than zero');
    }
  }

  async #stored(queue: string): Promise<RoutingPolicy | null> {
    const found = await this.#policies.findOne({ queue });
    return found ? fromStored(found) : null;
  }

  /** The queue's policy, or the implicit one (least-loaded, assign outright). */
  async policyFor(queue: string): Promise<RoutingPolicy> {
    return (await this.#stored(queue)) ?? implicitPolicy(queue, this.deps.clock.now().toISOString());
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
    const loads = new Map(agents.map((a) => [a.id, emptyWorkload()]));
    const ids = agents.map((a) => a.id);
    for (const work of await this.deps.issues.assignedTo(ids, ACTIVE_STATUSES)) {
      const load = loads.get(work.agentId);
      if (load) addWork(load, work.channel, work.priority, weights);
    }
    if (!ids.length) return loads;
    const offers = await this.#offers.find({ agentId: { $in: ids }, status: 'offered' });
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
    const required: SkillRequirement[] = [...(policy.skills.required ?? []), ...(extra.required ?? [])];
    const optional: SkillRequirement[] = [...(policy.skills.optional ?? []), ...(extra.optional ?? [])];
    for (const rule of policy.skills.fromTags ?? []) {
      if (!issue.tags.includes(rule.tag)) continue;
      const need = { skill: rule.skill, ...(rule.minLevel ? { minLevel: rule.minLevel } : {}) };
      (rule.required === false ? optional : required).push(need);
    }
    return { required: mergeRequirements(required), optional: mergeRequirements(optional) };
  }

  /** The agent who last worked an issue of this customer (for affinity). */
  async previousAgent(issue: Issue): Promise<string | undefined> {
    const page = await this.deps.issues.list({ customerId: issue.customerId, limit: 20 });
    return page.items.find((i) => i.id !== issue.id && i.assignee?.agentId)?.assignee?.agentId;
  }

  /** Every candidate assessed and ranked, best first. */
  async candidates(
    issue: Issue,
    policy: RoutingPolicy,
    options: RouteOptions & { excluded?: readonly string[]; cached?: boolean } = {},
  ) {
    const now = this.deps.clock.now();
    const { agents, teamIds } = options.cached
      ? await this.#cached(`pool:${policy.queue}:${policy.teamIds?.join(',') ?? ''}`, () => this.pool(policy))
      : await this.pool(policy);
    const loads = await this.workloads(agents, policy.priorityWeights);
    const needs = this.requirements(policy, issue, options);
    const previous =
      policy.affinity.previousAgent && agents.length ? await this.previousAgent(issue) : undefined;
    const state = agents.length ? await this.#state.findOne({ _id: policy.queue }) : null;
    const last = state?.lastAssigned ?? {};
    const excluded = [...(options.excluded ?? []), ...(options.exclude ?? [])];
    const assessed = agents.map((agent) => {
      const a = assess(agent, issue, needs, loads.get(agent.id) ?? emptyWorkload(), now, excluded);
      if (previous === agent.id) a.reasons.push('worked this customer’s last issue');
      return a;
    });
    const rank = (a: Assessment) => [
      previous === a.agent.id ? 0 : 1,
      -a.optionalScore,
      policy.strategy === 'least-loaded' ? a.load.weighted / Math.max(1, a.capacity) : 0,
      last[a.agent.id] ?? '',
      a.agent.id,
    ];
    const eligible = assessed.filter((a) => a.eligible).sort((x, y) => compareTuples(rank(x), rank(y)));
    const rest = assessed.filter((a) => !a.eligible);
    return { eligible, rest, needs, teamIds };
  }

  // Routing

  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const revision = `${this.#policyRevision}:${this.deps.directory.revision}`;
    const now = performance.now();
    const hit = this.#previewCache.get(key);
    if (hit && hit.revision === revision && now - hit.at < PREVIEW_CACHE_MS) return hit.value as Promise<T>;
    if (this.#previewCache.size > 1000) this.#previewCache.clear();
    const value = load();
    this.#previewCache.set(key, { revision, at: now, value });
    return value;
  }

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
    const policy = await this.#cached(`policy:${queue}`, () => this.policyFor(queue));
    const { eligible, rest } = await this.candidates({ ...issue, queue }, policy, {
      ...options,
      cached: true,
    });
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

  /** Routes an issue now (see the module comment). */
  route(issueId: string, options: RouteOptions = {}): Promise<RouteDecision> {
    return this.#serial.run(`issue:${issueId}`, () => this.#route(issueId, options, false));
  }

  async #route(issueId: string, options: RouteOptions, draining: boolean): Promise<RouteDecision> {
    let issue = await this.deps.issues.get(issueId);
    const actor = options.actor ?? ROUTER;
    if (options.queue && options.queue !== issue.queue) {
      issue = await this.deps.issues.update(issueId, { queue: options.queue }, actor);
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
    const open = await this.#offers.findOne({ issueId, status: 'offered' });
    if (open) {
      return {
        issueId,
        queue,
        outcome: 'offered',
        agentId: open.agentId,
        offerId: open._id,
        reason: 'an offer is outstanding',
        candidates: [],
      };
    }
    const policy = await this.policyFor(queue);
    const entry = await this.#queue.findOne({ _id: issueId });
    const excluded = entry?.queue === queue ? entry.excluded : [];
    const { eligible, rest, needs, teamIds } = await this.candidates(issue, policy, { ...options, excluded });
    const candidates = [...eligible, ...rest].map(candidateOf);
    const chosen = eligible[0];
    const now = this.deps.clock.now().toISOString();

    if (!chosen) {
      const reason = rest.length ? 'no eligible agent' : 'no agents work this queue';
      const fresh = entry?.queue !== queue;
      await this.#queue.updateOne(
        { _id: issueId },
        {
          $set: {
            issueId,
            queue,
            priority: issue.priority,
            weight: policy.priorityWeights[issue.priority],
            state: 'waiting',
            required: needs.required,
            optional: needs.optional,
            reason,
            ...(fresh ? { enqueuedAt: now, excluded: [], offers: 0 } : {}),
          },
        },
        { upsert: true },
      );
      await this.#wakeAtNextShift(
        queue,
        rest.map((a) => a.agent),
      );
      if (fresh || !draining) this.deps.bus.emit({ type: 'routing.queued', at: now, issueId, queue, reason });
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
      await this.#offers.insertOne(toStored(offer));
      await this.#queue.updateOne(
        { _id: issueId },
        {
          $set: {
            issueId,
            queue,
            priority: issue.priority,
            weight: policy.priorityWeights[issue.priority],
            state: 'offered',
            offers,
            required: needs.required,
            optional: needs.optional,
            ...(entry?.queue === queue ? {} : { enqueuedAt: now, excluded: [] }),
          },
        },
        { upsert: true },
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
          offerId: offer.id,
          agentId: chosen.agent.id,
          reasons: chosen.reasons,
        },
      );
      this.deps.bus.emit({ type: 'routing.offered', at: now, issueId, offer });
      return { issueId, queue, outcome: 'offered', agentId: chosen.agent.id, offerId: offer.id, candidates };
    }
    await this.#assign(issue, chosen.agent, teamId, queue, actor, policy.strategy, chosen.reasons);
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
    offerId?: string,
  ): Promise<Issue> {
    const updated = await this.deps.issues.update(
      issue.id,
      { assignee: { agentId: agent.id, teamId: teamId ?? null } },
      actor,
    );
    const now = this.deps.clock.now().toISOString();
    await this.#queue.deleteOne({ _id: issue.id });
    await this.#state.updateOne(
      { _id: queue },
      { $set: { [`lastAssigned.${agent.id}`]: now } },
      { upsert: true },
    );
    await this.#note(issue, `Routed to ${agent.name} from ${queue} (${how})`, {
      agentId: agent.id,
      reasons,
      ...(offerId ? { offerId } : {}),
    });
    this.deps.bus.emit({
      type: 'routing.assigned',
      at: now,
      issueId: issue.id,
      queue,
      agentId: agent.id,
      ...(offerId ? { offerId } : {}),
    });
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

  /** Wakes the queue when the first of these agents (available, off shift) starts a shift. */
  async #wakeAtNextShift(queue: string, agents: readonly Agent[]): Promise<void> {
    const now = this.deps.clock.now();
    const starts = agents
      .filter((a) => a.status === 'available')
      .map((a) => nextShiftStart(a, now))
      .filter((t): t is number => t !== null && t > now.getTime());
    if (!starts.length) return;
    const at = Math.min(...starts);
    await this.deps.timers.schedule(
      DRAIN_TIMER,
      new Date(at),
      { queue },
      { key: `${DRAIN_TIMER}:${queue}:${at}` },
    );
  }

  async #forget(issueId: string): Promise<void> {
    await this.#queue.deleteOne({ _id: issueId });
    const open = await this.#offers.find({ issueId, status: 'offered' });
    for (const offer of open) {
      await this.#offers.updateOne({ _id: offer._id, status: 'offered' }, { $set: { status: 'withdrawn' } });
      await this.deps.timers.cancel(`${OFFER_TIMER}:${offer._id}`);
    }
  }

  // Offers

  async offer(id: string): Promise<RoutingOffer> {
    const found = await this.#offers.findOne({ _id: id });
    if (!found) throw notFound('offer', id);
    return fromStored(found);
  }

  async offersFor(agentId: string): Promise<RoutingOffer[]> {
    return (await this.#offers.find({ agentId, status: 'offered' }, { sort: { offeredAt: 1 } })).map(
      fromStored<RoutingOffer>,
    );
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
    const taken = await this.#offers.findOneAndUpdate(
      { _id: id, status: 'offered' },
      { $set: { status: 'accepted', respondedAt: now } },
    );
    if (!taken) throw new ProblemError('conflict', `offer ${id} is ${current.status}`);
    await this.deps.timers.cancel(`${OFFER_TIMER}:${id}`);
    const offer = fromStored<RoutingOffer>(taken);
    await this.#serial.run(`issue:${offer.issueId}`, async () => {
      const issue = await this.deps.issues.get(offer.issueId);
      const agent = await this.deps.directory.getAgent(offer.agentId);
      const policy = await this.policyFor(offer.queue);
      const { teamIds } = await this.pool(policy);
      const teamId = agent.teamIds.find((t) => !teamIds || teamIds.includes(t));
      await this.#assign(issue, agent, teamId, offer.queue, actor, 'offer accepted', [], offer.id);
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
    const found = await this.#offers.findOne({ _id: (timer.payload as { offerId: string }).offerId });
    if (found?.status === 'offered') await this.#respond(fromStored(found), 'expired');
  }

  /** Records a decline or expiry, excludes the agent and re-offers (or leaves the issue waiting). */
  async #respond(offer: RoutingOffer, status: 'declined' | 'expired'): Promise<RoutingOffer | null> {
    const now = this.deps.clock.now().toISOString();
    const updated = await this.#offers.findOneAndUpdate(
      { _id: offer.id, status: 'offered' },
      { $set: { status, respondedAt: now } },
    );
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
        offerId: offer.id,
        agentId: offer.agentId,
      });
      if ((entry?.offers ?? 0) >= policy.offer.maxOffers) {
        // Enough offers for this round: wait for the next drain, when everyone may be asked again.
        await this.#queue.updateOne(
          { _id: offer.issueId },
          { $set: { excluded: [], offers: 0, reason: `${policy.offer.maxOffers} offers unanswered` } },
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
      await this.#route(offer.issueId, {}, true);
    });
    return fromStored(updated);
  }

  // Queues

  async queueEntries(queue: string): Promise<QueueEntry[]> {
    const rows = await this.#queue.find({ queue }, { sort: { weight: -1, enqueuedAt: 1 } });
    return rows.map(({ _id, ...entry }) => entry);
  }

  /** Routes the waiting issues of a queue, heaviest priority first, then oldest. Returns how many got an agent or an offer. */
  drain(queue: string): Promise<number> {
    return this.#serial.run(`queue:${queue}`, async () => {
      const waiting = await this.#queue.find(
        { queue, state: 'waiting' },
        { sort: { weight: -1, enqueuedAt: 1 }, limit: DRAIN_BATCH },
      );
      let routed = 0;
      for (const entry of waiting) {
        try {
          const decision = await this.#serial.run(`issue:${entry._id}`, () =>
            this.#route(entry._id, {}, true),
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

  async drainAll(): Promise<number> {
    const queues = new Set(
      (await this.#queue.find({ state: 'waiting' }, { projection: { queue: 1 } })).map((e) => e.queue),
    );
    let routed = 0;
    for (const queue of queues) routed += await this.drain(queue);
    return routed;
  }
}

function isClosed(status: IssueStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

function candidateOf(a: Assessment): RoutingCandidate {
  return {
    agentId: a.agent.id,
    name: a.agent.name,
    eligible: a.eligible,
    load: a.load.weighted,
    capacity: a.capacity,
    reasons: a.reasons,
  };
}

/** One requirement per skill, keeping the highest minimum level. */
function mergeRequirements(list: SkillRequirement[]): SkillRequirement[] {
  const bySkill = new Map<string, SkillRequirement>();
  for (const need of list) {
    const key = need.skill.toLowerCase();
    const seen = bySkill.get(key);
    if (!seen || (need.minLevel ?? 1) > (seen.minLevel ?? 1)) bySkill.set(key, need);
  }
  return [...bySkill.values()];
}

function compareTuples(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
