/**
 * The routing module: queues, policies and offers (routes), the `route` node kind, the `agentLoad`
 * and `queue` facts and the `routing.*` trigger events.
 */
import type { DirectoryService } from '../directory/service.ts';
import type { IssueService } from '../issues/issues.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { Clock } from '../shared/clock.ts';
import { capacityFor, emptyWorkload } from './eligibility.ts';
import { routeKind } from './route-kind.ts';
import { routingRoutes } from './routing-routes.ts';
import type { RoutingService } from './service.ts';

export function routingModule(deps: {
  routing: RoutingService;
  issues: IssueService;
  directory: DirectoryService;
  clock: Clock;
}): BatonModule {
  const { routing, directory } = deps;
  return {
    name: 'routing',
    routes: bindRoutes(routingRoutes, deps),
    kinds: [routeKind(routing, deps.issues)],
    facts: [
      {
        id: 'agentLoad',
        description:
          'The assignee’s open work on the issue’s channel: { agentId, status, open, capacity, ratio, total }; null when no agent owns the issue.',
        async compute(scope) {
          const agentId = scope.issue.assignee?.agentId;
          if (!agentId) return null;
          const agent = await directory.findAgent(agentId);
          if (!agent) return null;
          const load = (await routing.workloads([agent])).get(agent.id) ?? emptyWorkload();
          const capacity = capacityFor(agent, scope.issue.channel);
          const open = load.perChannel[scope.issue.channel] ?? 0;
          return {
            agentId,
            status: agent.status,
            open,
            capacity,
            ratio: capacity ? open / capacity : 1,
            total: load.total,
          };
        },
      },
      {
        id: 'queue',
        description:
          'The issue’s queue now: { name, waiting (issues waiting in it), eligible (agents who could take this issue now) }; null when it is in no queue.',
        async compute(scope) {
          const name = scope.issue.queue;
          if (!name) return null;
          const policy = await routing.policyFor(name);
          const [entries, { eligible }] = await Promise.all([
            routing.queueEntries(name),
            routing.candidates({ ...scope.issue, assignee: {} }, policy),
          ]);
          return { name, waiting: entries.length, eligible: eligible.length };
        },
      },
    ],
    triggers: [
      {
        type: 'routing.queued',
        description: 'Nobody could take the issue now; it waits in its queue: $.queue, $.reason.',
        issueId: (e) => e.issueId,
        payload: (e) => ({ queue: e.queue, reason: e.reason }),
      },
      {
        type: 'routing.assigned',
        description: 'Routing assigned the issue: $.queue, $.agentId.',
        issueId: (e) => e.issueId,
        payload: (e) => ({ queue: e.queue, agentId: e.agentId }),
      },
      {
        type: 'routing.offered',
        description: 'Routing offered the issue to an agent: $.agentId, $.expiresAt.',
        issueId: (e) => e.issueId,
        payload: (e) => ({
          queue: e.offer.queue,
          agentId: e.offer.agentId,
          offerId: e.offer.id,
          expiresAt: e.offer.expiresAt,
        }),
      },
    ],
    init: () => routing.init(),
    listen: () => routing.follow(),
  };
}
