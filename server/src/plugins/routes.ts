/**
 * Plugin routes: the admin API under /api/plugins (integrators and admins) and the inbound webhooks
 * under /hooks/:plugin/... . Webhooks are public at the auth layer — senders do not hold Baton tokens
 * — and each is verified by its plugin's signature check before anything is parsed; a bad signature
 * is a 401 problem, logged and counted in the plugin's health.
 */
import type { IngestRequest } from '@baton/plugin-sdk';
import type { PluginSecretsUpdate, PluginTestSend } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../auth/roles.ts';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, problemResponse, ref } from '../http/route-schema.ts';
import { newId } from '../shared/ids.ts';
import type { PluginHost } from './host.ts';
import type { InboundApplier } from './ingest.ts';

/** Who may see and configure plugins. */
export const MANAGE_PLUGINS: readonly Role[] = ['integrator'];

type Named = { Params: { name: string } };

export async function pluginRoutes(
  app: FastifyInstance,
  { plugins, inbound }: { plugins: PluginHost; inbound: InboundApplier },
) {
  const params = ref('api/plugin-params');

  app.get(
    '/api/plugins',
    {
      config: { access: MANAGE_PLUGINS },
      schema: {
        tags: ['plugins'],
        summary: 'Every discovered plugin with its status, health, settings schema and which secrets are set',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: ref('plugin-info') } },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ items: await plugins.list() }),
  );

  app.get<Named>(
    '/api/plugins/:name',
    {
      config: { access: MANAGE_PLUGINS },
      schema: {
        tags: ['plugins'],
        params,
        response: { 200: ref('plugin-info'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => plugins.info(request.params.name),
  );

  app.get<Named>(
    '/api/plugins/:name/settings',
    {
      config: { access: MANAGE_PLUGINS },
      schema: {
        tags: ['plugins'],
        summary: "The plugin's settings (defaults applied) and their JSON Schema",
        params,
        response: {
          200: ref('api/plugin-settings'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
        },
      },
    },
    async (request) => plugins.getSettings(request.params.name),
  );

  app.put<Named & { Body: Record<string, unknown> }>(
    '/api/plugins/:name/settings',
    {
      config: { access: MANAGE_PLUGINS },
      schema: {
        tags: ['plugins'],
        summary: "Replace the plugin's settings; validated against the plugin's settings schema",
        params,
        body: { type: 'object' },
        response: {
          200: ref('api/plugin-settings'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
        },
      },
    },
    async (request) => plugins.putSettings(request.params.name, request.body),
  );

  app.put<Named & { Body: PluginSecretsUpdate }>(
    '/api/plugins/:name/secrets',
    {
      config: { access: MANAGE_PLUGINS },
      schema: {
        tags: ['plugins'],
        summary: 'Set or clear secrets (encrypted at rest; never returned — the answer says which are set)',
        params,
        body: ref('api/plugin-secrets-update'),
        response: { 200: ref('plugin-info'), ...errorResponses, 404: problemResponse, 409: problemResponse },
      },
    },
    async (request) => plugins.putSecrets(request.params.name, request.body.secrets),
  );

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post<Named>(
      `/api/plugins/:name/${action}`,
      {
        config: { access: MANAGE_PLUGINS },
        schema: {
          tags: ['plugins'],
          summary: enabled
            ? 'Enable the plugin (at once, no restart)'
            : 'Disable the plugin: no sends, no webhooks, no node runs',
          params,
          response: {
            200: ref('plugin-info'),
            ...errorResponses,
            404: problemResponse,
            409: problemResponse,
          },
        },
      },
      async (request) => plugins.setEnabled(request.params.name, enabled),
    );
  }

  app.post<Named & { Body: PluginTestSend }>(
    '/api/plugins/:name/test',
    {
      config: { access: MANAGE_PLUGINS },
      schema: {
        tags: ['plugins'],
        summary:
          'Send one test message through this notifier plugin now (not through the outbox); the answer says whether the provider took it',
        params,
        body: ref('api/plugin-test-send'),
        response: {
          200: ref('api/plugin-test-result'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
        },
      },
    },
    async (request) => {
      const id = newId('ntf');
      const result = await plugins.sendVia(request.params.name, {
        id,
        // A fresh key per test: a provider that deduplicates must not swallow the second test.
        idempotencyKey: `test:${id}`,
        urgency: 'normal',
        to: { address: request.body.to, recipient: { kind: 'address' } },
        subject: 'Baton test message',
        text:
          request.body.text ?? 'This is a test message from Baton: the plugin is set up and can reach you.',
        links: {},
        ack: false,
        attempt: 1,
        createdAt: new Date().toISOString(),
      });
      const { plugin: _plugin, ...answer } = result;
      return answer;
    },
  );

  // Webhooks: the raw body is kept as bytes, exactly as signed, in this scope only.
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    hooks.route<{ Params: { plugin: string; '*': string }; Body: Buffer | undefined }>({
      method: ['POST', 'PUT'],
      url: '/hooks/:plugin/*',
      config: { access: 'public' },
      // Raw emails with attachments are larger than API bodies: 25 MiB, a common mail size limit.
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags: ['webhooks'],
        summary: "An inbound webhook of an ingest plugin (verified by the plugin's signature check)",
        response: {
          400: problemResponse,
          401: problemResponse,
          404: problemResponse,
          422: problemResponse,
          503: problemResponse,
        },
      },
      handler: async (request, reply) => {
        const plugin = request.params.plugin;
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(request.headers))
          headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const query: Record<string, string> = {};
        for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
          if (typeof v === 'string') query[k] = v;
        }
        const ingestRequest: IngestRequest = {
          method: request.method,
          path: `/${request.params['*']}`.replace(/\/+$/, '') || '/',
          headers,
          query,
          rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        };
        const outcome = await plugins.ingest(plugin, ingestRequest);
        switch (outcome.kind) {
          case 'not-found':
            throw new ProblemError('not-found', outcome.detail);
          case 'unavailable':
            throw new ProblemError('unavailable', outcome.detail);
          case 'bad-request':
            throw new ProblemError('bad-request', outcome.detail);
          case 'failed':
            request.log.error({ plugin, path: ingestRequest.path }, outcome.detail);
            throw new ProblemError('unavailable', outcome.detail);
          case 'replayed':
            request.log.warn({ plugin, ip: request.ip }, 'inbound webhook replayed');
            throw new ProblemError('conflict', outcome.detail);
          case 'rejected':
            // The host logged it with the reason; the request log adds who sent it.
            request.log.warn({ plugin, ip: request.ip }, 'inbound webhook signature rejected');
            throw new ProblemError(
              'unauthenticated',
              `the request signature was rejected: ${outcome.detail}`,
            );
        }
        const results = await inbound.apply(plugin, outcome.result.events);
        const response = outcome.result.response;
        if (response) {
          reply.code(response.status).headers(response.headers ?? {});
          if (typeof response.body === 'string')
            return reply.type(response.headers?.['content-type'] ?? 'text/plain').send(response.body);
          return reply.send(response.body ?? '');
        }
        return reply.code(202).send({ accepted: results.length, results });
      },
    });
  });
}
