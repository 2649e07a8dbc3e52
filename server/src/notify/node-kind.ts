/**
 * The `notify` node kind: tells someone through the outbox (never inline). The recipient is a user,
 * an agent, the issue's assignee, the issue's customer (a status update) or an address on a
 * channel; the template is Liquid, rendered per channel with the issue, its customer and assignee,
 * links, and whatever the triggering event carries (a handoff's brief, an SLA clock, …) as
 * variables. The idempotency key is the run and the node, so a run that passes the node again after
 * a restart queues nothing twice. In a dry run (simulate, replay) it resolves and renders, and
 * queues nothing.
 *
 * The message is either written in the node (`template`) or named from the Template Library
 * (`templateName`), resolved when the node runs so that an edited template takes effect without
 * republishing the flow. A name that resolves to nothing takes the `failed` handle.
 */
import type { NotificationTemplate, NotificationUrgency, NotifyNodeData } from '@baton/schemas';
import type { KindProblem, NodeKind } from '../engine/registry.ts';
import { ProblemError } from '../http/problem.ts';
import { type NotifyService, PRIORITY_URGENCY } from './service.ts';

/**
 * Where named templates come from (the Template Library). Declared here, not imported from the
 * templates module, which itself renders with notify's engine: the dependency runs one way.
 */
export interface TemplateSource {
  byName(name: string): Promise<{ body: NotificationTemplate } | null>;
}

export interface NotifyTrace {
  kind: 'notify';
  /** false in a dry run: resolved and rendered, not queued. */
  queued: boolean;
  urgency: NotificationUrgency;
  notifications: {
    id: string;
    channel: string;
    address: string;
    subject?: string;
    dueAt: string;
    deferred: boolean;
  }[];
  skipped: { channel: string; reason: string }[];
  /** Why nobody could be told (the `failed` handle). */
  error?: string;
}

export function notifyKind(
  notify: NotifyService,
  library?: TemplateSource,
): NodeKind<NotifyNodeData, null, NotifyTrace> {
  return {
    type: 'notify',
    title: 'Notify',
    description:
      'Tells a person, an agent, the assignee, the customer (a status update) or an address — on the channels their policy picks for the urgency, outside their quiet hours, and escalated when nobody acknowledges.',
    category: 'action',
    icon: '✉',
    color: '#0e8fa8',
    dataSchema: { $ref: 'https://schemas.baton.dev/notify-node.schema.json' },
    outputs: [
      { handle: 'sent', label: 'Queued' },
      { handle: 'failed', label: 'Nobody to tell' },
    ],
    check(data) {
      if (!data.template) {
        return data.templateName
          ? []
          : [{ pointer: '/template', code: 'no-template', message: 'write a message or pick a template' }];
      }
      return notify.templates
        .check(data.template)
        .map(
          (p): KindProblem => ({ pointer: `/template/${p.field}`, code: 'invalid-data', message: p.message }),
        );
    },
    async run(ctx) {
      const { to, ack, escalate, templateName } = ctx.data;
      const urgency: NotificationUrgency =
        !ctx.data.urgency || ctx.data.urgency === 'from_priority'
          ? PRIORITY_URGENCY[ctx.issue.priority]
          : ctx.data.urgency;
      let template: NotificationTemplate | undefined = ctx.data.template;
      if (!template && templateName) template = (await library?.byName(templateName))?.body;
      if (!template) {
        const error = templateName
          ? `no template named "${templateName}" in the Template Library`
          : 'the node has no message';
        return {
          handle: 'failed',
          trace: { kind: 'notify', queued: false, urgency, notifications: [], skipped: [], error },
        };
      }
      const request = {
        to,
        template,
        issueId: ctx.issue.id,
        urgency,
        vars: { ...ctx.event.payload, event: { type: ctx.event.type } },
        idempotencyKey: `flow:${ctx.run.id}:${ctx.node.id}`,
        ...(ack !== undefined ? { ack } : {}),
        ...(escalate ? { escalate } : {}),
        source: { kind: 'flow' as const, flowId: ctx.flow.id, runId: ctx.run.id, nodeId: ctx.node.id },
      };
      let result: Awaited<ReturnType<NotifyService['send']>>;
      let queued = false;
      try {
        const live = await ctx.effects.act('notify.send', { to, urgency }, () => notify.send(request));
        queued = live !== null;
        result = live ?? (await notify.send({ ...request, dryRun: true }));
      } catch (err) {
        // No recipient (no assignee, unknown user, no address): a path for the flow, not a crash.
        if (err instanceof ProblemError && (err.kind === 'unprocessable' || err.kind === 'not-found')) {
          return {
            handle: 'failed',
            trace: {
              kind: 'notify',
              queued: false,
              urgency,
              notifications: [],
              skipped: [],
              error: err.detail,
            },
          };
        }
        throw err;
      }
      const trace: NotifyTrace = {
        kind: 'notify',
        queued,
        urgency,
        notifications: result.notifications.map((n) => ({
          id: n.id,
          channel: n.channel,
          address: n.address,
          ...(n.message.subject ? { subject: n.message.subject } : {}),
          dueAt: n.dueAt,
          deferred: Boolean(n.deferral),
        })),
        skipped: result.skipped,
      };
      if (!result.notifications.length)
        return { handle: 'failed', trace: { ...trace, error: 'no channel of the recipient could be used' } };
      return { handle: 'sent', trace };
    },
  };
}
