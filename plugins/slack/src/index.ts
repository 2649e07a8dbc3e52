/**
 * Slack: notifications as Block Kit messages (chat.postMessage) with an Acknowledge button; button
 * clicks come back on /hooks/slack/interactions, verified with the app's signing secret, and become
 * acknowledgements in Baton (which stop escalations); a `slack.war-room` node opens a channel for an
 * issue (conversations.create), invites people and posts the issue into it. The Web API base URL is
 * a setting, so a proxy — or a test server — can stand in for slack.com.
 */
import {
  definePlugin,
  InvalidPayloadError,
  type PluginNodeKind,
  verifySlackRequest,
} from '@baton/plugin-sdk';
import { callSlack } from './api.ts';
import { ACK_ACTION, notificationBlocks } from './blocks.ts';

export interface SlackSettings {
  apiBaseUrl: string;
  warRoomPrefix: string;
}

interface WarRoomData {
  private?: boolean;
  invite?: string[];
  topic?: string;
}

const warRoom: PluginNodeKind<WarRoomData, SlackSettings> = {
  type: 'slack.war-room',
  title: 'Slack war room',
  description:
    'Opens a Slack channel for the issue (war-<issue>), invites people and posts the issue into it.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      private: { type: 'boolean', default: false },
      invite: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[UW][A-Z0-9]{2,20}$' } },
      topic: { type: 'string', maxLength: 250 },
    },
  },
  outputs: [
    { handle: 'created', label: 'Created' },
    { handle: 'failed', label: 'Failed' },
  ],
  async run({ data, issue, dryRun }, ctx) {
    const name =
      `${ctx.settings.warRoomPrefix ?? 'war'}-${issue.id.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`.slice(
        0,
        80,
      );
    if (dryRun) return { handle: 'created', trace: { name, dryRun: true } };
    const created = await callSlack(ctx, 'conversations.create', { name, is_private: data.private ?? false });
    if (!created.ok) {
      if (created.error === 'name_taken') return { handle: 'created', trace: { name, existing: true } };
      return {
        handle: 'failed',
        trace: { name, error: created.result.status === 'delivered' ? 'unknown' : created.result.reason },
      };
    }
    const channel = (created.body.channel as { id?: string } | undefined)?.id;
    if (!channel)
      return { handle: 'failed', trace: { name, error: 'conversations.create returned no channel id' } };
    const steps: Record<string, string> = {};
    if (data.topic) {
      const topic = await callSlack(ctx, 'conversations.setTopic', { channel, topic: data.topic });
      if (!topic.ok) steps.topic = topic.error ?? 'failed';
    }
    if (data.invite?.length) {
      const invited = await callSlack(ctx, 'conversations.invite', { channel, users: data.invite.join(',') });
      if (!invited.ok) steps.invite = invited.error ?? 'failed';
    }
    const link = `${ctx.publicUrl}/issues/${issue.id}`;
    const posted = await callSlack(ctx, 'chat.postMessage', {
      channel,
      text: `War room for ${issue.subject} (${issue.id})`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `War room: ${issue.subject}`.slice(0, 150) } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `*${issue.priority}* priority · status ${issue.status} · <${link}|${issue.id}>`,
          },
        },
      ],
    });
    if (!posted.ok) steps.post = posted.error ?? 'failed';
    return {
      handle: 'created',
      trace: { name, channel, ...(Object.keys(steps).length ? { problems: steps } : {}) },
    };
  },
};

export default definePlugin<SlackSettings>({
  name: 'slack',
  capabilities: [
    {
      kind: 'notifier',
      channel: 'slack',
      async send(message, ctx) {
        const answer = await callSlack(ctx, 'chat.postMessage', {
          channel: message.to.address,
          text: message.subject ? `${message.subject}\n${message.text}` : message.text,
          blocks: notificationBlocks(message),
          unfurl_links: false,
          metadata: {
            event_type: 'baton_notification',
            event_payload: { notification_id: message.id, idempotency_key: message.idempotencyKey },
          },
        });
        if (!answer.ok) return answer.result;
        const channel = typeof answer.body.channel === 'string' ? answer.body.channel : message.to.address;
        return { status: 'delivered', externalId: `${channel}:${String(answer.body.ts ?? '')}` };
      },
    },
    {
      kind: 'ingest',
      routes: [
        {
          method: 'POST',
          path: '/interactions',
          verify(request, ctx) {
            return verifySlackRequest({
              signingSecret: ctx.secrets.require('signingSecret'),
              timestamp: request.headers['x-slack-request-timestamp'],
              signature: request.headers['x-slack-signature'],
              body: request.rawBody,
              now: ctx.now(),
            });
          },
          async handle(request, ctx) {
            const raw = new URLSearchParams(request.rawBody.toString('utf8')).get('payload');
            if (!raw)
              throw new InvalidPayloadError('expected a form with a payload field (Slack interactivity)');
            let payload: {
              type?: string;
              user?: { id?: string; username?: string; name?: string };
              actions?: { action_id?: string; value?: string }[];
              response_url?: string;
            };
            try {
              payload = JSON.parse(raw);
            } catch {
              throw new InvalidPayloadError('the payload field is not JSON');
            }
            const who = payload.user?.username ?? payload.user?.name ?? payload.user?.id ?? 'someone';
            const acks =
              payload.type === 'block_actions'
                ? (payload.actions ?? []).filter(
                    (a) => a.action_id === ACK_ACTION && typeof a.value === 'string',
                  )
                : [];
            if (acks.length && payload.response_url) {
              // Tell the channel, in the thread of the message; best effort.
              try {
                await ctx.http.fetch(payload.response_url, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({
                    response_type: 'in_channel',
                    replace_original: false,
                    text: `Acknowledged by ${who}`,
                  }),
                  timeoutMs: 2000,
                });
              } catch (err) {
                ctx.log.warn('could not post the acknowledgement back to Slack', {
                  error: (err as Error).message,
                });
              }
            }
            return {
              events: acks.map((a) => ({
                type: 'notification_ack' as const,
                notificationId: a.value!,
                by: who.slice(0, 200),
              })),
              response: { status: 200, body: '' },
            };
          },
        },
      ],
    },
    { kind: 'node-kind', kinds: [warRoom] },
  ],
});
