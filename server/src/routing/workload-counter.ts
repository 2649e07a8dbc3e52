/**
 * Open work per agent, kept by routing as issues change instead of queried on every decision: a
 * query for "every active issue assigned to these agents" reads thousands of issues per decision on
 * a busy store, and the cost per issue would grow with the store.
 *
 * The counter holds, per active (new / open) assigned issue, its agent, channel and priority. It is
 * loaded once from the store on first use, then kept by `issue.created` / `issue.updated` (each
 * carries the whole issue after the change, so applying one is "set this issue's entry"). Events that
 * arrive while the load reads win over what the load read. Work assigned by another instance (a
 * shared MongoDB) raises no event here, so the counter reloads when older than `maxAgeMs` (infinite:
 * loaded once, for a store only this process writes).
 */
import type { Channel, Issue, Priority, PriorityWeights } from '@baton/schemas';
import { ACTIVE_STATUSES, emptyWorkload, type Workload } from './eligibility.ts';

interface Work {
  agentId: string;
  channel: Channel;
  priority: Priority;
}

export interface WorkloadSource {
  /** Every agent id routing may weigh. */
  agentIds(): Promise<string[]>;
  assignedTo(
    agentIds: readonly string[],
    statuses: readonly Issue['status'][],
  ): Promise<Array<{ id: string; agentId: string; channel: Channel; priority: Priority }>>;
}

const ACTIVE: ReadonlySet<string> = new Set(ACTIVE_STATUSES);

/** An agent's active work counted by channel and by priority: a workload is read off in O(1). */
interface Tally {
  total: number;
  perChannel: Map<Channel, number>;
  perPriority: Map<Priority, number>;
}

export class WorkloadCounter {
  readonly #work = new Map<string, Work>();
  /** Per agent, counts rather than the issues: at 100,000 stored an agent holds thousands. */
  readonly #byAgent = new Map<string, Tally>();
  #loading: Promise<void> | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  /** Issues an event changed while a load was reading: the event is newer than what the load read. */
  #touched: Set<string> | undefined;
  #revision = 0;

  constructor(
    private readonly source: WorkloadSource,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Applies an issue as it is now. Synchronous, so a decision right after an assignment counts it. */
  apply(issue: Pick<Issue, 'id' | 'status' | 'channel' | 'priority' | 'assignee'>): void {
    this.#touched?.add(issue.id);
    const agentId = issue.assignee?.agentId;
    this.#set(
      issue.id,
      agentId && ACTIVE.has(issue.status)
        ? { agentId, channel: issue.channel, priority: issue.priority }
        : undefined,
    );
  }

  /** Changes whenever any agent's counted work does (a load from the store always counts as one). */
  get revision(): number {
    return this.#revision;
  }

  /** Workloads of these agents (assigned active issues only; offers are the caller's). */
  async loads(agentIds: readonly string[], weights: PriorityWeights): Promise<Map<string, Workload>> {
    if (this.#loadedAt === Number.NEGATIVE_INFINITY || performance.now() - this.#loadedAt > this.maxAgeMs)
      await this.#load();
    const out = new Map<string, Workload>();
    for (const id of agentIds) {
      const load = emptyWorkload();
      const tally = this.#byAgent.get(id);
      if (tally) {
        load.total = tally.total;
        for (const [channel, n] of tally.perChannel) load.perChannel[channel] = n;
        for (const [priority, n] of tally.perPriority) load.weighted += weights[priority] * n;
      }
      out.set(id, load);
    }
    return out;
  }

  #load(): Promise<void> {
    this.#loading ??= (async () => {
      const touched = new Set<string>();
      this.#touched = touched;
      try {
        const rows = await this.source.assignedTo(await this.source.agentIds(), ACTIVE_STATUSES);
        const seen = new Set<string>();
        for (const row of rows) {
          seen.add(row.id);
          if (!touched.has(row.id))
            this.#set(row.id, { agentId: row.agentId, channel: row.channel, priority: row.priority });
        }
        // What the store no longer holds as active and assigned (and no event re-added) is gone.
        for (const issueId of [...this.#work.keys()]) {
          if (!seen.has(issueId) && !touched.has(issueId)) this.#set(issueId, undefined);
        }
        this.#loadedAt = performance.now();
        this.#revision++;
      } finally {
        this.#touched = undefined;
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  #set(issueId: string, work: Work | undefined): void {
    const before = this.#work.get(issueId);
    if (!before && !work) return;
    if (before && work && sameWork(before, work)) return;
    this.#revision++;
    if (before) {
      this.#count(before, -1);
      this.#work.delete(issueId);
    }
    if (!work) return;
    this.#work.set(issueId, work);
    this.#count(work, 1);
  }

  #count(work: Work, delta: 1 | -1): void {
    let tally = this.#byAgent.get(work.agentId);
    if (!tally) {
      tally = { total: 0, perChannel: new Map(), perPriority: new Map() };
      this.#byAgent.set(work.agentId, tally);
    }
    tally.total += delta;
    bump(tally.perChannel, work.channel, delta);
    bump(tally.perPriority, work.priority, delta);
    if (tally.total === 0) this.#byAgent.delete(work.agentId);
  }
}

function sameWork(a: Work, b: Work): boolean {
  return a.agentId === b.agentId && a.channel === b.channel && a.priority === b.priority;
}

function bump<K>(counts: Map<K, number>, key: K, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}
