/**
 * Webhook notifier: each notification is POSTed as JSON to its address. Receivers can trust it:
 * `X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (reject old
 * timestamps to stop replays), and deduplicate it: `Idempotency-Key` is the same on every attempt.
 * The URL goes through the SSRF guard: private, loopback and link-local addresses are refused
 * unless the instance allows them (BATON_EGRESS_ALLOW_PRIVATE).
 */
import {
  definePlugin,
  deliveryFromError,
  deliveryFromResponse,
  SIGNATURE_HEADER,
  signPayload,
} from '@baton/plugin-sdk';

export interface WebhookSettings {
  timeoutMs: number;
}

export default definePlugin<WebhookSettings>({
  name: 'webhook',
  capabilities: [
    {
      kind: 'notifier',
      channel: 'webhook',
      async send(message, ctx) {
        const secret = ctx.secrets.require('signingSecret');
        const body = JSON.stringify({
          id: message.id,
          idempotencyKey: message.idempotencyKey,
          type: 'notification',
          urgency: message.urgency,
          ...(message.subject ? { subject: message.subject } : {}),
          text: message.text,
          ...(message.issue ? { issue: message.issue } : {}),
          ...(message.data ? { data: message.data } : {}),
          links: message.links,
          attempt: message.attempt,
          createdAt: message.createdAt,
        });
        const timestamp = Math.floor(ctx.now().getTime() / 1000);
        try {
          const res = await ctx.http.fetch(message.to.address, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': `Baton-Webhook/${ctx.plugin.version}`,
              'idempotency-key': message.idempotencyKey,
              'x-baton-notification': message.id,
              [SIGNATURE_HEADER]: signPayload(secret, body, timestamp),
            },
            body,
            timeoutMs: ctx.settings.timeoutMs ?? 10_000,
          });
          await res.arrayBuffer();
          return deliveryFromResponse(res, {
            externalId: res.headers.get('x-request-id') ?? message.idempotencyKey,
            now: ctx.now(),
            what: 'the webhook receiver',
          });
        } catch (err) {
          return deliveryFromError(err, 'the webhook receiver');
        }
      },
    },
  ],
});
