/**
 * Back-pressure for ingest. An issue is acknowledged once it is stored; what it causes (flow runs,
 * SLA clocks, routing, notifications) runs after, as bus handlers. Faster arrivals than those can
 * finish would pile up handlers in memory without bound, so while the backlog of unfinished
 * handlers is at the limit, new issues are refused with 503 and a Retry-After instead of accepted
 * into a queue that only grows. 0 switches the check off.
 */
import { ProblemError } from '../http/problem.ts';

export class IngestAdmission {
  constructor(
    private readonly backlog: () => number,
    readonly limit: number,
  ) {}

  /** Throws a 503 problem (with Retry-After) while the after-acknowledgement backlog is full. */
  check(): void {
    if (this.limit <= 0) return;
    const pending = this.backlog();
    if (pending < this.limit) return;
    // About how long the backlog takes to drain at a few thousand handlers a second, 1–30 s.
    const seconds = Math.min(30, Math.max(1, Math.ceil(pending / 2000)));
    throw new ProblemError(
      'unavailable',
      `Baton is still processing ${pending} earlier events (limit ${this.limit}); send this issue again in ${seconds} s`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }
}
