import type { ApiKeyCreate, Login, UserCreate, UserUpdate } from '@baton/schemas';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, idParams, problemResponse, ref } from '../http/route-schema.ts';
import { bearerSecret, principalOf } from './plugin.ts';
import { ADMIN_ONLY } from './roles.ts';
import type { AuthService } from './service.ts';

const principalSchema = {
  type: 'object',
  required: ['kind', 'id', 'name', 'roles'],
  properties: {
    kind: { type: 'string', enum: ['adminToken', 'user', 'apiKey'] },
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    agentId: { type: 'string' },
    roles: { type: 'array', items: ref('common', '/$defs/role') },
  },
} as const;

export async function authRoutes(app: FastifyInstance, { auth }: { auth: AuthService }): Promise<void> {
  // Only the sign-in route is limited (per address); the lockout per account is the service's.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        'rate-limited',
        `too many sign-in attempts from your address: at most ${context.max} a minute; try again in ${Math.ceil(context.ttl / 1000)} s`,
        undefined,
        { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      ),
  });
  app.post<{ Body: Login }>(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: auth.signIn.limits.attemptsPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; returns a bearer token',
        body: ref('api/login'),
        response: {
          200: {
            type: 'object',
            properties: { token: { type: 'string' }, expiresAt: { type: 'string' }, user: ref('user') },
          },
          ...errorResponses,
          429: problemResponse,
        },
      },
    },
    async (request) => auth.login(request.body.email, request.body.password),
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'End this session' } },
    async (request, reply) => {
      const secret = bearerSecret(request);
      if (secret && principalOf(request).kind === 'user') await auth.logout(secret);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Who the bearer token belongs to',
        response: { 200: { type: 'object', properties: { principal: principalSchema } }, ...errorResponses },
      },
    },
    async (request) => ({ principal: principalOf(request) }),
  );

  app.get(
    '/api/users',
    { config: { access: ADMIN_ONLY }, schema: { tags: ['auth'], summary: 'List users' } },
    async () => ({ items: await auth.listUsers(), nextCursor: null }),
  );

  app.post<{ Body: UserCreate }>(
    '/api/users',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['auth'],
        summary: 'Create a user',
        body: ref('api/user-create'),
        response: { 201: ref('user') },
      },
    },
    async (request, reply) => reply.code(201).send(await auth.createUser(request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/users/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: { tags: ['auth'], params: idParams, response: { 200: ref('user') } },
    },
    async (request) => auth.getUser(request.params.id),
  );

  app.patch<{ Params: { id: string }; Body: UserUpdate }>(
    '/api/users/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['auth'],
        summary: 'Change roles, name, password or disable a user (disabling signs them out)',
        params: idParams,
        body: ref('api/user-update'),
        response: { 200: ref('user') },
      },
    },
    async (request) => auth.updateUser(request.params.id, request.body),
  );

  app.get(
    '/api/api-keys',
    {
      config: { access: ADMIN_ONLY },
      schema: { tags: ['auth'], summary: 'List API keys (never their secrets)' },
    },
    async () => ({ items: await auth.listApiKeys(), nextCursor: null }),
  );

  app.post<{ Body: ApiKeyCreate }>(
    '/api/api-keys',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['auth'],
        summary: 'Create an API key; the secret is in this response only',
        body: ref('api/api-key-create'),
        response: {
          201: { type: 'object', properties: { apiKey: ref('api-key'), secret: { type: 'string' } } },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await auth.createApiKey(request.body, principalOf(request))),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/api-keys/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API key',
        params: idParams,
        response: { 200: ref('api-key') },
      },
    },
    async (request) => auth.revokeApiKey(request.params.id),
  );
}
