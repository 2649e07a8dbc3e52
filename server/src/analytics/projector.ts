/**
 * The analytics projector: turns each signal into counter increments (see `rollups.ts`), keeping per
 * issue only what later signals need (`analytics_issues`: its current dimensions, status since when,
 * who owned it, its handoff trail, a pending context-loss check) and per agent their open load
 * (`analytics_load`). The per-issue record is created on the first signal that needs it, so an
 * issue that is only opened costs one buffered increment.
 *
 * Definitions (docs/decisions.md, "Analytics: what each number means"):
 * - a *handoff* is a first offer (attempt 1); re-routed offers count as *offers* of the same handoff;
 * - a handoff *bounced back* when a later handoff of the issue goes to the party it came from;
 * - *context loss*: within the first three customer messages after a handoff is accepted, one
 *   restates a customer message from before it (`similarity.ts`);
 * - *time in a state* is counted when the issue leaves the state; an issue's *first assignee* is the
 *   first agent it was assigned to; it was *reassigned* when more than one agent held it;
 * - an agent is *over capacity* when an assignment leaves them more open issues of its channel than
 *   their capacity for that channel.
 */
import type { Agent, Issue } from '@baton/schemas';
import type { IssueChanges } from '../events/bus.ts';
import type { Collection, Store } from '../store/port.ts';
import { type Dims, hourOfWeek, reasonKey } from './dimensions.ts';
import type { Increment } from './rollups.ts';
import type { ClockFacts, Signal } from './signals.ts';
import { restates } from './similarity.ts';

/** Upper bounds (ms) of the time-to-accept / time-to-complete histogram buckets; the last is open. */
export const DURATION_BUCKETS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;
/** Customer messages after an accepted handoff that are checked for a restatement. */
export const CONTEXT_WINDOW = 3;
const CLOSED = new Set(['resolved', 'closed']);

interface TrailEntry {
  id: string;
  fromAgent: string;
  fromTeam: string;
  toAgent: string;
  toTeam: string;
  toQueue: string;
  flowId: string;
  playbook: string;
  reason: string;
  accepted: boolean;
  node?: string;
  event?: string;
}

export interface IssueState {
  _id: string;
  createdAt: string;
  channel: string;
  priority: string;
  queue: string;
  teamId: string;
  agentId: string;
  status: string;
  statusSince: string;
  queuedAt?: string;
  agents: string[];
  firstAgentId?: string;
  flowId: string;
  playbook: string;
  handoffs: number;
  trail: TrailEntry[];
  check?: { handoffId: string; acceptedAt: string; left: number; counted: boolean };
}

interface LoadDoc {
  _id: string;
  open: Record<string, number>;
}

/** What the projector asks the rest of Baton (through their services), the same live and on a rebuild. */
export interface ProjectorSources {
  /** The issue as it was when it was opened (lazy seeding of the per-issue record). */
  issue(issueId: string): Promise<Issue | null>;
  /** The customer's own words on the issue before a moment (opening message included). */
  customerTextsBefore(issueId: string, before: string): Promise<string[]>;
  /** The queue the classifier first predicted for the issue, if a flow classified it. */
  classifiedQueue(issueId: string): Promise<string | undefined>;
  /** The flow node and trigger event of the run that made a handoff. */
  handoffOrigin(runId: string, handoffId: string): Promise<{ node?: string; event?: string }>;
  /** Whether a flow is a playbook. */
  isPlaybook(flowId: string): Promise<boolean>;
  agent(agentId: string): Promise<Agent | null>;
}

/** Where the projector keeps per-issue records and open load: the store live, memory in a rebuild. */
export interface ProjectionState {
  get(issueId: string): Promise<IssueState | null>;
  put(state: IssueState): Promise<void>;
  /** An issue's record as it was opened, kept at hand (not written) so later signals need no read. */
  remember(state: IssueState): void;
  /** Adds to an agent's open issues of a channel; returns the new count. */
  addLoad(agentId: string, channel: string, n: number): Promise<number>;
}

/**
 * The live state: per-issue records and open load in the store, behind a small cache of this
 * instance's own. Changed records and load deltas are written at most `flushMs` later (merged: an
 * issue changed five times in that second is written once), so an event costs a map lookup, not a
 * store round trip. Records the cache drops are read back from the store; records it never wrote
 * (only opened) are seeded again from the issue.
 */
export class StoredState implements ProjectionState {
  readonly issues: Collection<IssueState>;
  readonly load: Collection<LoadDoc>;
  readonly #cache = new Map<string, IssueState>();
  readonly #dirty = new Set<string>();
  /** Records seeded here and never written: their first write is a plain insert, not an upsert. */
  readonly #unstored = new Set<string>();
  readonly #load = new Map<string, Record<string, number>>();
  readonly #loading = new Map<string, Promise<Record<string, number>>>();
  #loadDelta = new Map<string, Record<string, number>>();
  #flushing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    store: Store,
    private readonly flushMs = 1000,
    /** Records kept at hand; the least recently used clean ones are dropped beyond it. */
    private readonly cacheSize = 20_000,
  ) {
    this.issues = store.collection('analytics_issues');
    this.load = store.collection('analytics_load');
  }

  async get(issueId: string): Promise<IssueState | null> {
    const hit = this.#cache.get(issueId);
    if (hit) {
      // Most recently used last (Map order), so eviction takes the coldest first.
      this.#cache.delete(issueId);
      this.#cache.set(issueId, hit);
      return hit;
    }
    const found = await this.issues.findOne({ _id: issueId });
    if (found) this.#keep(found);
    return found;
  }

  async put(state: IssueState): Promise<void> {
    // Dirty first: keeping it may drop clean records, never this one.
    this.#dirty.add(state._id);
    this.#keep(state);
    this.#schedule();
  }

  remember(state: IssueState): void {
    if (this.#cache.has(state._id)) return;
    this.#keep(state);
    this.#unstored.add(state._id);
  }

  #keep(state: IssueState): void {
    this.#cache.delete(state._id);
    this.#cache.set(state._id, state);
    if (this.#cache.size <= this.cacheSize) return;
    for (const id of this.#cache.keys()) {
      if (this.#cache.size <= this.cacheSize) break;
      if (!this.#dirty.has(id)) {
        this.#cache.delete(id);
        this.#unstored.delete(id);
      }
    }
  }

  async addLoad(agentId: string, channel: string, n: number): Promise<number> {
    const open = this.#load.get(agentId) ?? (await this.#loadOf(agentId));
    open[channel] = (open[channel] ?? 0) + n;
    const delta = this.#loadDelta.get(agentId) ?? {};
    delta[channel] = (delta[channel] ?? 0) + n;
    this.#loadDelta.set(agentId, delta);
    this.#schedule();
    return open[channel];
  }

  #loadOf(agentId: string): Promise<Record<string, number>> {
    let loading = this.#loading.get(agentId);
    if (!loading) {
      loading = this.load.findOne({ _id: agentId }).then((doc) => {
        const open = this.#load.get(agentId) ?? { ...(doc?.open ?? {}) };
        this.#load.set(agentId, open);
        this.#loading.delete(agentId);
        return open;
      });
      this.#loading.set(agentId, loading);
    }
    return loading;
  }

  #schedule(): void {
    if (this.#timer || this.flushMs <= 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.flushMs);
    this.#timer.unref();
  }

  /** Writes changed records (the fields they hold, and removes those they dropped) and load deltas. */
  flush(): Promise<void> {
    const run = this.#flushing.then(async () => {
      // Taken now: once no longer dirty, the cache may drop a record before this writes it.
      const dirty = [...this.#dirty].flatMap((id) => {
        const state = this.#cache.get(id);
        return state ? [state] : [];
      });
      this.#dirty.clear();
      const loadDelta = this.#loadDelta;
      this.#loadDelta = new Map();
      const fresh: IssueState[] = [];
      for (const state of dirty) {
        if (this.#unstored.delete(state._id)) {
          fresh.push(state);
          continue;
        }
        await this.#update(state);
      }
      try {
        if (fresh.length) await this.issues.insertMany(fresh);
      } catch {
        // Someone wrote one meanwhile (an ordered insert stops there): the rest go one by one.
        for (const state of fresh) await this.#update(state);
      }
      for (const [agentId, delta] of loadDelta) {
        const $inc: Record<string, number> = {};
        for (const channel in delta) $inc[`open.${channel}`] = delta[channel]!;
        await this.load.updateOne({ _id: agentId }, { $inc }, { upsert: true });
      }
    });
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  async #update(state: IssueState): Promise<void> {
    const { _id, ...fields } = state;
    const $unset: Record<string, ''> = {};
    if (!state.check) $unset.check = '';
    if (!state.queuedAt) $unset.queuedAt = '';
    if (!state.firstAgentId) $unset.firstAgentId = '';
    await this.issues.updateOne(
      { _id },
      { $set: fields, ...(Object.keys($unset).length ? { $unset } : {}) },
      { upsert: true },
    );
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Open issues held now per agent (all channels). */
  async loads(agentIds: readonly string[]): Promise<Map<string, number>> {
    await this.flush();
    const docs = await this.load.find({ _id: { $in: [...agentIds] } });
    return new Map(docs.map((d) => [d._id, Object.values(d.open).reduce((s, v) => s + Math.max(0, v), 0)]));
  }

  async clear(): Promise<void> {
    await this.#flushing;
    this.#cache.clear();
    this.#dirty.clear();
    this.#unstored.clear();
    this.#load.clear();
    this.#loadDelta = new Map();
    await this.issues.deleteMany({});
    await this.load.deleteMany({});
  }

  /** Writes what a rebuild computed in memory (the store was cleared when it began). */
  async fill(memory: MemoryState): Promise<void> {
    await this.#flushing;
    const issues = [...memory.issues.values()];
    for (let i = 0; i < issues.length; i += 1000) await this.issues.insertMany(issues.slice(i, i + 1000));
    const load = [...memory.load].map(([_id, open]) => ({ _id, open }));
    if (load.length) await this.load.insertMany(load);
    // Later events read the rebuilt records back from the store.
    this.#cache.clear();
    this.#dirty.clear();
    this.#unstored.clear();
    this.#load.clear();
    this.#loadDelta = new Map();
  }
}

/** A rebuild's state: nothing touches the store until it is complete. */
export class MemoryState implements ProjectionState {
  readonly issues = new Map<string, IssueState>();
  readonly load = new Map<string, Record<string, number>>();

  async get(issueId: string): Promise<IssueState | null> {
    return this.issues.get(issueId) ?? null;
  }

  async put(state: IssueState): Promise<void> {
    this.issues.set(state._id, state);
  }

  /** Not kept: a rebuild seeds records from the history it holds, and writes only those it changed. */
  remember(): void {}

  async addLoad(agentId: string, channel: string, n: number): Promise<number> {
    const open = this.load.get(agentId) ?? {};
    open[channel] = (open[channel] ?? 0) + n;
    this.load.set(agentId, open);
    return open[channel];
  }
}

export class Projector {
  constructor(
    private readonly rollups: { add(inc: Increment): void },
    private readonly sources: ProjectorSources,
    private readonly store: ProjectionState,
  ) {}

  async apply(signal: Signal): Promise<void> {
    switch (signal.kind) {
      case 'opened':
        return this.#opened(signal.issue);
      case 'changed':
        return this.#changed(signal.at, signal.issue, signal.changes, signal.flowId);
      case 'customerMessage':
        return this.#customerMessage(signal.at, signal.issueId, signal.text);
      case 'handoff':
        return this.#handoff(signal);
      case 'slaSettled':
        return this.#slaSettled(signal.at, signal.issueId, signal.clock);
      case 'slaBreached': {
        const state = await this.#state(signal.issueId);
        if (!state) return;
        this.#add(signal.at, dimsOf(state), { [`sla_${signal.metric}_breached`]: 1 }, signal.issueId);
        return;
      }
      case 'resumed': {
        const ms = Math.max(0, Date.parse(signal.at) - Date.parse(signal.since));
        this.rollups.add({
          at: signal.at,
          dims: { flow: signal.flowId, node: `${signal.flowId}#${signal.nodeId}` },
          add: { parks: 1, parkMs: ms },
          max: { parkMax: ms },
          facts: { issueId: signal.issueId, metrics: ['parks'] },
        });
        return;
      }
      case 'step': {
        const state = signal.issueId ? await this.#state(signal.issueId) : null;
        const onTime =
          signal.outcome === 'completed' &&
          (signal.windowMs === undefined ||
            signal.durationMs === undefined ||
            signal.durationMs <= signal.windowMs);
        const add: Record<string, number> = {
          steps: 1,
          [signal.outcome === 'missed' ? 'stepsMissed' : onTime ? 'stepsOnTime' : 'stepsLate']: 1,
        };
        if (signal.durationMs !== undefined) Object.assign(add, { stepMs: signal.durationMs, stepTimed: 1 });
        const dims = {
          ...(state ? dimsOf(state) : {}),
          playbook: signal.playbook,
          step: `${signal.playbook}#${signal.step}`,
        };
        this.rollups.add({
          at: signal.at,
          dims,
          add,
          ...(signal.issueId
            ? {
                facts: {
                  issueId: signal.issueId,
                  metrics: Object.keys(add).filter((k) => k.startsWith('steps')),
                },
              }
            : {}),
        });
        return;
      }
    }
  }

  #add(
    at: string,
    dims: Partial<Dims>,
    add: Record<string, number>,
    issueId: string,
    max?: Record<string, number>,
  ): void {
    const inc: Increment = {
      at,
      dims,
      add,
      facts: { issueId, metrics: Object.keys(add).filter(isCountable) },
    };
    if (max) inc.max = max;
    this.rollups.add(inc);
  }

  async #opened(issue: Issue): Promise<void> {
    const seed = seedOf(issue);
    this.rollups.add({ at: issue.createdAt, dims: dimsOf(seed), add: { issues: 1 } });
    this.store.remember(seed);
    if (issue.assignee?.agentId && !CLOSED.has(issue.status))
      await this.#loadAdd(issue.assignee.agentId, issue.channel, 1);
  }

  async #state(issueId: string): Promise<IssueState | null> {
    const found = await this.store.get(issueId);
    if (found) return found;
    const issue = await this.sources.issue(issueId);
    return issue ? seedOf(issue) : null;
  }

  #save(state: IssueState): Promise<void> {
    return this.store.put(state);
  }

  async #changed(at: string, issue: Issue, changes: IssueChanges, flowId?: string): Promise<void> {
    const state = (await this.store.get(issue.id)) ?? seedOf(before(issue, changes));
    if (flowId) {
      state.flowId = flowId;
      if (await this.sources.isPlaybook(flowId)) state.playbook = flowId;
    }
    const wasOpen = !CLOSED.has(state.status);
    const oldAgent = state.agentId;
    if (changes.status) {
      const from = String(changes.status.from);
      const to = String(changes.status.to);
      const ms = Math.max(0, Date.parse(at) - Date.parse(state.statusSince));
      this.#add(at, dimsOf(state), { [`state_${from}_ms`]: ms, [`state_${from}_n`]: 1 }, issue.id);
      state.status = to;
      state.statusSince = at;
    }
    if (changes.priority) state.priority = String(changes.priority.to);
    if (changes.queue) {
      state.queue = changes.queue.to ? String(changes.queue.to) : '';
      if (!state.agentId && state.queue) state.queuedAt = at;
    }
    if (changes.assignee) {
      const to = (changes.assignee.to ?? {}) as NonNullable<Issue['assignee']>;
      state.teamId = to.teamId ?? '';
      state.agentId = to.agentId ?? '';
      if (state.agentId && state.agentId !== oldAgent) {
        if (!state.agents.includes(state.agentId)) state.agents.push(state.agentId);
        state.firstAgentId ??= state.agentId;
        const add: Record<string, number> = { assigned: 1 };
        let max: Record<string, number> | undefined;
        if (state.queuedAt) {
          const wait = Math.max(0, Date.parse(at) - Date.parse(state.queuedAt));
          Object.assign(add, { queueWaits: 1, queueWaitMs: wait });
          max = { queueWaitMax: wait };
          delete state.queuedAt;
        }
        this.#add(at, dimsOf(state), add, issue.id, max);
      } else if (!state.agentId && state.queue && !CLOSED.has(state.status)) state.queuedAt = at;
    }
    // Open load per agent: what they held before this change leaves them, what they hold now joins.
    const isOpen = !CLOSED.has(state.status);
    if (wasOpen && oldAgent && (oldAgent !== state.agentId || !isOpen))
      await this.#loadAdd(oldAgent, state.channel, -1);
    if (isOpen && state.agentId && (state.agentId !== oldAgent || !wasOpen)) {
      const open = await this.#loadAdd(state.agentId, state.channel, 1);
      const agent = await this.sources.agent(state.agentId);
      const capacity = agent?.capacity?.[state.channel as keyof Agent['capacity']];
      if (capacity !== undefined && open > capacity)
        this.#add(at, dimsOf(state), { overCapacity: 1 }, issue.id);
    }
    if (wasOpen && !isOpen) await this.#resolved(at, state);
    await this.#save(state);
  }

  async #resolved(at: string, state: IssueState): Promise<void> {
    const add: Record<string, number> = { resolved: 1 };
    if (state.firstAgentId && state.agentId === state.firstAgentId) add.firstResolved = 1;
    if (state.agents.length > 1) add.reassigned = 1;
    const predicted = await this.sources.classifiedQueue(state._id);
    if (predicted) {
      add.classified = 1;
      if (predicted === state.queue) add.classifiedRight = 1;
    }
    delete state.check;
    this.#add(at, dimsOf(state), add, state._id);
  }

  #loadAdd(agentId: string, channel: string, n: number): Promise<number> {
    return this.store.addLoad(agentId, channel, n);
  }

  async #customerMessage(at: string, issueId: string, text: string): Promise<void> {
    const state = await this.store.get(issueId);
    const check = state?.check;
    if (!state || !check || at <= check.acceptedAt) return;
    const entry = state.trail.find((t) => t.id === check.handoffId);
    const dims = entry ? handoffDims(state, entry) : dimsOf(state);
    const add: Record<string, number> = {};
    if (!check.counted) {
      add.ctxChecked = 1;
      check.counted = true;
    }
    const earlier = await this.sources.customerTextsBefore(issueId, check.acceptedAt);
    if (restates(text, earlier)) {
      add.ctxLost = 1;
      delete state.check;
    } else if (--check.left <= 0) delete state.check;
    if (Object.keys(add).length) this.#add(at, dims, add, issueId);
    await this.#save(state);
  }

  async #handoff(signal: Extract<Signal, { kind: 'handoff' }>): Promise<void> {
    const { at, status, handoff } = signal;
    const state = await this.#state(handoff.issueId);
    if (!state) return;
    let entry = state.trail.find((t) => t.id === handoff.id);
    if (status === 'offered') {
      const previous = handoff.previousHandoffId
        ? state.trail.find((t) => t.id === handoff.previousHandoffId)
        : undefined;
      const flowId = signal.flowId ?? previous?.flowId ?? '';
      entry = {
        id: handoff.id,
        fromAgent: handoff.from.agentId ?? '',
        fromTeam: handoff.from.teamId ?? '',
        toAgent: handoff.to.agentId ?? '',
        toTeam: handoff.to.teamId ?? '',
        toQueue: handoff.to.queue ?? '',
        flowId,
        playbook: flowId && (await this.sources.isPlaybook(flowId)) ? flowId : '',
        reason: reasonKey(handoff.reason),
        accepted: false,
      };
      const add: Record<string, number> = { offers: 1 };
      if (handoff.attempt === 1) {
        add.handoffs = 1;
        if (state.handoffs === 0) add.handedOff = 1;
        state.handoffs++;
        if (state.handoffs === 3) add.over2 = 1;
        const back = state.trail.find((t) => t.accepted && returnsTo(entry!, t));
        if (back) this.#add(at, handoffDims(state, back), { bounced: 1 }, state._id);
      }
      state.trail.push(entry);
      delete state.check;
      this.#add(at, { ...handoffDims(state, entry), reason: entry.reason }, add, state._id);
      await this.#save(state);
      return;
    }
    if (!entry) return;
    if (!entry.node && !entry.event && handoff.runId)
      Object.assign(entry, await this.sources.handoffOrigin(handoff.runId, handoff.id));
    const add: Record<string, number> = { [status]: 1 };
    if (status === 'accepted') {
      entry.accepted = true;
      entry.toAgent = handoff.acceptedBy ?? entry.toAgent;
      if (handoff.to.teamId) entry.toTeam = handoff.to.teamId;
      const ms = handoff.clocks.timeToAcceptMs ?? 0;
      Object.assign(add, { acceptMs: ms, [`hA${bucketOf(ms)}`]: 1 });
      state.check = { handoffId: handoff.id, acceptedAt: at, left: CONTEXT_WINDOW, counted: false };
    } else if (status === 'completed') {
      const ms = handoff.clocks.timeToCompleteMs ?? 0;
      Object.assign(add, { completeMs: ms, [`hC${bucketOf(ms)}`]: 1 });
    }
    const dims: Partial<Dims> = {
      ...handoffDims(state, entry),
      reason: entry.reason,
      node: entry.node ?? '',
      event: entry.event ?? '',
      ...(status === 'expired' ? { hour: hourOfWeek(at) } : {}),
    };
    this.#add(at, dims, add, state._id);
    await this.#save(state);
  }

  async #slaSettled(at: string, issueId: string, clock: ClockFacts): Promise<void> {
    const state = await this.#state(issueId);
    if (!state) return;
    const m = `sla_${clock.metric}`;
    const add: Record<string, number> = {};
    if (clock.state === 'cancelled') add[`${m}_cancelled`] = 1;
    else {
      add[`${m}_stopped`] = 1;
      add[`${m}_elapsedMs`] = clock.elapsedMs;
      if (clock.met === true) add[`${m}_met`] = 1;
      else if (clock.met === false) add[`${m}_missed`] = 1;
    }
    const paused = pausedMs(clock, at);
    if (paused) add[`${m}_pausedMs`] = paused;
    this.#add(at, dimsOf(state), add, issueId);
  }
}

/** Counters that name occurrences (not sums of milliseconds): these get drill-down facts. */
function isCountable(name: string): boolean {
  return !/Ms$|_ms$|_n$|^h[AC]\d$/.test(name);
}

export function bucketOf(ms: number): number {
  const i = DURATION_BUCKETS.findIndex((limit) => ms < limit);
  return i === -1 ? DURATION_BUCKETS.length : i;
}

/** Wall-clock time a clock spent paused (from its log), up to its settling. */
export function pausedMs(clock: Pick<ClockFacts, 'log'>, until: string): number {
  let total = 0;
  let since: number | undefined;
  for (const e of clock.log) {
    if (e.type === 'paused') since ??= Date.parse(e.at);
    else if (
      since !== undefined &&
      (e.type === 'resumed' || e.type === 'stopped' || e.type === 'cancelled' || e.type === 'reset')
    ) {
      total += Date.parse(e.at) - since;
      since = undefined;
    }
  }
  if (since !== undefined) total += Math.max(0, Date.parse(until) - since);
  return Math.max(0, total);
}

function returnsTo(next: TrailEntry, earlier: TrailEntry): boolean {
  if (next.toAgent) return next.toAgent === earlier.fromAgent;
  return Boolean(next.toTeam) && next.toTeam === earlier.fromTeam;
}

export function seedOf(issue: Issue): IssueState {
  const agentId = issue.assignee?.agentId ?? '';
  return {
    _id: issue.id,
    createdAt: issue.createdAt,
    channel: issue.channel,
    priority: issue.priority,
    queue: issue.queue ?? '',
    teamId: issue.assignee?.teamId ?? '',
    agentId,
    status: issue.status,
    statusSince: issue.createdAt,
    ...(issue.queue && !agentId ? { queuedAt: issue.createdAt } : {}),
    agents: agentId ? [agentId] : [],
    ...(agentId ? { firstAgentId: agentId } : {}),
    flowId: '',
    playbook: '',
    handoffs: 0,
    trail: [],
  };
}

/** The issue as it was before `changes` applied. */
export function before(issue: Issue, changes: IssueChanges): Issue {
  const prior: Issue = { ...issue };
  for (const [field, change] of Object.entries(changes)) {
    if (!change || field === 'resolvedAt') continue;
    const value = change.from;
    if (value === null || value === undefined) delete (prior as unknown as Record<string, unknown>)[field];
    else (prior as unknown as Record<string, unknown>)[field] = value;
  }
  return prior;
}

function dimsOf(state: IssueState): Partial<Dims> {
  return {
    team: state.teamId,
    queue: state.queue,
    agent: state.agentId,
    channel: state.channel,
    priority: state.priority,
    flow: state.flowId,
    playbook: state.playbook,
  };
}

/** A handoff is counted where it went: its target team, agent and queue; the issue's channel and priority. */
function handoffDims(state: IssueState, entry: TrailEntry): Partial<Dims> {
  return {
    team: entry.toTeam,
    queue: entry.toQueue || state.queue,
    agent: entry.toAgent,
    channel: state.channel,
    priority: state.priority,
    flow: entry.flowId,
    playbook: entry.playbook,
  };
}
