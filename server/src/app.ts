/**
 * Builds the Fastify application for one Baton instance: REST under /api, OpenAPI docs at
 * /api/docs, and the built studio at /. Each domain module declares its own routes (see module.ts).
 */
import { existsSync } from 'node:fs';
import { loadSchemas } from '@baton/schemas';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import authPlugin from './auth/plugin.ts';
import { registerErrorHandling } from './http/errors.ts';
import { componentRefRewriter, rewriteRefs } from './http/openapi.ts';
import { ProblemError } from './http/problem.ts';
import { createValidatorCompiler } from './http/validation.ts';
import type { Services } from './services.ts';

export interface AppOptions {
  services: Services;
  /** Largest request body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Folder of the built studio; not served when missing. */
  studioDir?: string;
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
}

export async function buildApp({ services, bodyLimit = 1024 * 1024, studioDir, logger }: AppOptions) {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit,
    // Keep-alive sockets of the bench and the hub must not pile up beyond what a small box holds.
    keepAliveTimeout: 10_000,
    // Reject rather than guess: `?limit=1&limit=2` is an error, not "the first one".
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  app.setValidatorCompiler(createValidatorCompiler());
  // Response schemas document the API; serialization stays plain JSON so nothing is silently dropped.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const schema of loadSchemas()) app.addSchema(schema);
  const serveStudio = Boolean(studioDir && existsSync(studioDir));
  registerErrorHandling(
    app,
    serveStudio ? { spaFallback: (_request, reply) => reply.sendFile('index.html') } : {},
  );

  const rewriteRef = componentRefRewriter();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Baton API',
        version: '0.1.0',
        description: 'Support handoffs: issues, timelines, teams, agents, flows and playbooks.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.title ?? `def-${i}`),
    },
    transformObject: (doc) =>
      'openapiObject' in doc ? rewriteRefs(doc.openapiObject, rewriteRef) : doc.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(authPlugin, { auth: services.auth });
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and which store runs',
        response: {
          200: {
            type: 'object',
            properties: { status: { const: 'ok' }, store: { type: 'string', enum: ['embedded', 'mongodb'] } },
          },
        },
      },
    },
    async () => {
      try {
        await services.store.ping();
      } catch (err) {
        throw new ProblemError(
          'unavailable',
          `the ${services.store.kind} store does not answer: ${(err as Error).message}`,
        );
      }
      return { status: 'ok', store: services.store.kind };
    },
  );
  // Every module's routes; its background work runs while the server does.
  await services.modules.mount(app);
  app.addHook('onReady', async () => services.modules.start());
  app.addHook('onClose', async () => services.modules.stop());

  if (serveStudio && studioDir) {
    await app.register(fastifyStatic, {
      root: studioDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  }
  return app;
}
