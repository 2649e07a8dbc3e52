/**
 * Inbound email: a mail gateway POSTs each raw message (RFC 822) to /hooks/inbound-email/inbound,
 * signed with Baton's scheme. mailparser reads it (MIME, encodings, charsets, HTML-only mail turned
 * into text); the Message-ID becomes the message key, In-Reply-To and References the keys it
 * answers, nearest first — which is what threads a reply into its issue.
 */

import { createHash } from 'node:crypto';
import type { InboundEvent } from '@baton/plugin-sdk';
import { definePlugin, InvalidPayloadError, SIGNATURE_HEADER, verifyPayload } from '@baton/plugin-sdk';
import { convert } from 'html-to-text';
import { type AddressObject, simpleParser } from 'mailparser';

interface InboundEmailSettings {
  toleranceSec: number;
  tags: string[];
}

const MAX_BYTES = 10 * 1024 * 1024;

/** `<abc@host>` → `email:abc@host` */
export function emailKey(messageId: string): string {
  return `email:${messageId.trim().replace(/^<|>$/g, '').slice(0, 480)}`;
}

/** Message ids from a header value (mailparser gives a string or a list, with or without brackets). */
function ids(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const all = (Array.isArray(value) ? value : [value]).flatMap(
    (v) => v.match(/<[^<>\s]+>|[^<>\s,]+@[^<>\s,]+/g) ?? [],
  );
  return all.map(emailKey);
}

function sender(from: AddressObject | undefined): { email?: string; name?: string } {
  const first = from?.value?.[0];
  return {
    ...(first?.address ? { email: first.address.toLowerCase() } : {}),
    ...(first?.name ? { name: first.name.slice(0, 200) } : {}),
  };
}

export default definePlugin<InboundEmailSettings>({
  name: 'inbound-email',
  capabilities: [
    {
      kind: 'ingest',
      routes: [
        {
          method: 'POST',
          path: '/inbound',
          verify(request, ctx) {
            return verifyPayload({
              secret: ctx.secrets.require('signingSecret'),
              header: request.headers[SIGNATURE_HEADER],
              body: request.rawBody,
              now: ctx.now(),
              toleranceSec: ctx.settings.toleranceSec ?? 300,
            });
          },
          async handle(request, ctx) {
            if (!request.rawBody.length)
              throw new InvalidPayloadError('the body is empty: post the raw message');
            if (request.rawBody.length > MAX_BYTES)
              throw new InvalidPayloadError('the message is larger than 10 MiB');
            const mail = await simpleParser(request.rawBody, { skipImageLinks: true, skipTextToHtml: true });
            const from = sender(mail.from);
            if (!from.email) throw new InvalidPayloadError('the message has no From address');
            // HTML-only mail (common from phones and web mail) is read as text, links kept.
            const html = typeof mail.html === 'string' ? mail.html : '';
            const body = (mail.text ?? '').trim() || (html ? convert(html, { wordwrap: false }).trim() : '');
            const text = body || (mail.subject ?? '').trim();
            if (!text) throw new InvalidPayloadError('the message has neither text nor a subject');
            const messageKey = mail.messageId
              ? emailKey(mail.messageId)
              : `email:sha256:${createHash('sha256').update(request.rawBody).digest('hex')}`;
            const references = ids(mail.references).reverse();
            const replyTo = [...new Set([...ids(mail.inReplyTo), ...references])]
              .filter((k) => k !== messageKey)
              .slice(0, 100);
            ctx.log.debug('inbound email', { messageKey, replyTo: replyTo.length });
            const event: InboundEvent = {
              type: 'message',
              channel: 'email',
              messageKey,
              ...(replyTo.length ? { replyTo } : {}),
              from,
              ...(mail.subject ? { subject: mail.subject.slice(0, 300) } : {}),
              text: text.slice(0, 100_000),
              ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { at: mail.date.toISOString() } : {}),
              ...(ctx.settings.tags?.length ? { tags: ctx.settings.tags } : {}),
            };
            return { events: [event] };
          },
        },
      ],
    },
  ],
});
