/**
 * One job: which issue events make routing act. An unassigned issue entering a queue that has a
 * policy is routed at once; capacity freeing (an issue resolved, closed, parked or released, an
 * agent becoming available, a handoff completed) re-drains the waiting queues; an issue that closes
 * is forgotten by its queue. The workload counter hears every issue change first, synchronously,
 * so the next decision already counts it.
 */
import type { EventCause, Issue, IssueStatus } from '@baton/schemas';
import type { EventBus } from '../events/bus.ts';
import { isClosed } from './eligibility.ts';

/** Statuses after which an agent's capacity is free again. */
const FREEING: ReadonlySet<IssueStatus> = new Set(['resolved', 'closed', 'pending', 'on_hold']);

export interface FollowActions {
  countWork(issue: Issue): void;
  hasPolicy(queue: string): Promise<boolean>;
  /** Routes the issue as the work of `cause` (the event's: a flow's change routes as part of its chain). */
  route(issueId: string, cause: EventCause | undefined): Promise<unknown>;
  forget(issueId: string): Promise<void>;
  /** Routes every waiting issue; `cause`: the event's, when a flow's change freed the capacity. */
  drainAll(cause: EventCause | undefined): Promise<number>;
}

/** Subscribes; returns the unsubscribe function. */
export function followIssues(bus: EventBus, act: FollowActions): () => void {
  const offs = [
    // First, and synchronous: the next decision already counts this issue's assignment.
    bus.on('issue.created', (e) => act.countWork(e.issue)),
    bus.on('issue.updated', (e) => act.countWork(e.issue)),
    bus.on('issue.created', async (e) => {
      if (e.issue.queue && !e.issue.assignee?.agentId && (await act.hasPolicy(e.issue.queue))) {
        await act.route(e.issue.id, e.cause);
      }
    }),
    bus.on('issue.updated', async (e) => {
      const { issue, changes } = e;
      if (changes.queue && issue.queue && !issue.assignee?.agentId && !isClosed(issue.status)) {
        if (await act.hasPolicy(issue.queue)) await act.route(issue.id, e.cause);
      }
      const status = changes.status?.to as IssueStatus | undefined;
      const released = changes.assignee && (changes.assignee.from as Issue['assignee'])?.agentId;
      if ((status && FREEING.has(status)) || released) {
        if (status && isClosed(status)) await act.forget(issue.id);
        await act.drainAll(e.cause);
      }
    }),
    bus.on('agent.updated', async (e) => {
      if (e.agent.status === 'available') await act.drainAll(e.cause);
    }),
    bus.on('handoff.completed', async (e) => {
      await act.drainAll(e.cause);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
