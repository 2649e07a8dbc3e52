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
 *
 * This file is the facade and the clocks' lifecycle (start, transition, settle); each other job has
 * its file: policies.ts (policies, matching, time zones), follow.ts (which issue events move which
 * clock), thresholds.ts (warning and breach timers), calculator.ts (due dates, changing nothing),
 * clock.ts (the clock arithmetic and state machine), history.ts (percentiles).
 */
import type {
  Issue,
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
} from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { ProblemError, unprocessable } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import { type Collection, DuplicateKeyError, type Store } from '../store/port.ts';
import type { TimerService } from '../timers/service.ts';
import { calculateSla } from './calculator.ts';
import {
  type ClockAction,
  type ClockTerms,
  ClockTransitionError,
  dueAtOf,
  isLive,
  retarget,
  transition,
  viewOf,
} from './clock.ts';
import { clockFromStored, clockToStored, type StoredClock } from './clock-docs.ts';
import { followIssues } from './follow.ts';
import { HISTORY_METRICS, summarise } from './history.ts';
import { calendarSpecOf, SlaPolicies, targetFor } from './policies.ts';
import { SLA_TIMER, SlaThresholds } from './thresholds.ts';

export { METRICS } from './calculator.ts';
export { DEFAULT_POLICY_ID, seedPolicy } from './policies.ts';
export { SLA_TIMER } from './thresholds.ts';

/** A clock as of now, with the issue it runs on. */
export interface RunningClock {
  issueId: string;
  clock: SlaClockView;
}

/** The metrics applying a policy starts (next response starts later, when the customer writes back). */
const APPLIED_METRICS: readonly SlaMetric[] = ['firstResponse', 'resolution', 'customerUpdate'];

/**
 * The policy an issue's clocks run under: a live clock's (a named apply moves every live clock onto
 * its policy, and leaves settled ones as they were), else the first clock's.
 */
function policyIdOf(clocks: ReadonlyArray<Pick<SlaClock, 'policyId' | 'state'>>): string | undefined {
  return (clocks.find(isLive) ?? clocks[0])?.policyId;
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
  readonly #policies: SlaPolicies;
  readonly #clocks: Collection<StoredClock>;
  readonly #thresholds: SlaThresholds;
  readonly #serial = new KeyedQueue();

  constructor(
    store: Store,
    private readonly deps: SlaDeps,
  ) {
    this.#policies = new SlaPolicies(store, deps);
    this.#clocks = store.collection('sla_clocks');
    this.#thresholds = new SlaThresholds(this.#clocks, deps);
  }

  async init(): Promise<void> {
    await this.#policies.init();
    await this.#clocks.createIndex({
      keys: { issueId: 1, metric: 1, ref: 1 },
      unique: true,
      name: 'sla_clock_unique',
    });
    this.deps.timers.handle(SLA_TIMER, (timer) => this.#thresholds.onTimer(timer));
  }

  /** Follows issues on the bus (follow.ts). Returns the unsubscribe function. */
  follow(): () => void {
    return followIssues(this.deps.bus, this.#serial, {
      getIssue: (issueId) => this.deps.issues.get(issueId),
      apply: (issueId, options) => this.apply(issueId, options),
      clocksOf: (issueId) => this.clocksOf(issueId),
      find: (issueId, metric, ref) => this.#find(issueId, metric, ref),
      policyOfIssue: (issue) => this.#policyOfIssue(issue),
      startClock: (issue, policy, metric, ref, reason) =>
        this.#startClock(issue, policy, metric, ref, reason),
      transition: (clock, action, reason, at) => this.#transition(clock, action, reason, at),
    });
  }

  // Policies (policies.ts)

  listPolicies(): Promise<readonly SlaPolicy[]> {
    return this.#policies.list();
  }

  getPolicy(id: string): Promise<SlaPolicy> {
    return this.#policies.get(id);
  }

  createPolicy(input: SlaPolicyCreate): Promise<SlaPolicy> {
    return this.#policies.create(input);
  }

  updatePolicy(id: string, patch: SlaPolicyUpdate): Promise<SlaPolicy> {
    return this.#policies.update(id, patch);
  }

  deletePolicy(id: string): Promise<void> {
    return this.#policies.delete(id);
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
  policyFor(issue: Issue): Promise<SlaPolicy | null> {
    return this.#policies.matching(issue);
  }

  /** The time zone of an issue's clocks under a policy: customer's, team's or the policy's own. */
  timeZoneFor(policy: SlaPolicy, issue: Issue): Promise<string> {
    return this.#policies.timeZoneFor(policy, issue);
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
    const policyId = policyIdOf(clocks);
    const policy = policyId ? await this.#policies.find(policyId) : null;
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
   *
   * Applying the policy that matches is idempotent: clocks already running stay as they are. Naming
   * a policy (a flow's "Apply SLA policy" step, the API) moves the issue onto it: its live clocks of
   * another policy are retargeted (the business time they measured is kept, see clock.ts), those of
   * metrics it does not measure are cancelled, and the ones it has and the issue lacks start. Every
   * new issue's clocks are started by the issue.created listener before any flow's step runs, so
   * without this a flow that names a policy changed nothing. A named apply waits for the issue's
   * queued clock work (the listener's own apply among it), so it always comes second.
   */
  async apply(issueId: string, options: { policyId?: string; reason?: string } = {}): Promise<SlaClock[]> {
    if (!options.policyId) return this.#apply(issueId, options);
    return this.#serial.run(issueId, () => this.#apply(issueId, options));
  }

  async #apply(issueId: string, options: { policyId?: string; reason?: string }): Promise<SlaClock[]> {
    const issue = await this.deps.issues.get(issueId);
    const policy = options.policyId ? await this.getPolicy(options.policyId) : await this.policyFor(issue);
    if (!policy) return [];
    // One calendar zone for all of the policy's new clocks (it may take a customer or team read).
    let zone: Promise<string> | undefined;
    const zoneOf = () => {
      zone ??= this.timeZoneFor(policy, issue);
      return zone;
    };
    // Applied twice to every new issue (the issue.created listener and the flow's SLA step): the
    // second finds every clock in this one read instead of one read per metric.
    const existing = (await this.#clocks.find({ issueId, ref: '' })).map(clockFromStored);
    const reason = options.reason ?? `policy ${policy.name} applied`;
    const switching = options.policyId ? existing.filter((c) => c.policyId !== policy.id && isLive(c)) : [];
    // The missing clocks start together: one after the other, each waited for its own two group
    // commits (clock, then its first threshold timer) and kept the issue's work in flight that much
    // longer.
    const [applied] = await Promise.all([
      Promise.all(
        APPLIED_METRICS.filter((metric) => policy.metrics[metric]).map((metric) => {
          const found = existing.find((c) => c.metric === metric);
          if (!found) return this.#startClock(issue, policy, metric, '', reason, zoneOf, { known: true });
          return switching.includes(found) ? this.#retarget(found, policy, issue, zoneOf, reason) : found;
        }),
      ),
      // Live clocks of the old policy outside those three (next response) follow it too.
      Promise.all(
        switching
          .filter((c) => !APPLIED_METRICS.includes(c.metric) && policy.metrics[c.metric])
          .map((c) => this.#retarget(c, policy, issue, zoneOf, reason)),
      ),
      Promise.all(
        switching
          .filter((c) => !policy.metrics[c.metric])
          .map((c) => this.#transition(c, 'cancel', `policy ${policy.name} does not measure it`)),
      ),
    ]);
    return applied;
  }

  /** A live clock moved onto `policy`'s terms for its metric and the issue's priority now (clock.ts `retarget`). */
  async #retarget(
    clock: SlaClock,
    policy: SlaPolicy,
    issue: Issue,
    zoneOf: () => Promise<string>,
    reason: string,
  ): Promise<SlaClock> {
    const terms = this.#termsFor(policy, clock.metric, issue.priority, await zoneOf());
    return this.#change(clock, (current, now) => retarget(current, terms, now, reason));
  }

  /** What `policy` asks of a clock of `metric` for an issue of `priority`, in `timeZone`. */
  #termsFor(policy: SlaPolicy, metric: SlaMetric, priority: Issue['priority'], timeZone: string): ClockTerms {
    const metricPolicy = policy.metrics[metric] ?? {};
    const target = targetFor(metricPolicy.targets, priority);
    return {
      policyId: policy.id,
      priority,
      ...(target ? { target, targetMs: parseDuration(target)! } : {}),
      businessHours: metricPolicy.businessHours ?? true,
      calendar: calendarSpecOf(policy, timeZone),
      warnAt: metricPolicy.warnAt ?? policy.warnAt,
    };
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
    const current = policyIdOf(await this.#clocks.find({ issueId: issue.id }));
    if (current) {
      const found = await this.#policies.find(current);
      if (found) return found;
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
    zoneOf?: () => Promise<string>,
    /** `known`: the caller has just looked and found no such clock (a racing start still loses to the unique index). */
    { known = false }: { known?: boolean } = {},
  ): Promise<SlaClock> {
    // Finding an existing clock is far cheaper than an insert refused by the unique index.
    if (!known) {
      const existing = await this.#find(issue.id, metric, ref);
      if (existing) return existing;
    }
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const timeZone = await (zoneOf ? zoneOf() : this.timeZoneFor(policy, issue));
    const entry: SlaClockEvent = { at, type: 'started', elapsedMs: 0, reason };
    const clock: SlaClock = {
      id: newId('sla'),
      issueId: issue.id,
      metric,
      ...(ref ? { ref } : {}),
      state: 'running',
      ...this.#termsFor(policy, metric, issue.priority, timeZone),
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
      await this.#clocks.insertOne(clockToStored(clock));
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
    await this.#thresholds.arm(started);
    return started;
  }

  async #transition(clock: SlaClock, action: ClockAction, reason?: string, at?: string): Promise<SlaClock> {
    return this.#change(clock, (current) => transition(current, action, this.#when(current, at), reason));
  }

  /**
   * Writes one change of a clock (`step` works it out from the clock as stored), if nobody changed
   * the clock first; otherwise works it out again from what it is now (up to three times).
   */
  async #change(
    clock: SlaClock,
    step: (clock: SlaClock, now: Date) => ReturnType<typeof transition>,
  ): Promise<SlaClock> {
    for (let attempt = 0; ; attempt++) {
      let change: ReturnType<typeof transition>;
      try {
        change = step(clock, this.deps.clock.now());
      } catch (err) {
        if (err instanceof ClockTransitionError) throw new ProblemError('conflict', err.message);
        throw err;
      }
      const $unset = Object.fromEntries(change.unset.map((f) => [f, ''] as const));
      // The generation moves with every change, and the step checked the state it starts from.
      const updated = await this.#clocks.findOneAndUpdate(
        { _id: clock.id, gen: clock.gen, state: clock.state },
        {
          $set: change.set as Record<string, unknown>,
          ...(change.unset.length ? { $unset } : {}),
          $push: { log: change.entry },
        },
      );
      if (updated) {
        const next = clockFromStored(updated);
        await this.#thresholds.disarm(clock);
        await this.#thresholds.arm(next);
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

  /** The event's time when given (never before the clock's last change, never after now), else now. */
  #when(clock: SlaClock, at?: string): Date {
    const now = this.deps.clock.now();
    if (!at) return now;
    const t = Math.max(Date.parse(at), Date.parse(clock.updatedAt));
    return Number.isFinite(t) && t < now.getTime() ? new Date(t) : now;
  }

  // The calculator (calculator.ts)

  calculate(input: SlaCalculate): Promise<SlaCalculation> {
    return calculateSla(input, (id) => this.getPolicy(id));
  }
}
