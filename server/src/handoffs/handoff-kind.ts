/**
 * The `handoff` node kind: offers the issue (to an agent, a team or a queue's best agent) with a
 * brief, parks the run, and resumes on `handoff.settled` for its own offer, taking `accepted`,
 * `declined` or `expired` — the flow says what follows (route again, escalate, …). `failed`: nobody
 * could be offered it (or another offer is still open). Offers made by a flow do not re-route on
 * their own (`onExpire: none`).
 *
 * `templateName` names a Template Library template (a warm introduction, a brief layout) rendered
 * with the issue when the node runs; its text follows the reason in the offer. A name that resolves
 * to nothing takes `failed`, like an offer nobody could receive.
 */
import type { HandoffNodeData, HandoffStatus, Issue } from '@baton/schemas';
import { parseDuration } from '../engine/duration.ts';
import type { KindProblem, NodeKind } from '../engine/registry.ts';
import { ProblemError } from '../http/problem.ts';
import type { HandoffService } from './service.ts';

/** Renders a library template for an issue; null when no template has that name. */
export interface HandoffTemplates {
  textFor(name: string, issue: Issue): Promise<string | null>;
}

export interface HandoffTrace {
  kind: 'handoff';
  to: HandoffNodeData['to'];
  handoffId?: string;
  offeredTo?: HandoffNodeData['to'];
  expiresAt?: string;
  status?: HandoffStatus;
  error?: string;
}

export function handoffKind(
  handoffs: HandoffService,
  templates?: HandoffTemplates,
): NodeKind<HandoffNodeData, null, HandoffTrace> {
  return {
    type: 'handoff',
    title: 'Handoff',
    description:
      'Offers the issue to an agent, a team or the best agent of a queue, with a brief quoted from the timeline, and waits: accepted, declined or expired (its own timeout). failed: nobody could be offered it.',
    category: 'action',
    icon: '⇆',
    color: '#7c4dff',
    pauses: true,
    dataSchema: { $ref: 'https://schemas.baton.dev/support-nodes.schema.json#/$defs/handoff' },
    outputs: [
      { handle: 'accepted', label: 'Accepted' },
      { handle: 'declined', label: 'Declined' },
      { handle: 'expired', label: 'Expired' },
      { handle: 'failed', label: 'Nobody to offer it to' },
    ],
    check(data) {
      const problems: KindProblem[] = [];
      if (!data.to.agentId && !data.to.teamId && !data.to.queue) {
        problems.push({ pointer: '/to', code: 'no-target', message: 'name an agent, a team or a queue' });
      }
      if (!data.reason && !data.templateName) {
        problems.push({ pointer: '/reason', code: 'no-reason', message: 'give a reason or pick a template' });
      }
      if (data.expiresIn !== undefined && !parseDuration(data.expiresIn)) {
        problems.push({
          pointer: '/expiresIn',
          code: 'invalid-duration',
          message: 'an offer must stand for longer than zero',
        });
      }
      return problems;
    },
    async run(ctx) {
      const { to, expiresIn, templateName } = ctx.data;
      const trace: HandoffTrace = { kind: 'handoff', to };
      let reason = ctx.data.reason ?? '';
      if (templateName) {
        const text = templates ? await templates.textFor(templateName, ctx.issue) : null;
        if (text === null)
          return {
            handle: 'failed',
            trace: { ...trace, error: `no template named "${templateName}" in the Template Library` },
          };
        // The reason field holds at most 2000 characters; a long introduction is cut, not refused.
        reason = (reason ? `${reason}\n\n${text}` : text).slice(0, 2000);
      }
      try {
        const handoff = await ctx.effects.act(
          'handoff.offer',
          { to, reason, ...(expiresIn ? { expiresIn } : {}) },
          (actor, cause) =>
            handoffs.create(
              ctx.issue.id,
              { to, reason, ...(expiresIn ? { expiresIn } : {}), onExpire: 'none' },
              actor,
              { runId: ctx.run.id, cause },
            ),
        );
        if (handoff)
          Object.assign(trace, {
            handoffId: handoff.id,
            offeredTo: handoff.to,
            expiresAt: handoff.expiresAt,
          });
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        return { handle: 'failed', trace: { ...trace, error: err.detail } };
      }
      return { park: { event: 'handoff.settled' }, trace };
    },
    async onEvent(ctx) {
      const { runId, status, handoffId } = ctx.event.payload as {
        runId?: string;
        status?: HandoffStatus;
        handoffId?: string;
      };
      if (runId !== ctx.run.id || (status !== 'accepted' && status !== 'declined' && status !== 'expired'))
        return null;
      return {
        handle: status,
        trace: { kind: 'handoff', to: ctx.data.to, ...(handoffId ? { handoffId } : {}), status },
      };
    },
  };
}
