/**
 * Live chat: the chat provider POSTs each visitor message as JSON, signed with Baton's scheme:
 *
 *   { "conversationId": "c-123", "message": { "id": "m-1", "text": "…", "sentAt": "…" },
 *     "visitor": { "id": "v-9", "email": "…", "name": "…" }, "subject": "optional" }
 *
 * The conversation is the thread: its first message opens an issue, later ones join it; a message
 * delivered twice is applied once.
 */
import { definePlugin, field, InvalidPayloadError, jsonBody, verifyBatonSignature } from '@baton/plugin-sdk';

export default definePlugin<{ toleranceSec: number }>({
  name: 'live-chat',
  capabilities: [
    {
      kind: 'ingest',
      routes: [
        {
          method: 'POST',
          path: '/messages',
          verify: verifyBatonSignature,
          handle(request) {
            const body = jsonBody(request);
            const conversation = field(body, 'conversationId', 'string', true);
            const messageId = field(body, 'message.id', 'string', true);
            const text = field(body, 'message.text', 'string', true);
            const sentAt = field(body, 'message.sentAt', 'string');
            const visitorId = field(body, 'visitor.id', 'string');
            const email = field(body, 'visitor.email', 'string');
            const name = field(body, 'visitor.name', 'string');
            if (!visitorId && !email)
              throw new InvalidPayloadError('visitor.id or visitor.email is required');
            const at =
              sentAt && !Number.isNaN(Date.parse(sentAt)) ? new Date(sentAt).toISOString() : undefined;
            return {
              events: [
                {
                  type: 'message',
                  channel: 'chat',
                  messageKey: `chat:${conversation}:${messageId}`.slice(0, 500),
                  threadKey: `chat:${conversation}`.slice(0, 500),
                  from: {
                    ...(visitorId ? { externalId: `chat:${visitorId}`.slice(0, 200) } : {}),
                    ...(email ? { email: email.toLowerCase() } : {}),
                    ...(name ? { name: name.slice(0, 200) } : {}),
                  },
                  ...(typeof body.subject === 'string' && body.subject
                    ? { subject: body.subject.slice(0, 300) }
                    : {}),
                  text: text.slice(0, 100_000),
                  ...(at ? { at } : {}),
                },
              ],
            };
          },
        },
      ],
    },
  ],
});
