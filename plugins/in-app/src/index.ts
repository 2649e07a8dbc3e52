/**
 * In-app notifier: hands the message to Baton's live hub (every open stream of the user gets it at
 * once); the inbox is the outbox entry itself, so a user who is offline reads it later and a stream
 * that reconnects catches up with Last-Event-ID.
 */
import { definePlugin } from '@baton/plugin-sdk';

export default definePlugin({
  name: 'in-app',
  capabilities: [
    {
      kind: 'notifier',
      channel: 'in-app',
      async send(message, ctx) {
        await ctx.emit({
          type: 'in_app',
          userId: message.to.address,
          notificationId: message.id,
          urgency: message.urgency,
          ...(message.subject ? { subject: message.subject } : {}),
          text: message.text,
          ...(message.issue ? { issueId: message.issue.id } : {}),
          ...(message.links.issue ? { link: message.links.issue } : {}),
          createdAt: message.createdAt,
        });
        return { status: 'delivered', externalId: `in-app:${message.id}` };
      },
    },
  ],
});
