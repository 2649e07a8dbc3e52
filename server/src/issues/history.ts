/**
 * Bulk reads of stored issues and their timelines, for whoever recomputes something from history
 * (analytics' rebuild): issues a page at a time in the order they were opened, and the timelines of a
 * whole page in one query instead of one per issue. Read-only; the collections stay this module's.
 */
import type { Issue, TimelineEvent } from '@baton/schemas';
import { fromStored, type Stored } from '../shared/documents.ts';
import type { Collection, Store } from '../store/port.ts';

export class IssueHistory {
  readonly #issues: Collection<Stored<Issue>>;
  readonly #timeline: Collection<Stored<TimelineEvent>>;

  constructor(store: Store) {
    this.#issues = store.collection('issues');
    this.#timeline = store.collection('timeline');
  }

  /** Issues opened up to `asOf`, oldest first, a page at a time (walks the `createdAt` index). */
  async *pages(asOf: string, pageSize = 500): AsyncGenerator<Issue[]> {
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

  /** The timelines of these issues, each in the order it happened (`at`, then id). */
  async timelines(issueIds: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
    const rows = await this.#timeline.find({ issueId: { $in: [...issueIds] } });
    const out = groupBy(rows.map(fromStored<TimelineEvent>), (e) => e.issueId);
    for (const events of out.values())
      events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
