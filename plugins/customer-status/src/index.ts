/**
 * Customer status updates: an email to the customer with the update and a link to the issue's public
 * status page. Every update of one issue carries the same References header, so the customer's mail
 * client shows them as one conversation; Reply-To can point at the inbound email address, so a reply
 * comes back onto the issue.
 */
import { messageIdFor, type SmtpSettings, sendEmail, textToHtml, wrapHtml } from '@baton/plugin-email/smtp';
import { definePlugin } from '@baton/plugin-sdk';

interface CustomerStatusSettings extends SmtpSettings {
  signature: string;
}

export default definePlugin<CustomerStatusSettings>({
  name: 'customer-status',
  capabilities: [
    {
      kind: 'notifier',
      channel: 'customer-status',
      send(message, ctx) {
        const subject =
          message.subject ??
          (message.issue ? `Update on your request: ${message.issue.subject}` : 'An update on your request');
        const statusPage = message.links.statusPage;
        const signature = ctx.settings.signature ?? '';
        const text = [
          message.text,
          statusPage ? `Follow your request at any time: ${statusPage}` : '',
          signature,
        ]
          .filter(Boolean)
          .join('\n\n');
        const body = [
          message.html ?? textToHtml(message.text),
          statusPage
            ? `<p><a href="${statusPage}" style="display:inline-block;padding:8px 16px;background:#0969da;color:#fff;border-radius:6px;text-decoration:none">See the status of your request</a></p>`
            : '',
          signature ? textToHtml(signature) : '',
        ].join('\n');
        const domain = /@([A-Za-z0-9.-]+)/.exec(ctx.settings.from)?.[1] ?? 'baton.invalid';
        const thread = message.issue ? `issue-${message.issue.id}@${domain}` : undefined;
        return sendEmail(ctx, {
          to: message.to.name
            ? `"${message.to.name.replaceAll('"', '')}" <${message.to.address}>`
            : message.to.address,
          subject,
          text,
          html: wrapHtml(body, subject),
          messageId: messageIdFor(message, ctx.settings.from),
          ...(thread ? { inReplyTo: thread, references: [thread] } : {}),
          headers: { 'X-Baton-Notification': message.id },
        });
      },
    },
  ],
});
