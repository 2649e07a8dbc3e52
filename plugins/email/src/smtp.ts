/**
 * Sending one email over SMTP with nodemailer, shared by the email and customer-status notifiers.
 * The SMTP host passes the same egress and SSRF checks as HTTP (`ctx.http.assertAllowed`) before a
 * connection is opened. SMTP replies decide what happens next: 4xx is temporary (retry), 5xx is
 * permanent (dead letter) — as the protocol means them.
 */
import type { DeliveryResult, OutboundMessage, PluginContext } from '@baton/plugin-sdk';
import { createTransport } from 'nodemailer';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  from: string;
  replyTo?: string;
  timeoutMs: number;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
}

/** A Message-ID from the idempotency key: the same notification always has the same id. */
export function messageIdFor(message: OutboundMessage, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'baton.invalid';
  const local = message.idempotencyKey
    .replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '_')
    .replace(/^\.+|\.+$/g, '');
  return `${local || message.id}@${domain}`;
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Plain text as simple, safe HTML: escaped, paragraphs and line breaks kept, URLs linked. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
          .replaceAll('\n', '<br>')}</p>`,
    )
    .join('\n');
}

export function wrapHtml(body: string, title: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font:15px/1.5 system-ui,sans-serif;color:#1f2328">${body}</body></html>`;
}

export async function sendEmail(ctx: PluginContext<SmtpSettings>, email: Email): Promise<DeliveryResult> {
  const s = ctx.settings;
  try {
    await ctx.http.assertAllowed(s.host);
  } catch (err) {
    return { status: 'failed', reason: (err as Error).message };
  }
  const user = ctx.secrets.get('username');
  const pass = ctx.secrets.get('password');
  const transport = createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    requireTLS: s.requireTls,
    ...(user ? { auth: { user, pass: pass ?? '' } } : {}),
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: s.from,
      ...(s.replyTo ? { replyTo: s.replyTo } : {}),
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<${email.messageId}>`,
      ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
      ...(email.references?.length ? { references: email.references.map((r) => `<${r}>`) } : {}),
      headers: { 'Auto-Submitted': 'auto-generated', ...(email.headers ?? {}) },
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length && !(info.accepted ?? []).length)
      return { status: 'failed', reason: `the server rejected ${rejected.join(', ')}` };
    return {
      status: 'delivered',
      externalId: String(info.messageId ?? `<${email.messageId}>`).slice(0, 500),
    };
  } catch (err) {
    return fromSmtpError(err as Error & { responseCode?: number; code?: string; response?: string });
  } finally {
    transport.close();
  }
}

export function fromSmtpError(
  err: Error & { responseCode?: number; code?: string; response?: string },
): DeliveryResult {
  const reason = `SMTP: ${err.response ?? err.message}`.slice(0, 2000);
  const code = err.responseCode;
  // The reply code decides when there is one (a 451 on RCPT is temporary even as EENVELOPE).
  if (typeof code === 'number' && code >= 400 && code < 500) return { status: 'retry', reason };
  if (typeof code === 'number' && code >= 500 && code < 600) return { status: 'failed', reason };
  if (err.code === 'EAUTH' || err.code === 'EENVELOPE') return { status: 'failed', reason };
  return { status: 'retry', reason };
}
