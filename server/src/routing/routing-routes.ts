import type {
  AgentStatusUpdate,
  RouteRequest,
  RoutingPolicyCreate,
  RoutingPolicyUpdate,
} from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { ADMIN_ONLY, READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import type { DirectoryService } from '../directory/service.ts';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import { actorOf, type IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { rankExperts } from './experts.ts';
import type { RoutingService } from './service.ts';

type Id = { Params: { id: string } };

export interface RoutingRoutesOptions {
  routing: RoutingService;
  issues: IssueService;
  directory: DirectoryService;
  clock: Clock;
}

export async function routingRoutes(app: FastifyInstance, deps: RoutingRoutesOptions) {
  const { routing, directory } = deps;

  app.get(
    '/api/routing/policies',
    {
      config: { access: READ_SUPPORT },
      schema: { tags: ['routing'], response: { 200: page(ref('routing-policy')) } },
    },
    async () => ({ items: await routing.listPolicies(), nextCursor: null }),
  );
  app.post<{ Body: RoutingPolicyCreate }>(
    '/api/routing/policies',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['routing'],
        summary: 'Give a queue its assignment policy (its waiting issues are routed at once)',
        body: ref('api/routing-policy-create'),
        response: {
          201: ref('routing-policy'),
          ...errorResponses,
          409: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await routing.createPolicy(request.body)),
  );
  app.get<Id>(
    '/api/routing/policies/:id',
    {
      config: { access: READ_SUPPORT },
      schema: { tags: ['routing'], params: idParams, response: { 200: ref('routing-policy') } },
    },
    async (request) => routing.getPolicy(request.params.id),
  );
  app.patch<Id & { Body: RoutingPolicyUpdate }>(
    '/api/routing/policies/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['routing'],
        params: idParams,
        body: ref('api/routing-policy-update'),
        response: {
          200: ref('routing-policy'),
          ...errorResponses,
          404: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request) => routing.updatePolicy(request.params.id, request.body),
  );
  app.delete<Id>(
    '/api/routing/policies/:id',
    { config: { access: ADMIN_ONLY }, schema: { tags: ['routing'], params: idParams } },
    async (request, reply) => {
      await routing.deletePolicy(request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { queue: string } }>(
    '/api/routing/queues/:queue',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['routing'],
        summary: 'The issues waiting in a queue (heaviest priority first, then oldest) and its policy',
        params: ref('api/queue-params'),
        response: {
          200: {
            type: 'object',
            required: ['queue', 'policy', 'entries'],
            properties: {
              queue: { type: 'string' },
              policy: ref('routing-policy'),
              entries: { type: 'array', items: ref('routing-policy', '/$defs/queueEntry') },
            },
          },
        },
      },
    },
    async (request) => ({
      queue: request.params.queue,
      policy: await routing.policyFor(request.params.queue),
      entries: await routing.queueEntries(request.params.queue),
    }),
  );

  app.post<Id & { Body: RouteRequest }>(
    '/api/issues/:id/route',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['routing'],
        summary: 'Route the issue now through its queue policy; every candidate comes back with its reasons',
        params: idParams,
        body: ref('api/route-request'),
        response: {
          200: ref('routing-policy', '/$defs/decision'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request) =>
      routing.route(request.params.id, { ...request.body, actor: actorOf(principalOf(request)) }),
  );

  app.get<Id>(
    '/api/issues/:id/experts',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['routing'],
        summary:
          'Agents ranked for the issue on skill fit, success on similar past issues, load and availability, with reasons',
        params: idParams,
        response: { 200: ref('api/experts'), 404: problemResponse },
      },
    },
    async (request) => rankExperts(request.params.id, { ...deps }),
  );

  app.put<{ Body: AgentStatusUpdate }>(
    '/api/agents/me/status',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['agents'],
        summary: 'Set your own status (available, busy, away, offline); becoming available re-drains queues',
        body: ref('api/agent-status'),
        response: { 200: ref('agent'), ...errorResponses },
      },
    },
    async (request) => directory.updateAgent(myAgentId(request), { status: request.body.status }),
  );

  app.get(
    '/api/agents/me/offers',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['routing'],
        summary: 'Issues offered to you, waiting for your answer',
        response: { 200: page(ref('routing-policy', '/$defs/offer')) },
      },
    },
    async (request) => ({ items: await routing.offersFor(myAgentId(request)), nextCursor: null }),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post<Id>(
      `/api/routing/offers/:id/${answer}`,
      {
        config: { access: WORK_ISSUES },
        schema: {
          tags: ['routing'],
          summary:
            answer === 'accept'
              ? 'Take an offered issue (it is assigned to you)'
              : 'Pass on an offered issue (it is offered to the next agent)',
          params: idParams,
          response: {
            200: ref('routing-policy', '/$defs/offer'),
            ...errorResponses,
            404: problemResponse,
            409: problemResponse,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        // Agents answer their own offers; admins and integrations may answer for them.
        const agentId =
          principal.roles.includes('admin') || !principal.agentId ? undefined : principal.agentId;
        return answer === 'accept'
          ? routing.accept(request.params.id, agentId, actorOf(principal))
          : routing.decline(request.params.id, agentId);
      },
    );
  }
}

function myAgentId(request: Parameters<typeof principalOf>[0]): string {
  const principal = principalOf(request);
  if (!principal.agentId)
    throw new ProblemError(
      'forbidden',
      'you do not work as an agent: link your user to an agent profile first',
    );
  return principal.agentId;
}
