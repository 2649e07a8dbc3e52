/**
 * Bulk read of stored handoffs, for whoever recomputes something from history (analytics' rebuild):
 * the handoffs of many issues in one query, each issue's in the order they were offered. Read-only.
 */
import type { Handoff } from '@baton/schemas';
import { fromStored, type Stored } from '../shared/documents.ts';
import type { Collection, Store } from '../store/port.ts';

export class HandoffHistory {
  readonly #handoffs: Collection<Stored<Handoff>>;

  constructor(store: Store) {
    this.#handoffs = store.collection('handoffs');
  }

  async forIssues(issueIds: readonly string[]): Promise<Map<string, Handoff[]>> {
    const out = new Map<string, Handoff[]>();
    for (const doc of await this.#handoffs.find({ issueId: { $in: [...issueIds] } })) {
      const handoff = fromStored<Handoff>(doc);
      const list = out.get(handoff.issueId);
      if (list) list.push(handoff);
      else out.set(handoff.issueId, [handoff]);
    }
    const key = (h: Handoff) => `${h.offeredAt}|${h.id}`;
    for (const list of out.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return out;
  }
}
