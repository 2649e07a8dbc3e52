/**
 * The SLA module: policies and clocks (routes), the `sla` node kind, the `sla` fact (the issue's
 * clocks by metric) and the `sla.warning` / `sla.breached` trigger events.
 */
import type { EventOf } from '../events/bus.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import { viewOf } from './clock.ts';
import { slaRoutes } from './routes.ts';
import type { SlaService } from './service.ts';
import { slaKind } from './sla-kind.ts';

export function slaModule(sla: SlaService): BatonModule {
  const payload = (e: EventOf<'sla.warning'> | EventOf<'sla.breached'>) => ({
    metric: e.clock.metric,
    clockId: e.clock.id,
    percent: 'percent' in e ? e.percent : 100,
    ...(e.clock.dueAt ? { dueAt: e.clock.dueAt } : {}),
    ...(e.clock.remainingMs !== undefined ? { remainingMs: e.clock.remainingMs } : {}),
  });
  return {
    name: 'sla',
    routes: bindRoutes(slaRoutes, { sla }),
    kinds: [slaKind(sla)],
    facts: [
      {
        id: 'sla',
        description:
          'The issue’s SLA clocks by metric, as of now: $.firstResponse.state (running, paused, stopped, cancelled), .percent, .remainingMs, .breached, .dueAt; $.breached is true when any clock is.',
        async compute(scope) {
          const clocks = await sla.clocksOf(scope.issue.id);
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
      },
    ],
    triggers: [
      {
        type: 'sla.warning',
        description:
          'An SLA clock passed a warning threshold: $.metric, $.percent (50, 75, …), $.dueAt, $.remainingMs.',
        issueId: (e) => e.issueId,
        payload,
      },
      {
        type: 'sla.breached',
        description: 'An SLA clock passed its target: $.metric, $.dueAt.',
        issueId: (e) => e.issueId,
        payload,
      },
    ],
    init: () => sla.init(),
    listen: () => sla.follow(),
  };
}
