/**
 * SMS through a Twilio-compatible REST API. The message is the subject and text, cut to the
 * configured length; `I-Twilio-Idempotency-Token` carries the idempotency key. Twilio's error codes
 * for numbers that can never receive (invalid, unsubscribed, landline) are permanent; throttling and
 * server errors are retried, honouring Retry-After.
 */
import { definePlugin, deliveryFromError, deliveryFromResponse, PluginConfigError } from '@baton/plugin-sdk';

interface SmsSettings {
  apiBaseUrl: string;
  accountSid: string;
  from?: string;
  messagingServiceSid?: string;
  maxLength: number;
}

export function smsBody(subject: string | undefined, text: string, max: number): string {
  const full = subject && !text.startsWith(subject) ? `${subject}: ${text}` : text;
  const flat = full.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export default definePlugin<SmsSettings>({
  name: 'sms',
  capabilities: [
    {
      kind: 'notifier',
      channel: 'sms',
      async send(message, ctx) {
        const s = ctx.settings;
        if (!s.from && !s.messagingServiceSid)
          throw new PluginConfigError('plugin sms: set either from or messagingServiceSid');
        const form = new URLSearchParams({
          To: message.to.address,
          Body: smsBody(message.subject, message.text, s.maxLength ?? 640),
        });
        if (s.messagingServiceSid) form.set('MessagingServiceSid', s.messagingServiceSid);
        else form.set('From', s.from!);
        const base = (s.apiBaseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
        const basic = Buffer.from(`${s.accountSid}:${ctx.secrets.require('authToken')}`).toString('base64');
        let res: Response;
        try {
          res = await ctx.http.fetch(
            `${base}/2010-04-01/Accounts/${encodeURIComponent(s.accountSid)}/Messages.json`,
            {
              method: 'POST',
              headers: {
                authorization: `Basic ${basic}`,
                'i-twilio-idempotency-token': message.idempotencyKey,
                accept: 'application/json',
              },
              body: form,
            },
          );
        } catch (err) {
          return deliveryFromError(err, 'the SMS provider');
        }
        const text = await res.text();
        let body: { sid?: string; code?: number; message?: string } = {};
        try {
          body = JSON.parse(text);
        } catch {}
        const result = deliveryFromResponse(res, {
          ...(body.sid ? { externalId: body.sid } : {}),
          now: ctx.now(),
          what: 'the SMS provider',
        });
        if (result.status !== 'delivered' && body.message) {
          return {
            ...result,
            reason: `${result.reason}: ${body.code ? `${body.code} ` : ''}${body.message}`.slice(0, 2000),
          };
        }
        return result;
      },
    },
  ],
});
