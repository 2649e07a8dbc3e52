/**
 * Reads the stored history of many issues at once, for a rebuild: one query per collection for a
 * page of issues instead of five per issue. Read-only, through the store port, and the one place
 * where analytics names other modules' collections (their owners: issues, timeline — issues;
 * handoffs — handoffs; sla_clocks — sla; flow_runs — engine). A rebuild of 100,000 issues would
 * otherwise spend minutes on round trips.
 */
import type { FlowRun, Handoff, Issue, SlaClock, TimelineEvent } from '@baton/schemas';
import { fromStored, type Stored } from '../shared/documents.ts';
import type { Collection, Store } from '../store/port.ts';
import type { IssueHistory } from './history.ts';

export class HistoryReader {
  readonly #issues: Collection<Stored<Issue>>;
  readonly #timeline: Collection<Stored<TimelineEvent>>;
  readonly #handoffs: Collection<Stored<Handoff>>;
  readonly #clocks: Collection<Stored<SlaClock>>;
  readonly #runs: Collection<Stored<FlowRun>>;

  constructor(store: Store) {
    this.#issues = store.collection('issues');
    this.#timeline = store.collection('timeline');
    this.#handoffs = store.collection('handoffs');
    this.#clocks = store.collection('sla_clocks');
    this.#runs = store.collection('flow_runs');
  }

  /** Issues opened up to `asOf`, oldest first, a page at a time. */
  async *issues(asOf: string, pageSize = 100): AsyncGenerator<Issue[]> {
    let after: { createdAt: string; _id: string } | null = null;
    for (;;) {
      const range: Record<string, unknown> = after
        ? {
            $or: [
              { createdAt: { $gt: after.createdAt } },
              { createdAt: after.createdAt, _id: { $gt: after._id } },
            ],
          }
        : {};
      const page = await this.#issues.find(range, { sort: { createdAt: 1, _id: 1 }, limit: pageSize });
      const issues = page.filter((i) => i.createdAt <= asOf).map(fromStored<Issue>);
      if (issues.length) yield issues;
      if (page.length < pageSize || issues.length < page.length) return;
      const last = page[page.length - 1]!;
      after = { createdAt: last.createdAt, _id: last._id };
    }
  }

  async histories(issues: readonly Issue[]): Promise<IssueHistory[]> {
    const ids = issues.map((i) => i.id);
    const filter = { issueId: { $in: ids } };
    const [timeline, handoffs, clocks, runs] = await Promise.all([
      this.#timeline.find(filter),
      this.#handoffs.find(filter),
      this.#clocks.find(filter),
      this.#runs.find(filter),
    ]);
    const by = <T extends { issueId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.issueId, [...(map.get(row.issueId) ?? []), row]);
      return map;
    };
    const t = by(timeline.map(fromStored<TimelineEvent>));
    const h = by(handoffs.map(fromStored<Handoff>));
    const c = by(
      clocks.map((doc) => {
        const clock = fromStored<SlaClock>(doc);
        if (!clock.ref) delete clock.ref;
        return clock;
      }),
    );
    const r = by(runs.map(fromStored<FlowRun>));
    const order = <T>(rows: T[] | undefined, key: (x: T) => string) =>
      (rows ?? []).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return issues.map((issue) => ({
      issue,
      timeline: order(t.get(issue.id), (e) => `${e.at}|${e.id}`),
      handoffs: order(h.get(issue.id), (x) => `${x.offeredAt}|${x.id}`),
      clocks: order(c.get(issue.id), (x) => `${x.startedAt}|${x.id}`),
      runs: order(r.get(issue.id), (x) => `${x.startedAt}|${x.id}`),
    }));
  }
}
