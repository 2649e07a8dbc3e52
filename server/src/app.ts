/**
 * Builds the Fastify application for one Baton instance: REST under /api, OpenAPI docs at
 * /api/docs, and the built studio at /. Each domain module declares its own routes (see module.ts).
 */
import { existsSync } from 'node:fs';
import { loadSchemas } from '@baton/schemas';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import authPlugin from './auth/plugin.ts';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from './http/errors.ts';
import { applyConnectionLimits, HTTP_LIMIT_DEFAULTS, type HttpLimits, serverOptions } from './http/limits.ts';
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
  /** Timeouts and per-address / per-principal caps (defaults: `HTTP_LIMIT_DEFAULTS`). */
  limits?: Partial<HttpLimits>;
}

export async function buildApp({ services, bodyLimit = 1024 * 1024, studioDir, logger, limits }: AppOptions) {
  const httpLimits: HttpLimits = { ...HTTP_LIMIT_DEFAULTS, ...limits };
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit,
    // Fastify's default is 0 (never): a body trickled in slowly held its connection for ever.
    requestTimeout: httpLimits.requestTimeoutMs,
    http: serverOptions(httpLimits),
    // Errors before routing and from Node's parser are problems like every other answer.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // Keep-alive sockets of the bench and the hub must not pile up beyond what a small box holds.
    keepAliveTimeout: 10_000,
    // Reject rather than guess: `?limit=1&limit=2` is an error, not "the first one".
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Two info lines per request cost 8–13 % of the CPU at volume: one line per request, after it,
    // at debug — and at info only when it failed on our side or was slow (see logRequests).
    logController: new LogController({ disableRequestLogging: true }),
  });
  if (logger) logRequests(app);

  const validators = createValidatorCompiler();
  app.setValidatorCompiler(validators.compiler);
  // Compiles every route validator now: what the background warm-up does, for tests to check that
  // every route's schema compiles (a broken one no longer stops the start).
  app.decorate('compileValidators', () => validators.warm());
  // Route validators compile on first use; a moment after the server listens (its first requests
  // answered), the rest compile in the background, one per turn of the event loop.
  app.addHook('onListen', async () => {
    setTimeout(
      () => void validators.warm().catch((err) => app.log.error({ err }, 'compiling validators')),
      VALIDATOR_WARM_DELAY_MS,
    ).unref();
  });
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
  applyConnectionLimits(app, httpLimits);
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
  // Work that can wait until the server listens (the retrieval index of past issues).
  app.addHook('onListen', async () => services.modules.serving());
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

/** How long after listening the route validators not used yet are compiled (they compile on first use). */
const VALIDATOR_WARM_DELAY_MS = 1000;

/** Requests slower than this are logged at info even when they succeeded. */
const SLOW_REQUEST_MS = 1000;

/** One log line per request, when it is answered; cheap when the level filters it out. */
function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    const level = reply.statusCode >= 500 || ms >= SLOW_REQUEST_MS ? 'info' : 'debug';
    // pino's methods for a level that is off are no-ops: nothing is formatted or written.
    request.log[level](
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) },
      'request completed',
    );
    done();
  });
}
