/**
 * Bulk read of stored SLA clocks, for whoever recomputes something from history (analytics'
 * rebuild): the clocks of many issues in one query, each issue's in the order they started.
 * Read-only. (`history.ts` beside it is the percentile summary behind suggested targets.)
 */
import type { SlaClock } from '@baton/schemas';
import type { Collection, Store } from '../store/port.ts';
import { clockFromStored, type StoredClock } from './clock-docs.ts';

export class ClockHistory {
  readonly #clocks: Collection<StoredClock>;

  constructor(store: Store) {
    this.#clocks = store.collection('sla_clocks');
  }

  async forIssues(issueIds: readonly string[]): Promise<Map<string, SlaClock[]>> {
    const out = new Map<string, SlaClock[]>();
    for (const doc of await this.#clocks.find({ issueId: { $in: [...issueIds] } })) {
      const clock = clockFromStored(doc);
      const list = out.get(clock.issueId);
      if (list) list.push(clock);
      else out.set(clock.issueId, [clock]);
    }
    const key = (c: SlaClock) => `${c.startedAt}|${c.id}`;
    for (const list of out.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return out;
  }
}
