/**
 * Bulk read of stored flow runs, for whoever recomputes something from history (analytics'
 * rebuild): the runs of many issues in one query, each issue's in the order they started. Read-only.
 */
import type { FlowRun } from '@baton/schemas';
import { fromStored, type Stored } from '../shared/documents.ts';
import type { Collection, Store } from '../store/port.ts';

export class RunHistory {
  readonly #runs: Collection<Stored<FlowRun>>;

  constructor(store: Store) {
    this.#runs = store.collection('flow_runs');
  }

  async forIssues(issueIds: readonly string[]): Promise<Map<string, FlowRun[]>> {
    const out = new Map<string, FlowRun[]>();
    for (const doc of await this.#runs.find({ issueId: { $in: [...issueIds] } })) {
      const run = fromStored<FlowRun>(doc);
      if (!run.issueId) continue;
      const list = out.get(run.issueId);
      if (list) list.push(run);
      else out.set(run.issueId, [run]);
    }
    const key = (r: FlowRun) => `${r.startedAt}|${r.id}`;
    for (const list of out.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return out;
  }
}
