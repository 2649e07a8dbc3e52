/**
 * The handoffs module: offers, acceptance and briefs (routes), the `handoff` node kind, the
 * `handoffs` fact, the `handoff.*` trigger events — and the `handoff` and `brief` variables of
 * notification templates about a handoff (a `handoffId` variable).
 */
import type { TriggerEventDefinition } from '../engine/triggers.ts';
import { type AnyTriggerDefinition, type BatonModule, bindRoutes } from '../module.ts';
import type { NotifyService } from '../notify/service.ts';
import { handoffKind } from './handoff-kind.ts';
import { handoffRoutes } from './routes.ts';
import type { HandoffService } from './service.ts';

const HANDOFF_EVENTS = {
  'handoff.offered': 'A handoff was offered: $.handoffId, $.to, $.from, $.reason, $.attempt.',
  'handoff.accepted': 'A handoff was accepted: the issue has a new owner ($.to).',
  'handoff.declined': 'A handoff offer was declined.',
  'handoff.expired': 'A handoff offer expired unanswered.',
  'handoff.settled': 'A handoff offer was answered or expired: $.status is accepted, declined or expired.',
  'handoff.completed': 'A handoff completed: the new owner picked the issue up.',
  'handoff.cancelled': 'An open handoff offer was cancelled (the issue was resolved).',
} as const;

type HandoffEventType = keyof typeof HANDOFF_EVENTS;

function handoffTrigger(type: HandoffEventType): TriggerEventDefinition<HandoffEventType> {
  return {
    type,
    description: HANDOFF_EVENTS[type],
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
  };
}

export function handoffsModule(deps: { handoffs: HandoffService; notify: NotifyService }): BatonModule {
  const { handoffs, notify } = deps;
  return {
    name: 'handoffs',
    routes: bindRoutes(handoffRoutes, { handoffs }),
    kinds: [handoffKind(handoffs)],
    facts: [
      {
        id: 'handoffs',
        description:
          'The issue’s handoffs: { count, open (an offer stands), last: { status, attempt, to } }.',
        async compute(scope) {
          const all = await handoffs.forIssue(scope.issue.id).catch(() => []);
          const last = all.at(-1);
          return {
            count: all.length,
            open: all.some((h) => h.status === 'offered'),
            ...(last ? { last: { status: last.status, attempt: last.attempt, to: last.to } } : {}),
          };
        },
      },
    ],
    // One definition serves every handoff event: they all carry the handoff.
    triggers: (Object.keys(HANDOFF_EVENTS) as HandoffEventType[]).map(
      (type) => handoffTrigger(type) as unknown as AnyTriggerDefinition,
    ),
    async init() {
      await handoffs.init();
      notify.addVariables(async ({ vars }) => {
        if (typeof vars.handoffId !== 'string') return {};
        const handoff = await handoffs.get(vars.handoffId);
        return { handoff, brief: handoff.brief };
      });
    },
    listen: () => handoffs.follow(),
  };
}
