/**
 * Reads the stored history of many issues at once, for a rebuild: a page of issues and, per page, one
 * bulk read from each owning module (timelines: issues; handoffs: handoffs; clocks: sla; runs:
 * engine) instead of five reads per issue. Analytics names none of their collections.
 */
import type { Issue } from '@baton/schemas';
import { RunHistory } from '../engine/history.ts';
import { HandoffHistory } from '../handoffs/history.ts';
import { IssueHistory as IssueReader } from '../issues/history.ts';
import { ClockHistory } from '../sla/clock-history.ts';
import type { Store } from '../store/port.ts';
import type { IssueHistory } from './history.ts';

export class HistoryReader {
  readonly #issues: IssueReader;
  readonly #handoffs: HandoffHistory;
  readonly #clocks: ClockHistory;
  readonly #runs: RunHistory;

  constructor(store: Store) {
    this.#issues = new IssueReader(store);
    this.#handoffs = new HandoffHistory(store);
    this.#clocks = new ClockHistory(store);
    this.#runs = new RunHistory(store);
  }

  /** Issues opened up to `asOf`, oldest first, a page at a time. */
  issues(asOf: string, pageSize = 500): AsyncGenerator<Issue[]> {
    return this.#issues.pages(asOf, pageSize);
  }

  async histories(issues: readonly Issue[]): Promise<IssueHistory[]> {
    const ids = issues.map((i) => i.id);
    const [timeline, handoffs, clocks, runs] = await Promise.all([
      this.#issues.timelines(ids),
      this.#handoffs.forIssues(ids),
      this.#clocks.forIssues(ids),
      this.#runs.forIssues(ids),
    ]);
    return issues.map((issue) => ({
      issue,
      timeline: timeline.get(issue.id) ?? [],
      handoffs: handoffs.get(issue.id) ?? [],
      clocks: clocks.get(issue.id) ?? [],
      runs: runs.get(issue.id) ?? [],
    }));
  }
}
