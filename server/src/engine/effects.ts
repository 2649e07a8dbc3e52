/**
 * How node actions reach the world. A live run performs them through the owning module (issue
 * changes through IssueService, acting as the flow); a dry run (simulate, replay, the benchmark)
 * computes what they would do and records them, changing nothing.
 */
import type { Actor, EventCause, Issue, IssueUpdate } from '@baton/schemas';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';

export interface EffectsBackend {
  readonly dryRun: boolean;
  updateIssue(issue: Issue, patch: IssueUpdate): Promise<Issue>;
  /**
   * Runs another module's action as the flow (live only; a dry run never calls it), with the run's
   * cause, which the module passes on to the events the action leads to.
   */
  perform<T>(fn: (actor: Actor, cause: EventCause) => Promise<T>): Promise<T>;
}

/**
 * Performs changes through the issues module, with the flow as the actor and the run as the cause
 * of the events they lead to (the loop guard's chain: runtime.ts).
 */
export function liveEffects(issues: IssueService, actor: Actor, cause: EventCause): EffectsBackend {
  return {
    dryRun: false,
    updateIssue: (issue, patch) => issues.update(issue.id, patch, actor, { cause }),
    perform: (fn) => fn(actor, cause),
  };
}

/** Applies changes to a copy, as IssueService would (resolvedAt follows the status), storing nothing. */
export function dryRunEffects(clock: Clock): EffectsBackend {
  return {
    dryRun: true,
    perform: () => Promise.reject(new Error('a dry run performs no actions')),
    updateIssue: async (issue, patch) => applyIssueUpdate(issue, patch, clock.now().toISOString()),
  };
}

/**
 * The issue after `patch`, as IssueService.update would store it (status, priority, queue, type,
 * tags; resolvedAt follows the status; updatedAt = `now` when anything changed), without storing
 * it: the same object when nothing changes. The assignee is not applied here.
 */
export function applyIssueUpdate(issue: Issue, patch: IssueUpdate, now: string): Issue {
  const next: Issue = { ...issue };
  let changed = false;
  for (const field of ['status', 'priority', 'queue', 'type'] as const) {
    const value = patch[field];
    if (value !== undefined && value !== issue[field]) {
      (next as unknown as Record<string, unknown>)[field] = value;
      changed = true;
    }
  }
  if (
    patch.tags &&
    (patch.tags.length !== issue.tags.length || patch.tags.some((t) => !issue.tags.includes(t)))
  ) {
    next.tags = [...patch.tags];
    changed = true;
  }
  if (!changed) return issue;
  next.updatedAt = now;
  if (next.status !== issue.status) {
    const closing = next.status === 'resolved' || next.status === 'closed';
    if (closing && !issue.resolvedAt) next.resolvedAt = now;
    if (!closing) delete next.resolvedAt;
  }
  return next;
}
