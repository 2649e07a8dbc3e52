/**
 * What routing, SLA, handoffs and escalation add to the flow engine, in one call:
 * - node kinds `route`, `sla`, `handoff`, `escalate`;
 * - facts `sla` (the issue's clocks by metric), `agentLoad` (the assignee's open work against
 *   capacity), `queue` (how many wait, who could take one now) and `handoffs` (the latest and how many);
 * - trigger events `sla.warning`, `sla.breached`, `handoff.*`, `routing.*` and `escalation.*`, so
 *   flows start on them and parked runs resume on them.
 */
import type { FlowEngine } from '../engine/engine.ts';
import { escalateKind } from '../escalation/escalate-kind.ts';
import type { EscalationService } from '../escalation/service.ts';
import type { EventOf } from '../events/bus.ts';
import { handoffKind } from '../handoffs/handoff-kind.ts';
import type { HandoffService } from '../handoffs/service.ts';
import type { IssueService } from '../issues/issues.ts';
import { viewOf } from '../sla/clock.ts';
import type { SlaService } from '../sla/service.ts';
import { slaKind } from '../sla/sla-kind.ts';
import type { DirectoryService } from './directory.ts';
import { capacityFor, emptyWorkload } from './eligibility.ts';
import { routeKind } from './route-kind.ts';
import type { RoutingService } from './service.ts';

export interface SupportModules {
  sla: SlaService;
  routing: RoutingService;
  handoffs: HandoffService;
  escalations: EscalationService;
  issues: IssueService;
  directory: DirectoryService;
}

const HANDOFF_EVENTS = {
  'handoff.offered': 'A handoff was offered: $.handoffId, $.to, $.from, $.reason, $.attempt.',
  'handoff.accepted': 'A handoff was accepted: the issue has a new owner ($.to).',
  'handoff.declined': 'A handoff offer was declined.',
  'handoff.expired': 'A handoff offer expired unanswered.',
  'handoff.settled': 'A handoff offer was answered or expired: $.status is accepted, declined or expired.',
  'handoff.completed': 'A handoff completed: the new owner picked the issue up.',
  'handoff.cancelled': 'An open handoff offer was cancelled (the issue was resolved).',
} as const;

export function registerSupport(engine: FlowEngine, m: SupportModules): void {
  engine.kinds.register(routeKind(m.routing, m.issues));
  engine.kinds.register(slaKind(m.sla));
  engine.kinds.register(handoffKind(m.handoffs));
  engine.kinds.register(escalateKind(m.escalations));

  // Trigger events
  const slaPayload = (e: EventOf<'sla.warning'> | EventOf<'sla.breached'>) => ({
    metric: e.clock.metric,
    clockId: e.clock.id,
    percent: 'percent' in e ? e.percent : 100,
    ...(e.clock.dueAt ? { dueAt: e.clock.dueAt } : {}),
    ...(e.clock.remainingMs !== undefined ? { remainingMs: e.clock.remainingMs } : {}),
  });
  engine.triggers.register({
    type: 'sla.warning',
    description:
      'An SLA clock passed a warning threshold: $.metric, $.percent (50, 75, …), $.dueAt, $.remainingMs.',
    issueId: (e) => e.issueId,
    payload: slaPayload,
  });
  engine.triggers.register({
    type: 'sla.breached',
    description: 'An SLA clock passed its target: $.metric, $.dueAt.',
    issueId: (e) => e.issueId,
    payload: slaPayload,
  });
  for (const [type, description] of Object.entries(HANDOFF_EVENTS) as Array<
    [keyof typeof HANDOFF_EVENTS, string]
  >) {
    engine.triggers.register({
      type,
      description,
      issueId: (e) => e.issueId,
      payload: ({ handoff: h }) => ({
        handoffId: h.id,
        status: h.status,
        from: h.from,
        to: h.to,
        reason: h.reason,
        attempt: h.attempt,
        ...(h.runId ? { runId: h.runId } : {}),
      }),
    });
  }
  engine.triggers.register({
    type: 'routing.queued',
    description: 'Nobody could take the issue now; it waits in its queue: $.queue, $.reason.',
    issueId: (e) => e.issueId,
    payload: (e) => ({ queue: e.queue, reason: e.reason }),
  });
  engine.triggers.register({
    type: 'routing.assigned',
    description: 'Routing assigned the issue: $.queue, $.agentId.',
    issueId: (e) => e.issueId,
    payload: (e) => ({ queue: e.queue, agentId: e.agentId }),
  });
  engine.triggers.register({
    type: 'routing.offered',
    description: 'Routing offered the issue to an agent: $.agentId, $.expiresAt.',
    issueId: (e) => e.issueId,
    payload: (e) => ({
      queue: e.offer.queue,
      agentId: e.offer.agentId,
      offerId: e.offer.id,
      expiresAt: e.offer.expiresAt,
    }),
  });
  engine.triggers.register({
    type: 'escalation.started',
    description: 'An escalation path started on the issue.',
    issueId: (e) => e.issueId,
    payload: (e) => ({
      escalationId: e.escalation.id,
      ...(e.escalation.runId ? { runId: e.escalation.runId } : {}),
    }),
  });
  engine.triggers.register({
    type: 'escalation.ended',
    description: 'An escalation path ended: $.outcome is acknowledged, exhausted or cancelled.',
    issueId: (e) => e.issueId,
    payload: (e) => ({
      escalationId: e.escalation.id,
      outcome: e.outcome,
      ...(e.escalation.runId ? { runId: e.escalation.runId } : {}),
    }),
  });

  // Facts
  engine.facts.register({
    id: 'sla',
    description:
      'The issue’s SLA clocks by metric, as of now: $.firstResponse.state (running, paused, stopped, cancelled), .percent, .remainingMs, .breached, .dueAt; $.breached is true when any clock is.',
    async compute(scope) {
      const clocks = await m.sla.clocksOf(scope.issue.id);
      const out: Record<string, unknown> = { breached: false };
      for (const clock of clocks) {
        if (clock.ref) continue;
        const v = viewOf(clock, scope.now.getTime());
        out[clock.metric] = {
          state: v.state,
          elapsedMs: v.elapsedMs,
          breached: v.breached,
          ...(v.percent !== undefined ? { percent: v.percent } : {}),
          ...(v.remainingMs !== undefined ? { remainingMs: v.remainingMs } : {}),
          ...(v.dueAt ? { dueAt: v.dueAt } : {}),
        };
        if (v.breached) out.breached = true;
      }
      return out;
    },
  });
  engine.facts.register({
    id: 'agentLoad',
    description:
      'The assignee’s open work on the issue’s channel: { agentId, status, open, capacity, ratio, total }; null when no agent owns the issue.',
    async compute(scope) {
      const agentId = scope.issue.assignee?.agentId;
      if (!agentId) return null;
      const agent = await m.directory.findAgent(agentId);
      if (!agent) return null;
      const load = (await m.routing.workloads([agent])).get(agent.id) ?? emptyWorkload();
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
  });
  engine.facts.register({
    id: 'queue',
    description:
      'The issue’s queue now: { name, waiting (issues waiting in it), eligible (agents who could take this issue now) }; null when it is in no queue.',
    async compute(scope) {
      const name = scope.issue.queue;
      if (!name) return null;
      const policy = await m.routing.policyFor(name);
      const [entries, { eligible }] = await Promise.all([
        m.routing.queueEntries(name),
        m.routing.candidates({ ...scope.issue, assignee: {} }, policy),
      ]);
      return { name, waiting: entries.length, eligible: eligible.length };
    },
  });
  engine.facts.register({
    id: 'team',
    description:
      'The team working the issue (its assignee’s team, else the first team listing its queue): { id, name, leadAgentId, escalationTeamId, notifications: { offers, slaAlerts, customerUpdates, followUp } } — each notification switch true unless the team turned it off; null when no team works it.',
    async compute(scope) {
      const teamId = scope.issue.assignee?.teamId;
      let team = teamId ? await m.directory.getTeam(teamId).catch(() => null) : null;
      if (!team && scope.issue.queue) {
        const queue = scope.issue.queue;
        team = (await m.directory.listTeams()).find((t) => t.queues.includes(queue)) ?? null;
      }
      if (!team) return null;
      const off = team.notifications ?? {};
      return {
        id: team.id,
        name: team.name,
        leadAgentId: team.leadAgentId ?? null,
        escalationTeamId: team.escalationTeamId ?? null,
        notifications: {
          offers: off.offers !== false,
          slaAlerts: off.slaAlerts !== false,
          customerUpdates: off.customerUpdates !== false,
          followUp: off.followUp !== false,
        },
      };
    },
  });
  engine.facts.register({
    id: 'handoffs',
    description: 'The issue’s handoffs: { count, open (an offer stands), last: { status, attempt, to } }.',
    async compute(scope) {
      const all = await m.handoffs.forIssue(scope.issue.id).catch(() => []);
      const last = all.at(-1);
      return {
        count: all.length,
        open: all.some((h) => h.status === 'offered'),
        ...(last ? { last: { status: last.status, attempt: last.attempt, to: last.to } } : {}),
      };
    },
  });
}
