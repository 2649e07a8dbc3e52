/**
 * Email notifier: each notification as one email with an HTML and a plain-text part, over SMTP.
 * Without an HTML template the text is turned into simple, escaped HTML. The Message-ID comes from
 * the idempotency key, so a retried send is the same message to every mail system that deduplicates.
 */
import { definePlugin } from '@baton/plugin-sdk';
import { messageIdFor, type SmtpSettings, sendEmail, textToHtml, wrapHtml } from './smtp.ts';

export default definePlugin<SmtpSettings>({
  name: 'email',
  capabilities: [
    {
      kind: 'notifier',
      channel: 'email',
      send(message, ctx) {
        const subject = message.subject ?? message.text.split('\n')[0]!.slice(0, 200);
        const links = [message.links.issue ? `Open in Baton: ${message.links.issue}` : ''].filter(Boolean);
        const text = [message.text, ...links].join('\n\n');
        const html = wrapHtml(message.html ?? textToHtml(text), subject);
        return sendEmail(ctx, {
          to: message.to.name
            ? `"${message.to.name.replaceAll('"', '')}" <${message.to.address}>`
            : message.to.address,
          subject,
          text,
          html,
          messageId: messageIdFor(message, ctx.settings.from),
          headers: { 'X-Baton-Notification': message.id },
        });
      },
    },
  ],
});
