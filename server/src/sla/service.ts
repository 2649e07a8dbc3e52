/**
 * SLA policies and clocks. Owns `sla_policies` and `sla_clocks`.
 *
 * - A policy has metrics with targets per priority, a business calendar whose time zone comes from
 *   the customer, the owning team or the policy, statuses that pause the clocks, and thresholds.
 *   The seeded default ("Standard") is the seed framework: first response 1 h of business time,
 *   handoff completion 30 min, resolution tracked in real time.
 * - The clocks follow the issue on their own (bus events): an issue opens → first response,
 *   resolution and customer-update clocks start; the first agent reply stops first response (and each
 *   reply stops next response and restarts customer update); a customer message after a reply starts
 *   next response; a pause status pauses every clock and leaving it resumes; resolving stops
 *   resolution and cancels the response clocks; a handoff offer starts a handoff-completion clock
 *   that its completion stops. Flows drive clocks explicitly with the `sla` node kind.
 * - Thresholds are durable timers (`sla.threshold`): one pending per running clock, keyed by the
 *   clock's generation, so a pause or reset leaves only stale timers that do nothing. When one fires
 *   the clock logs the warning (or the breach, at 100 %) and `sla.warning` / `sla.breached` go out.
 */
import type {
  Actor,
  Customer,
  Issue,
  IssueStatus,
  Priority,
  SlaCalculate,
  SlaCalculation,
  SlaClock,
  SlaClockEvent,
  SlaClockView,
  SlaHistory,
  SlaMetric,
  SlaPolicy,
  SlaPolicyCreate,
  SlaPolicyUpdate,
  SlaTargets,
} from '@baton/schemas';
import { CalendarError, calendarOf } from '../calendar/calendar.ts';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { invalidInput, notFound, ProblemError, unprocessable } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import { type Collection, DuplicateKeyError, type Store } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import {
  ALLOWED_FROM,
  type ClockAction,
  ClockTransitionError,
  clockCalendar,
  dueAtOf,
  nextThreshold,
  reachedThresholds,
  transition,
  viewOf,
} from './clock.ts';
import { HISTORY_METRICS, summarise } from './history.ts';

export const SLA_TIMER = 'sla.threshold';
export const METRICS: readonly SlaMetric[] = [
  'firstResponse',
  'nextResponse',
  'handoffCompletion',
  'resolution',
  'customerUpdate',
];
const CLOSING: ReadonlySet<IssueStatus> = new Set(['resolved', 'closed']);

export const DEFAULT_POLICY_ID = 'sla_default';

/** The seed framework: first response 1 h, handoff completion 30 min, resolution tracked in real time. */
export function seedPolicy(now: string): SlaPolicy {
  return {
    id: DEFAULT_POLICY_ID,
    name: 'Standard',
    description:
      'The seed framework: first response within 1 business hour, handoff completion within 30 minutes, resolution tracked in real time. Business hours Monday to Friday 09:00–17:00 in the customer’s time zone (UTC when unknown).',
    isDefault: true,
    order: 1000,
    metrics: {
      firstResponse: { targets: { default: 'PT1H' } },
      handoffCompletion: { targets: { default: 'PT30M' }, businessHours: false },
      resolution: { businessHours: false },
    },
    calendar: {
      timeZoneFrom: 'customer',
      timeZone: 'UTC',
      hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    },
    pauseOn: ['pending'],
    warnAt: [50, 75, 100],
    createdAt: now,
    updatedAt: now,
  };
}

type StoredClock = Stored<SlaClock> & { ref: string };

/** A clock as of now, with the issue it runs on. */
export interface RunningClock {
  issueId: string;
  clock: SlaClockView;
}

export interface SlaDeps {
  clock: Clock;
  bus: EventBus;
  timers: TimerService;
  issues: IssueService;
  customers: CustomerService;
  directory: DirectoryService;
}

export class SlaService {
  readonly #policies: Collection<Stored<SlaPolicy>>;
  readonly #clocks: Collection<StoredClock>;
  readonly #serial = new KeyedQueue();

  constructor(
    store: Store,
    private readonly deps: SlaDeps,
  ) {
    this.#policies = store.collection('sla_policies');
    this.#clocks = store.collection('sla_clocks');
  }

  async init(): Promise<void> {
    await this.#policies.createIndex({ keys: { order: 1, _id: 1 } });
    await this.#clocks.createIndex({
      keys: { issueId: 1, metric: 1, ref: 1 },
      unique: true,
      name: 'sla_clock_unique',
    });
    const { _id, ...seed } = toStored(seedPolicy(this.deps.clock.now().toISOString()));
    await this.#policies.updateOne({ _id }, { $setOnInsert: seed }, { upsert: true });
    this.deps.timers.handle(SLA_TIMER, (timer) => this.#onThreshold(timer));
  }

  /** Follows issues on the bus: see the module comment. Returns the unsubscribe function. */
  follow(): () => void {
    const { bus } = this.deps;
    const offs = [
      bus.on('issue.created', (e) => this.#serial.run(e.issue.id, () => this.#onCreated(e.issue))),
      bus.on('message.added', (e) =>
        this.#serial.run(e.issue.id, () => this.#onMessage(e.issue, e.event.type, e.event.author.kind)),
      ),
      bus.on('issue.updated', (e) => {
        const status = e.changes.status;
        if (!status) return;
        return this.#serial.run(e.issue.id, () =>
          this.#onStatus(e.issue, status.from as IssueStatus, status.to as IssueStatus),
        );
      }),
      bus.on('handoff.offered', (e) =>
        this.#serial.run(e.issueId, () =>
          this.#auto(e.issueId, 'handoffCompletion', 'start', e.handoff.id, 'handoff offered'),
        ),
      ),
      bus.on('handoff.completed', (e) =>
        this.#serial.run(e.issueId, () =>
          this.#auto(e.issueId, 'handoffCompletion', 'stop', e.handoff.id, 'handoff completed', e.at),
        ),
      ),
      ...(['handoff.declined', 'handoff.expired', 'handoff.cancelled'] as const).map((type) =>
        bus.on(type, (e) =>
          this.#serial.run(e.issueId, () =>
            this.#auto(
              e.issueId,
              'handoffCompletion',
              'cancel',
              e.handoff.id,
              `handoff ${e.handoff.status}`,
              e.at,
            ),
          ),
        ),
      ),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  // Policies

  async listPolicies(): Promise<SlaPolicy[]> {
    return (await this.#policies.find({}, { sort: { order: 1, _id: 1 } })).map(fromStored<SlaPolicy>);
  }

  async getPolicy(id: string): Promise<SlaPolicy> {
    const found = await this.#policies.findOne({ _id: id });
    if (!found) throw notFound('SLA policy', id);
    return fromStored(found);
  }

  async createPolicy(input: SlaPolicyCreate): Promise<SlaPolicy> {
    checkPolicy(input, '');
    const now = this.deps.clock.now().toISOString();
    const policy: SlaPolicy = {
      pauseOn: ['pending'],
      warnAt: [50, 75, 100],
      order: 100,
      isDefault: false,
      ...input,
      id: newId('slp'),
      createdAt: now,
      updatedAt: now,
    };
    if (policy.isDefault)
      await this.#policies.updateMany({ isDefault: true }, { $set: { isDefault: false } });
    await this.#policies.insertOne(toStored(policy));
    return policy;
  }

  async updatePolicy(id: string, patch: SlaPolicyUpdate): Promise<SlaPolicy> {
    const current = await this.getPolicy(id);
    checkPolicy({ ...current, ...patch }, '');
    if (patch.isDefault)
      await this.#policies.updateMany({ isDefault: true, _id: { $ne: id } }, { $set: { isDefault: false } });
    const updated = await this.#policies.findOneAndUpdate(
      { _id: id },
      { $set: { ...patch, updatedAt: this.deps.clock.now().toISOString() } },
    );
    if (!updated) throw notFound('SLA policy', id);
    return fromStored(updated);
  }

  async deletePolicy(id: string): Promise<void> {
    const { deletedCount } = await this.#policies.deleteOne({ _id: id });
    if (!deletedCount) throw notFound('SLA policy', id);
  }

  /** Percentiles of stopped first-response and resolution clocks of the last `days` days. */
  async history(days: number): Promise<SlaHistory> {
    const since = new Date(this.deps.clock.now().getTime() - days * 24 * 3_600_000).toISOString();
    const clocks = await this.#clocks.find(
      { state: 'stopped', metric: { $in: [...HISTORY_METRICS] }, stoppedAt: { $gte: since } },
      { projection: { metric: 1, priority: 1, elapsedMs: 1 }, limit: 100_000 },
    );
    return summarise(clocks, since);
  }

  /** The first policy (by order) whose match holds for the issue, else the default, else none. */
  async policyFor(issue: Issue): Promise<SlaPolicy | null> {
    const policies = await this.listPolicies();
    let customer: Customer | null | undefined;
    for (const policy of policies) {
      if (!policy.match) continue;
      const m = policy.match;
      if (m.priorities && !m.priorities.includes(issue.priority)) continue;
      if (m.channels && !m.channels.includes(issue.channel)) continue;
      if (m.queues && !(issue.queue && m.queues.includes(issue.queue))) continue;
      if (m.tags && !m.tags.some((t) => issue.tags.includes(t))) continue;
      if (m.customerTiers) {
        customer ??= await this.deps.customers.find(issue.customerId);
        if (!customer?.tier || !m.customerTiers.includes(customer.tier)) continue;
      }
      return policy;
    }
    return policies.find((p) => p.isDefault) ?? null;
  }

  /** The time zone of an issue's clocks under a policy: customer's, team's or the policy's own. */
  async timeZoneFor(policy: SlaPolicy, issue: Issue): Promise<string> {
    const from = policy.calendar.timeZoneFrom;
    if (from === 'customer') {
      const customer = await this.deps.customers.find(issue.customerId);
      if (customer?.timeZone) return customer.timeZone;
    } else if (from === 'team') {
      const zone = await this.#teamZone(issue);
      if (zone) return zone;
    }
    return policy.calendar.timeZone;
  }

  async #teamZone(issue: Issue): Promise<string | undefined> {
    if (issue.assignee?.teamId) {
      const team = await this.deps.directory.getTeam(issue.assignee.teamId).catch(() => null);
      if (team?.timeZone) return team.timeZone;
    }
    if (issue.queue) {
      const owner = (await this.deps.directory.listTeams()).find(
        (t) => t.queues.includes(issue.queue!) && t.timeZone,
      );
      if (owner?.timeZone) return owner.timeZone;
    }
    return undefined;
  }

  // Clocks

  async clocksOf(issueId: string): Promise<SlaClock[]> {
    const rows = await this.#clocks.find({ issueId }, { sort: { startedAt: 1, _id: 1 } });
    return rows.map(clockFromStored);
  }

  /**
   * The most pressing running clock of each issue (least time left), as of now: what an inbox sorts
   * and filters on (`GET /api/sla/running`). Running clocks belong to open work, so the set stays small.
   */
  async running(): Promise<RunningClock[]> {
    const now = this.deps.clock.now().getTime();
    const rows = await this.#clocks.find({ state: 'running' });
    const byIssue = new Map<string, RunningClock>();
    for (const row of rows) {
      const clock = clockFromStored(row);
      const view = viewOf(clock, now);
      if (view.remainingMs === undefined) continue;
      const seen = byIssue.get(clock.issueId)?.clock.remainingMs ?? Number.POSITIVE_INFINITY;
      if (view.remainingMs < seen) byIssue.set(clock.issueId, { issueId: clock.issueId, clock: view });
    }
    return [...byIssue.values()].sort((a, b) => (a.clock.remainingMs ?? 0) - (b.clock.remainingMs ?? 0));
  }

  /** The service's time, as ISO: what "as of now" means in its answers. */
  now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Every clock of an issue as of now (`GET /api/issues/:id/sla`). */
  async forIssue(issueId: string) {
    await this.deps.issues.get(issueId);
    const now = this.deps.clock.now();
    const clocks = await this.clocksOf(issueId);
    const policyId = clocks[0]?.policyId;
    const policy = policyId ? await this.#policies.findOne({ _id: policyId }) : null;
    return {
      issueId,
      now: now.toISOString(),
      ...(policyId ? { policyId } : {}),
      ...(policy ? { policyName: policy.name } : {}),
      clocks: clocks.map((c) => viewOf(c, now.getTime())),
    };
  }

  /**
   * Starts the clocks of a policy on an issue (default: the policy that matches it): first response
   * (unless an agent already replied), resolution and customer update — each metric the policy has.
   */
  async apply(issueId: string, options: { policyId?: string; reason?: string } = {}): Promise<SlaClock[]> {
    const issue = await this.deps.issues.get(issueId);
    const policy = options.policyId ? await this.getPolicy(options.policyId) : await this.policyFor(issue);
    if (!policy) return [];
    const started: SlaClock[] = [];
    for (const metric of ['firstResponse', 'resolution', 'customerUpdate'] as const) {
      if (!policy.metrics[metric]) continue;
      started.push(
        await this.#startClock(issue, policy, metric, '', options.reason ?? `policy ${policy.name} applied`),
      );
    }
    return started;
  }

  /** Starts one metric's clock (idempotent: an existing clock is returned as it is). */
  async start(
    issueId: string,
    metric: SlaMetric,
    options: { ref?: string; reason?: string; policyId?: string } = {},
  ) {
    const issue = await this.deps.issues.get(issueId);
    const existing = await this.#find(issueId, metric, options.ref ?? '');
    if (existing) return existing;
    const policy = await this.#policyOfIssue(issue, options.policyId);
    if (!policy) throw unprocessable('/metric', `no SLA policy applies to issue ${issueId}`);
    if (!policy.metrics[metric])
      throw unprocessable('/metric', `policy ${policy.name} does not measure ${metric}`);
    return this.#startClock(issue, policy, metric, options.ref ?? '', options.reason ?? 'started');
  }

  /** Drives one clock through the state machine; 409 when the transition is not allowed. */
  async act(
    issueId: string,
    metric: SlaMetric,
    action: ClockAction,
    options: { ref?: string; reason?: string } = {},
  ) {
    const clock = await this.#find(issueId, metric, options.ref ?? '');
    if (!clock) throw new ProblemError('not-found', `issue ${issueId} has no ${metric} clock`);
    return this.#transition(clock, action, options.reason);
  }

  async #policyOfIssue(issue: Issue, policyId?: string): Promise<SlaPolicy | null> {
    if (policyId) return this.getPolicy(policyId);
    const [first] = await this.#clocks.find({ issueId: issue.id }, { limit: 1 });
    if (first) {
      const found = await this.#policies.findOne({ _id: first.policyId });
      if (found) return fromStored(found);
    }
    return this.policyFor(issue);
  }

  async #find(issueId: string, metric: SlaMetric, ref: string): Promise<SlaClock | null> {
    const found = await this.#clocks.findOne({ issueId, metric, ref });
    return found ? clockFromStored(found) : null;
  }

  async #startClock(
    issue: Issue,
    policy: SlaPolicy,
    metric: SlaMetric,
    ref: string,
    reason: string,
  ): Promise<SlaClock> {
    const existing = await this.#find(issue.id, metric, ref);
    if (existing) return existing;
    const metricPolicy = policy.metrics[metric] ?? {};
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const target = targetFor(metricPolicy.targets, issue.priority);
    const timeZone = await this.timeZoneFor(policy, issue);
    const calendar = {
      timeZone,
      ...(policy.calendar.hours ? { hours: policy.calendar.hours } : {}),
      ...(policy.calendar.holidays ? { holidays: policy.calendar.holidays } : {}),
    };
    const entry: SlaClockEvent = { at, type: 'started', elapsedMs: 0, reason };
    const clock: SlaClock = {
      id: newId('sla'),
      issueId: issue.id,
      policyId: policy.id,
      metric,
      ...(ref ? { ref } : {}),
      state: 'running',
      priority: issue.priority,
      ...(target ? { target, targetMs: parseDuration(target)! } : {}),
      businessHours: metricPolicy.businessHours ?? true,
      calendar,
      warnAt: metricPolicy.warnAt ?? policy.warnAt,
      fired: [],
      elapsedMs: 0,
      runningSince: at,
      gen: 0,
      startedAt: at,
      log: [entry],
      createdAt: at,
      updatedAt: at,
    };
    const due = dueAtOf(clock);
    if (due) clock.dueAt = due;
    try {
      await this.#clocks.insertOne({ ...toStored(clock), ref });
    } catch (err) {
      if (err instanceof DuplicateKeyError) {
        const winner = await this.#find(issue.id, metric, ref);
        if (winner) return winner;
      }
      throw err;
    }
    // An issue opened while its policy pauses (e.g. imported as pending) starts paused.
    const started = policy.pauseOn.includes(issue.status)
      ? await this.#transition(clock, 'pause', `status ${issue.status}`)
      : clock;
    await this.#arm(started);
    return started;
  }

  async #transition(clock: SlaClock, action: ClockAction, reason?: string, at?: string): Promise<SlaClock> {
    for (let attempt = 0; ; attempt++) {
      let step: ReturnType<typeof transition>;
      try {
        step = transition(clock, action, this.#when(clock, at), reason);
      } catch (err) {
        if (err instanceof ClockTransitionError) throw new ProblemError('conflict', err.message);
        throw err;
      }
      const $unset = Object.fromEntries(step.unset.map((f) => [f, ''] as const));
      const updated = await this.#clocks.findOneAndUpdate(
        { _id: clock.id, gen: clock.gen, state: { $in: [...ALLOWED_FROM[action]] } },
        {
          $set: step.set as Record<string, unknown>,
          ...(step.unset.length ? { $unset } : {}),
          $push: { log: step.entry },
        },
      );
      if (updated) {
        const next = clockFromStored(updated);
        await this.#disarm(clock);
        await this.#arm(next);
        if (next.state === 'stopped' || next.state === 'cancelled') this.#settled(next);
        return next;
      }
      // Someone else moved the clock first: try again on what it is now.
      const fresh = await this.#clocks.findOne({ _id: clock.id });
      if (!fresh || attempt >= 3)
        throw new ProblemError('conflict', `the ${clock.metric} clock changed meanwhile; retry`);
      clock = clockFromStored(fresh);
    }
  }

  #settled(clock: SlaClock): void {
    const now = this.deps.clock.now();
    const view = viewOf(clock, now.getTime());
    this.deps.bus.emit({ type: 'sla.settled', at: now.toISOString(), issueId: clock.issueId, clock: view });
  }

  /** Schedules the next threshold of a running clock (idempotent by key). */
  async #arm(clock: SlaClock): Promise<void> {
    const next = nextThreshold(clock);
    if (!next) return;
    await this.deps.timers.schedule(
      SLA_TIMER,
      new Date(next.at),
      { clockId: clock.id, gen: clock.gen, percent: next.percent },
      { key: timerKey(clock, next.percent) },
    );
  }

  async #disarm(clock: SlaClock): Promise<void> {
    const next = nextThreshold(clock);
    if (next) await this.deps.timers.cancel(timerKey(clock, next.percent));
  }

  async #onThreshold(timer: Timer): Promise<void> {
    const { clockId, gen } = timer.payload as { clockId: string; gen: number };
    const found = await this.#clocks.findOne({ _id: clockId });
    if (!found) return;
    const clock = clockFromStored(found);
    if (clock.gen !== gen || clock.state !== 'running') return;
    const now = this.deps.clock.now();
    const reached = reachedThresholds(clock, now.getTime());
    if (!reached.length) {
      // Fired early (a clock moved by another instance): aim again.
      await this.#arm(clock);
      return;
    }
    const at = now.toISOString();
    const elapsed =
      clock.elapsedMs + clockCalendar(clock).between(Date.parse(clock.runningSince!), now.getTime());
    const entries: SlaClockEvent[] = reached.map((percent) => ({
      at,
      type: percent >= 100 ? 'breached' : 'warning',
      elapsedMs: elapsed,
      percent,
    }));
    const breached = reached.includes(100);
    const updated = await this.#clocks.findOneAndUpdate(
      { _id: clockId, gen, state: 'running', fired: { $nin: reached } },
      {
        $push: { log: { $each: entries }, fired: { $each: reached } },
        $set: { updatedAt: at, ...(breached ? { breachedAt: at } : {}) },
      },
    );
    if (!updated) return;
    const next = clockFromStored(updated);
    const view = viewOf(next, now.getTime());
    for (const percent of reached) {
      if (percent >= 100)
        this.deps.bus.emit({ type: 'sla.breached', at, issueId: clock.issueId, clock: view });
      else this.deps.bus.emit({ type: 'sla.warning', at, issueId: clock.issueId, clock: view, percent });
    }
    await this.#arm(next);
  }

  // The clocks following the issue

  async #onCreated(issue: Issue): Promise<void> {
    if (CLOSING.has(issue.status)) return;
    await this.apply(issue.id, { reason: 'issue opened' });
  }

  async #onMessage(issue: Issue, type: string, authorKind: Actor['kind']): Promise<void> {
    const clocks = await this.clocksOf(issue.id);
    if (!clocks.length) return;
    const byMetric = new Map(clocks.filter((c) => !c.ref).map((c) => [c.metric, c]));
    const live = (c: SlaClock | undefined): c is SlaClock =>
      c !== undefined && (c.state === 'running' || c.state === 'paused');
    if (type === 'agent_reply') {
      for (const metric of ['firstResponse', 'nextResponse'] as const) {
        const clock = byMetric.get(metric);
        if (live(clock)) await this.#transition(clock, 'stop', `${authorKind} replied`);
      }
      const update = byMetric.get('customerUpdate');
      if (update && update.state !== 'paused')
        await this.#transition(update, 'reset', 'the customer heard from an agent');
    } else if (type === 'customer_message') {
      const first = byMetric.get('firstResponse');
      if (live(first)) return;
      const policy = await this.#policyOfIssue(issue);
      if (!policy?.metrics.nextResponse) return;
      const next = byMetric.get('nextResponse');
      if (!next) await this.#startClock(issue, policy, 'nextResponse', '', 'customer wrote');
      else if (next.state === 'stopped' || next.state === 'cancelled')
        await this.#transition(next, 'reset', 'customer wrote');
    }
  }

  async #onStatus(issue: Issue, from: IssueStatus, to: IssueStatus): Promise<void> {
    const clocks = await this.clocksOf(issue.id);
    if (!clocks.length) return;
    const policy = await this.#policyOfIssue(issue);
    const pauseOn = policy?.pauseOn ?? ['pending'];
    if (CLOSING.has(to)) {
      for (const clock of clocks) {
        if (clock.state !== 'running' && clock.state !== 'paused') continue;
        const action = clock.metric === 'resolution' ? 'stop' : 'cancel';
        await this.#transition(clock, action, `issue ${to}`);
      }
      return;
    }
    if (pauseOn.includes(to)) {
      for (const clock of clocks)
        if (clock.state === 'running') await this.#transition(clock, 'pause', `status ${to}`);
    } else if (pauseOn.includes(from) || CLOSING.has(from)) {
      for (const clock of clocks)
        if (clock.state === 'paused') await this.#transition(clock, 'resume', `status ${to}`);
    }
  }

  /** The event's time when given (never before the clock's last change, never after now), else now. */
  #when(clock: SlaClock, at?: string): Date {
    const now = this.deps.clock.now();
    if (!at) return now;
    const t = Math.max(Date.parse(at), Date.parse(clock.updatedAt));
    return Number.isFinite(t) && t < now.getTime() ? new Date(t) : now;
  }

  async #auto(
    issueId: string,
    metric: SlaMetric,
    action: ClockAction | 'start',
    ref: string,
    reason: string,
    /** When the event that caused this happened: handlers may run a little after it. */
    at?: string,
  ) {
    try {
      if (action === 'start') {
        const issue = await this.deps.issues.get(issueId);
        const policy = await this.#policyOfIssue(issue);
        if (policy?.metrics[metric]) await this.#startClock(issue, policy, metric, ref, reason);
        return;
      }
      const clock = await this.#find(issueId, metric, ref);
      if (clock && ALLOWED_FROM[action].includes(clock.state))
        await this.#transition(clock, action, reason, at);
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'conflict') return;
      throw err;
    }
  }

  // The calculator

  async calculate(input: SlaCalculate): Promise<SlaCalculation> {
    const priority: Priority = input.priority ?? 'medium';
    let targets: Array<{ metric: SlaMetric; target: string; businessHours: boolean }> = [];
    let calendarSpec = input.calendar;
    if (input.policyId) {
      const policy = await this.getPolicy(input.policyId);
      for (const metric of METRICS) {
        const mp = policy.metrics[metric];
        const target = targetFor(mp?.targets, priority);
        if (mp && target) targets.push({ metric, target, businessHours: mp.businessHours ?? true });
      }
      calendarSpec ??= {
        timeZone: policy.calendar.timeZone,
        ...(policy.calendar.hours ? { hours: policy.calendar.hours } : {}),
        ...(policy.calendar.holidays ? { holidays: policy.calendar.holidays } : {}),
      };
    }
    if (input.targets) {
      targets = Object.entries(input.targets).map(([metric, target]) => ({
        metric: metric as SlaMetric,
        target: target as string,
        businessHours: true,
      }));
    }
    if (!targets.length) {
      throw invalidInput(
        '',
        input.policyId ? 'the policy has no targets for this priority' : 'give policyId or targets',
      );
    }
    if (!calendarSpec)
      throw invalidInput('/calendar', 'give a calendar (or a policyId whose calendar to use)');
    const timeZone = input.timeZone ?? calendarSpec.timeZone;
    let business: ReturnType<typeof calendarOf>;
    try {
      business = calendarOf({ ...calendarSpec, timeZone });
    } catch (err) {
      if (err instanceof CalendarError) throw invalidInput('/calendar', err.message);
      throw err;
    }
    const wall = calendarOf({ timeZone });
    const start = Date.parse(input.start);
    return {
      start: new Date(start).toISOString(),
      priority,
      timeZone,
      openNow: business.isOpen(start),
      due: targets.map(({ metric, target, businessHours }) => {
        const ms = parseDuration(target)!;
        let due: number;
        try {
          due = (businessHours ? business : wall).add(start, ms);
        } catch (err) {
          // Beyond the calendar's horizon (about three years of open time): a clear answer, not a 500.
          if (err instanceof CalendarError) {
            throw unprocessable(
              input.targets ? `/body/targets/${metric}` : '/body/policyId',
              `the ${metric} target ${target} ends beyond what the calendar can compute: ${err.message}`,
            );
          }
          throw err;
        }
        return {
          metric,
          target,
          targetMs: ms,
          businessHours,
          dueAt: new Date(due).toISOString(),
          dueAtLocal: business.local(due),
          wallClockMs: due - start,
        };
      }),
    };
  }
}

function timerKey(clock: Pick<SlaClock, 'id' | 'gen'>, percent: number): string {
  return `${SLA_TIMER}:${clock.id}:${clock.gen}:${percent}`;
}

function clockFromStored(doc: StoredClock): SlaClock {
  const clock = fromStored<SlaClock>(doc as Stored<SlaClock>);
  if (!clock.ref) delete clock.ref;
  return clock;
}

function targetFor(targets: SlaTargets | undefined, priority: Priority): string | undefined {
  return targets?.[priority] ?? targets?.default;
}

/** Checks what the schema cannot: calendars that work and durations that parse. */
function checkPolicy(policy: Pick<SlaPolicyCreate, 'calendar' | 'metrics'>, base: string): void {
  try {
    calendarOf(policy.calendar);
  } catch (err) {
    if (err instanceof CalendarError) throw invalidInput(`${base}/calendar`, err.message);
    throw err;
  }
  for (const [metric, mp] of Object.entries(policy.metrics)) {
    for (const [priority, target] of Object.entries(mp?.targets ?? {})) {
      if (parseDuration(target as string) === null) {
        throw unprocessable(
          `${base}/metrics/${metric}/targets/${priority}`,
          `"${target}" is not a duration such as PT1H`,
        );
      }
    }
  }
}
