/**
 * The `sla` node kind: `apply` starts the clocks of a policy (the one that matches the issue, or a
 * named one); start, pause, resume, stop, cancel and reset drive one metric's clock; `check` branches
 * on a metric's state (ok, warning, breached, none). A transition the clock's state does not allow
 * (pausing a paused clock) is not an error: the trace says why nothing changed.
 */
import type { SlaClockView, SlaMetric, SlaNodeData } from '@baton/schemas';
import type { KindProblem, NodeKind } from '../engine/registry.ts';
import { ProblemError } from '../http/problem.ts';
import { viewOf } from './clock.ts';
import type { SlaService } from './service.ts';

export interface SlaTrace {
  kind: 'sla';
  action: SlaNodeData['action'];
  metric?: SlaMetric;
  /** The clock after the action (or, for check, as it stands). */
  clock?: Pick<SlaClockView, 'state' | 'elapsedMs' | 'remainingMs' | 'percent' | 'dueAt' | 'breached'>;
  started?: SlaMetric[];
  /** Why nothing changed. */
  unchanged?: string;
}

type Check = 'ok' | 'warning' | 'breached' | 'none';

export function slaKind(sla: SlaService): NodeKind<SlaNodeData, null, SlaTrace> {
  const brief = (v: SlaClockView): SlaTrace['clock'] => ({
    state: v.state,
    elapsedMs: v.elapsedMs,
    breached: v.breached,
    ...(v.remainingMs !== undefined ? { remainingMs: v.remainingMs } : {}),
    ...(v.percent !== undefined ? { percent: v.percent } : {}),
    ...(v.dueAt ? { dueAt: v.dueAt } : {}),
  });
  return {
    type: 'sla',
    title: 'SLA',
    description:
      'Applies an SLA policy (its clocks start), drives one metric’s clock (start, pause, resume, stop, cancel, reset), or branches on a metric: ok, warning (a threshold passed), breached, none (no such clock).',
    category: 'timing',
    icon: '◷',
    color: '#b7791f',
    dataSchema: { $ref: 'https://schemas.baton.dev/support-nodes.schema.json#/$defs/sla' },
    outputs: [
      {
        handle: 'next',
        label: 'Then',
        when: { pointer: '/action', in: ['apply', 'start', 'pause', 'resume', 'stop', 'cancel', 'reset'] },
      },
      { handle: 'ok', label: 'On track', when: { pointer: '/action', in: ['check'] } },
      { handle: 'warning', label: 'Warning', when: { pointer: '/action', in: ['check'] } },
      { handle: 'breached', label: 'Breached', when: { pointer: '/action', in: ['check'] } },
      { handle: 'none', label: 'No clock', when: { pointer: '/action', in: ['check'] } },
    ],
    check(data) {
      const problems: KindProblem[] = [];
      if (data.action !== 'apply' && !data.metric) {
        problems.push({
          pointer: '/metric',
          code: 'missing-metric',
          message: `the ${data.action} action needs a metric`,
        });
      }
      if (data.action !== 'apply' && data.action !== 'start' && data.policyId) {
        problems.push({
          pointer: '/policyId',
          code: 'unused-policy',
          message: `a policy only matters to apply and start`,
        });
      }
      return problems;
    },
    async run(ctx) {
      const { action, metric, policyId } = ctx.data;
      const issueId = ctx.issue.id;
      if (action === 'check') {
        const clock = (await sla.clocksOf(issueId)).find((c) => c.metric === metric && !c.ref);
        if (!clock) return { handle: 'none', trace: { kind: 'sla', action, metric: metric! } };
        const view = viewOf(clock, ctx.now.getTime());
        const handle: Check = view.breached ? 'breached' : clock.fired.length ? 'warning' : 'ok';
        return { handle, trace: { kind: 'sla', action, metric: metric!, clock: brief(view) } };
      }
      const trace: SlaTrace = { kind: 'sla', action, ...(metric ? { metric } : {}) };
      try {
        if (action === 'apply') {
          const started = await ctx.effects.act('sla.apply', { ...(policyId ? { policyId } : {}) }, () =>
            sla.apply(issueId, { ...(policyId ? { policyId } : {}), reason: `flow ${ctx.flow.name}` }),
          );
          if (started) trace.started = started.map((c) => c.metric);
        } else {
          const clock = await ctx.effects.act(`sla.${action}`, { metric }, () =>
            action === 'start'
              ? sla.start(issueId, metric!, {
                  reason: `flow ${ctx.flow.name}`,
                  ...(policyId ? { policyId } : {}),
                })
              : sla.act(issueId, metric!, action, { reason: `flow ${ctx.flow.name}` }),
          );
          if (clock) trace.clock = brief(viewOf(clock, ctx.now.getTime()));
        }
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        trace.unchanged = err.detail;
      }
      return { handle: 'next', trace };
    },
  };
}
