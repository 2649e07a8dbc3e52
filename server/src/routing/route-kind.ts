/**
 * The `route` node kind: routes the issue through its queue's policy (optionally moving it into
 * another queue first, with extra skill needs) and takes `assigned`, `offered` or `queued`. A dry
 * run (simulate, replay) previews the decision from live agents and changes nothing.
 */
import type { Issue, RouteDecision, RouteNodeData } from '@baton/schemas';
import type { NodeKind } from '../engine/registry.ts';
import type { IssueService } from '../issues/issues.ts';
import { merge } from '../shared/merge.ts';
import type { RoutingService } from './service.ts';

export interface RouteTrace {
  kind: 'route';
  queue: string;
  outcome: RouteDecision['outcome'];
  agentId?: string;
  reason?: string;
  /** The best candidates with their reasons (at most five). */
  candidates: Array<{ agentId: string; name: string; eligible: boolean; reasons: string[] }>;
  /** A dry run: what routing would do now. */
  preview?: boolean;
}

export function routeKind(
  routing: RoutingService,
  issues: IssueService,
): NodeKind<RouteNodeData, null, RouteTrace> {
  return {
    type: 'route',
    title: 'Route',
    description:
      'Routes the issue through its queue policy — skills, working hours in each agent’s zone, capacity per channel, round-robin or least-loaded, affinity — and takes assigned, offered (waiting for the agent to accept) or queued (nobody can take it now; the queue re-drains when capacity frees).',
    category: 'action',
    icon: '⇄',
    color: '#2f6fde',
    dataSchema: { $ref: 'https://schemas.baton.dev/support-nodes.schema.json#/$defs/route' },
    outputs: [
      { handle: 'assigned', label: 'Assigned' },
      { handle: 'offered', label: 'Offered' },
      { handle: 'queued', label: 'Queued' },
    ],
    async run(ctx) {
      const options = {
        ...(ctx.data.queue ? { queue: ctx.data.queue } : {}),
        ...(ctx.data.required ? { required: ctx.data.required } : {}),
        ...(ctx.data.optional ? { optional: ctx.data.optional } : {}),
      };
      const live = await ctx.effects.act<{ decision: RouteDecision; issue: Issue }>(
        'routing.route',
        options,
        async (actor, cause) => {
          const decision = await routing.route(ctx.issue.id, merge(options, { actor, cause }));
          return { decision, issue: await issues.get(ctx.issue.id) };
        },
        { issue: (r) => r.issue },
      );
      const decision = live?.decision ?? (await routing.preview(ctx.issue, options));
      const trace: RouteTrace = {
        kind: 'route',
        queue: decision.queue,
        outcome: decision.outcome,
        ...(decision.agentId ? { agentId: decision.agentId } : {}),
        ...(decision.reason ? { reason: decision.reason } : {}),
        candidates: decision.candidates
          .slice(0, 5)
          .map(({ agentId, name, eligible, reasons }) => ({ agentId, name, eligible, reasons })),
        ...(live ? {} : { preview: true }),
      };
      return { handle: decision.outcome, trace };
    },
  };
}
