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
import { ACTIVE_STATUSES, addWork, emptyWorkload, type Workload } from './eligibility.ts';

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

export class WorkloadCounter {
  readonly #work = new Map<string, Work>();
  readonly #byAgent = new Map<string, Set<string>>();
  #loading: Promise<void> | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  /** Issues an event changed while a load was reading: the event is newer than what the load read. */
  #touched: Set<string> | undefined;

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

  /** Workloads of these agents (assigned active issues only; offers are the caller's). */
  async loads(agentIds: readonly string[], weights: PriorityWeights): Promise<Map<string, Workload>> {
    if (this.#loadedAt === Number.NEGATIVE_INFINITY || performance.now() - this.#loadedAt > this.maxAgeMs)
      await this.#load();
    const out = new Map<string, Workload>();
    for (const id of agentIds) {
      const load = emptyWorkload();
      for (const issueId of this.#byAgent.get(id) ?? []) {
        const work = this.#work.get(issueId)!;
        addWork(load, work.channel, work.priority, weights);
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
      } finally {
        this.#touched = undefined;
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  #set(issueId: string, work: Work | undefined): void {
    const before = this.#work.get(issueId);
    if (before) {
      const set = this.#byAgent.get(before.agentId);
      set?.delete(issueId);
      if (set?.size === 0) this.#byAgent.delete(before.agentId);
      this.#work.delete(issueId);
    }
    if (!work) return;
    this.#work.set(issueId, work);
    let set = this.#byAgent.get(work.agentId);
    if (!set) {
      set = new Set();
      this.#byAgent.set(work.agentId, set);
    }
    set.add(issueId);
  }
}
