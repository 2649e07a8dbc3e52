/**
 * The escalation module: paths (routes), the `escalate` node kind, the `escalation.*` trigger events,
 * and acknowledgements: acknowledging a notice an escalation step sent acknowledges its path (the
 * notice names the path in `source.escalationId`).
 */
import type { Actor } from '@baton/schemas';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { NotifyService } from '../notify/service.ts';
import { escalateKind } from './escalate-kind.ts';
import { escalationRoutes } from './routes.ts';
import type { EscalationService } from './service.ts';

export function escalationModule(deps: {
  escalations: EscalationService;
  notify: NotifyService;
}): BatonModule {
  const { escalations, notify } = deps;
  return {
    name: 'escalation',
    routes: bindRoutes(escalationRoutes, { escalations }),
    kinds: [escalateKind(escalations)],
    triggers: [
      {
        type: 'escalation.started',
        description: 'An escalation path started on the issue.',
        issueId: (e) => e.issueId,
        payload: (e) => ({
          escalationId: e.escalation.id,
          ...(e.escalation.runId ? { runId: e.escalation.runId } : {}),
        }),
      },
      {
        type: 'escalation.ended',
        description: 'An escalation path ended: $.outcome is acknowledged, exhausted or cancelled.',
        issueId: (e) => e.issueId,
        payload: (e) => ({
          escalationId: e.escalation.id,
          outcome: e.outcome,
          ...(e.escalation.runId ? { runId: e.escalation.runId } : {}),
        }),
      },
    ],
    async init() {
      await escalations.init();
      notify.onAcknowledged(async (doc, by) => {
        const escalationId = doc.source?.escalationId;
        if (!escalationId) return;
        const [kind, id] = by.split(':', 2);
        const actor: Actor =
          kind === 'user' && id ? { kind: 'user', id } : { kind: 'integration', name: by.slice(0, 200) };
        try {
          await escalations.acknowledge(escalationId, actor);
        } catch (err) {
          // Already ended (acknowledged elsewhere, exhausted, cancelled): nothing left to stop.
          if ((err as { kind?: string }).kind !== 'conflict') throw err;
        }
      });
    },
    listen: () => escalations.follow(),
  };
}
