/**
 * Notification routes: queue and inspect the outbox, redeliver dead letters, acknowledge; each
 * person's in-app inbox and live stream (Server-Sent Events) and notification policy; and the
 * public customer status pages under /status/:token.
 */
import type {
  Notification,
  NotificationCreate,
  NotificationListQuery,
  NotificationPolicyUpdate,
} from '@baton/schemas';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { principalKey } from '../auth/principal.ts';
import { ADMIN_ONLY, type Role, WORK_ISSUES } from '../auth/roles.ts';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import type { NotifyService } from './service.ts';
import { STATUS_TOKEN_PATTERN } from './status-pages.ts';

/** Who may read the whole outbox. */
const READ_OUTBOX: readonly Role[] = ['agent', 'integrator'];
/** Who may redeliver dead letters. */
const OPERATE_OUTBOX: readonly Role[] = ['integrator'];

type Id = { Params: { id: string } };

const HEARTBEAT_MS = 25_000;

export async function notifyRoutes(app: FastifyInstance, { notify }: { notify: NotifyService }) {
  const created = {
    type: 'object',
    required: ['items', 'skipped'],
    properties: {
      items: { type: 'array', items: ref('notification') },
      skipped: {
        type: 'array',
        items: { type: 'object', properties: { channel: { type: 'string' }, reason: { type: 'string' } } },
      },
    },
  } as const;

  app.post<{ Body: NotificationCreate }>(
    '/api/notifications',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['notifications'],
        summary:
          'Queue a notification: one per channel of the recipient’s policy, delivered by the worker (202)',
        body: ref('api/notification-create'),
        response: { 202: created, ...errorResponses, 422: problemResponse },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { to, issueId, urgency, template, vars, idempotencyKey, ack, escalate } = request.body;
      const result = await notify.send({
        to,
        template,
        ...(issueId ? { issueId } : {}),
        ...(urgency ? { urgency } : {}),
        ...(vars ? { vars } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(ack !== undefined ? { ack } : {}),
        ...(escalate ? { escalate } : {}),
        source: { kind: 'api', principalId: principal.id },
      });
      return reply.code(202).send({ items: result.notifications, skipped: result.skipped });
    },
  );

  app.get<{ Querystring: NotificationListQuery }>(
    '/api/notifications',
    {
      config: { access: READ_OUTBOX },
      schema: {
        tags: ['notifications'],
        summary: 'The outbox, newest first: status, attempts, errors, external ids',
        querystring: ref('api/notification-list-query'),
        response: { 200: page(ref('notification')), ...errorResponses },
      },
    },
    async (request) => notify.outbox.list(request.query),
  );

  app.get<Id>(
    '/api/notifications/:id',
    {
      config: { access: READ_OUTBOX },
      schema: {
        tags: ['notifications'],
        params: idParams,
        response: { 200: ref('notification'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => notify.get(request.params.id),
  );

  app.post<Id>(
    '/api/notifications/:id/redeliver',
    {
      config: { access: OPERATE_OUTBOX },
      schema: {
        tags: ['notifications'],
        summary: 'Queue a dead (or cancelled) notification again, due now, with a fresh attempt budget',
        params: idParams,
        response: { 200: ref('notification'), ...errorResponses, 404: problemResponse, 409: problemResponse },
      },
    },
    async (request) => {
      const notification = await notify.outbox.redeliver(request.params.id);
      notify.worker.wake();
      return notification;
    },
  );

  app.post<Id>(
    '/api/notifications/:id/ack',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary:
          'Acknowledge: stops the escalation of this notification and of its siblings from the same request',
        params: idParams,
        response: { 200: ref('notification'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const notification = await notify.get(request.params.id);
      if (!notify.mayAck(notification, principal)) {
        throw new ProblemError(
          'forbidden',
          'only the recipient (or an admin or integration acting for them) may acknowledge this notification',
        );
      }
      return notify.ack(notification.id, principalKey(principal));
    },
  );

  app.get<{ Querystring: NotificationListQuery }>(
    '/api/me/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'My in-app notifications, newest first',
        querystring: ref('api/page-query'),
        response: { 200: page(ref('notification')), ...errorResponses },
      },
    },
    async (request) =>
      notify.outbox.list({ ...request.query, channel: 'in-app', address: principalOf(request).id }),
  );

  app.get(
    '/api/me/notifications/stream',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary:
          'My in-app notifications, live (text/event-stream). Send Last-Event-ID to get what was missed. Authenticate with the Authorization header (read it with fetch streaming).',
      },
    },
    async (request, reply) => {
      const userId = principalOf(request).id;
      const lastEventId = request.headers['last-event-id'];
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      const send = (id: string, data: unknown) =>
        res.write(`id: ${id}\nevent: notification\ndata: ${JSON.stringify(data)}\n\n`);
      const unsubscribe = notify.inApp.subscribe(userId, (push) => send(push.notificationId, push));
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      };
      streams.set(res, close);
      request.raw.on('close', close);
      if (typeof lastEventId === 'string' && /^ntf_[0-9A-Z]{26}$/.test(lastEventId)) {
        const missed = await notify.outbox.collection.find(
          { channel: 'in-app', address: userId, status: 'delivered', _id: { $gt: lastEventId } },
          { sort: { _id: 1 }, limit: 200 },
        );
        for (const doc of missed)
          send(doc._id, inAppView(doc as unknown as Notification & { _id: string }, userId));
      }
    },
  );
  const streams = new Map<FastifyReply['raw'], () => void>();
  app.addHook('preClose', async () => {
    for (const [res, close] of streams) {
      close();
      res.end();
    }
  });

  app.get(
    '/api/me/notification-policy',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['notifications'], response: { 200: ref('notification-policy'), ...errorResponses } },
    },
    async (request) => {
      const { stored: _stored, ...policy } = await notify.policies.get(signedInUser(request));
      return policy;
    },
  );

  app.put<{ Body: NotificationPolicyUpdate }>(
    '/api/me/notification-policy',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Replace my notification policy: channels per urgency, addresses, quiet hours, escalation',
        body: ref('api/notification-policy-update'),
        response: { 200: ref('notification-policy'), ...errorResponses },
      },
    },
    async (request) => notify.policies.put(signedInUser(request), request.body),
  );

  app.get<{ Params: { id: string } }>(
    '/api/notification-policies/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['notifications'],
        params: idParams,
        response: { 200: ref('notification-policy'), ...errorResponses },
      },
    },
    async (request) => {
      const { stored: _stored, ...policy } = await notify.policies.get(request.params.id);
      return policy;
    },
  );

  app.put<{ Params: { id: string }; Body: NotificationPolicyUpdate }>(
    '/api/notification-policies/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['notifications'],
        summary: "Replace a user's (or a sign-in-less agent's) notification policy",
        params: idParams,
        body: ref('api/notification-policy-update'),
        response: { 200: ref('notification-policy'), ...errorResponses },
      },
    },
    async (request) => notify.policies.put(request.params.id, request.body),
  );

  app.get<{ Params: { token: string } }>(
    '/status/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['status'],
        summary: "A customer's public status page for their issue (HTML; JSON with Accept: application/json)",
      },
    },
    async (request, reply) => {
      const token = request.params.token;
      const status = STATUS_TOKEN_PATTERN.test(token) ? await notify.statusPages.read(token) : null;
      reply.headers({
        'cache-control': 'no-store',
        'x-robots-tag': 'noindex, nofollow',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      if (!status) throw new ProblemError('not-found', 'no status page here');
      if (request.headers.accept?.includes('application/json')) return status;
      return reply.type('text/html; charset=utf-8').send(await notify.statusPages.render(status));
    },
  );
}

function signedInUser(request: Parameters<typeof principalOf>[0]): string {
  const principal = principalOf(request);
  if (principal.kind !== 'user') {
    throw new ProblemError(
      'forbidden',
      'notification policies belong to users; sign in as one (API keys and the admin token have none)',
    );
  }
  return principal.id;
}

function inAppView(doc: Notification & { _id: string }, userId: string) {
  return {
    type: 'in_app',
    userId,
    notificationId: doc._id,
    urgency: doc.urgency,
    ...(doc.message.subject ? { subject: doc.message.subject } : {}),
    text: doc.message.text,
    ...(doc.issueId ? { issueId: doc.issueId } : {}),
    ...(doc.message.links?.issue ? { link: doc.message.links.issue } : {}),
    createdAt: doc.createdAt,
  };
}
