/**
 * Authentication and authorization for every route. Each route under /api and /hooks must declare
 * `config.access`; the server refuses to start otherwise, so no route is ever open by accident.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../http/problem.ts';
import type { Principal } from './principal.ts';
import { type Access, describeAccess, isAllowed } from './roles.ts';
import type { AuthService } from './service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The authenticated caller; null only on public routes. */
    principal: Principal | null;
  }
}

const GUARDED_PREFIXES = ['/api/', '/hooks/'];
const UNGUARDED = ['/api/docs'];

export function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The principal of a request on a non-public route (routes never run without one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ProblemError('unauthenticated', 'sign in first');
  return request.principal;
}

async function authPlugin(app: FastifyInstance, { auth }: { auth: AuthService }): Promise<void> {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const guarded =
      GUARDED_PREFIXES.some((p) => route.url.startsWith(p)) &&
      !UNGUARDED.some((p) => route.url.startsWith(p));
    if (guarded && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const secret = bearerSecret(request);
    if (!secret) {
      reply.header('www-authenticate', 'Bearer realm="baton"');
      throw new ProblemError('unauthenticated', 'send an Authorization: Bearer <token> header');
    }
    const principal = await auth.authenticate(secret);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer realm="baton", error="invalid_token"');
      throw new ProblemError('unauthenticated', 'the token is unknown, expired or revoked');
    }
    if (!isAllowed(principal.roles, access)) {
      throw new ProblemError(
        'forbidden',
        `${request.method} ${request.routeOptions.url} needs the role ${describeAccess(access)}; you have ${principal.roles.join(', ')}`,
      );
    }
    request.principal = principal;
  });
}

export default fp(authPlugin, { name: 'baton-auth' });
