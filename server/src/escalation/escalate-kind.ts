/**
 * The `escalate` node kind: starts an escalation path on the issue, parks the run, and resumes on
 * `escalation.ended` for its own path: `acknowledged` (someone answered), `exhausted` (the steps ran
 * out) or `cancelled` (the issue was resolved meanwhile).
 */
import type { EscalateNodeData } from '@baton/schemas';
import type { KindProblem, NodeKind } from '../engine/registry.ts';
import { ProblemError } from '../http/problem.ts';
import { checkSteps, type EscalationService } from './service.ts';

export interface EscalateTrace {
  kind: 'escalate';
  steps: number;
  escalationId?: string;
  outcome?: 'acknowledged' | 'exhausted' | 'cancelled';
}

export function escalateKind(
  escalations: EscalationService,
): NodeKind<EscalateNodeData, null, EscalateTrace> {
  return {
    type: 'escalate',
    title: 'Escalate',
    description:
      'Runs an escalation path — wait, notify people, a team or its on-call person, round-robin, repeat, each guarded by a time window or a rate — until someone acknowledges (acknowledged) or the steps run out (exhausted).',
    category: 'action',
    icon: '⚠',
    color: '#d93036',
    pauses: true,
    dataSchema: { $ref: 'https://schemas.baton.dev/support-nodes.schema.json#/$defs/escalate' },
    outputs: [
      { handle: 'acknowledged', label: 'Acknowledged' },
      { handle: 'exhausted', label: 'Not acknowledged' },
      { handle: 'cancelled', label: 'Issue resolved' },
    ],
    check(data) {
      try {
        checkSteps(data.steps, '/steps');
        return [];
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        const problems: KindProblem[] = (err.errors ?? []).map((e) => ({
          pointer: e.pointer,
          code: 'invalid-step',
          message: e.detail,
        }));
        return problems;
      }
    },
    async run(ctx) {
      const { name, steps } = ctx.data;
      const escalation = await ctx.effects.act(
        'escalation.start',
        { ...(name ? { name } : {}), steps: steps.length },
        (actor, cause) =>
          escalations.start(ctx.issue.id, { ...(name ? { name } : {}), steps }, actor, {
            runId: ctx.run.id,
            cause,
          }),
      );
      const trace: EscalateTrace = {
        kind: 'escalate',
        steps: steps.length,
        ...(escalation ? { escalationId: escalation.id } : {}),
      };
      // A path without waits ends while it starts: take its outcome now.
      if (escalation && escalation.status !== 'active') {
        return { handle: escalation.status, trace: { ...trace, outcome: escalation.status } };
      }
      return {
        park: { event: 'escalation.ended' },
        trace,
      };
    },
    async onEvent(ctx) {
      const { runId, outcome, escalationId } = ctx.event.payload as {
        runId?: string;
        outcome?: EscalateTrace['outcome'];
        escalationId?: string;
      };
      if (runId !== ctx.run.id || !outcome) return null;
      return {
        handle: outcome,
        trace: {
          kind: 'escalate',
          steps: ctx.data.steps.length,
          outcome,
          ...(escalationId ? { escalationId } : {}),
        },
      };
    },
  };
}
