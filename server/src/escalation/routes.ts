import type { EscalationStart } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import { actorOf } from '../issues/issues.ts';
import type { EscalationService } from './service.ts';

type Id = { Params: { id: string } };

export async function escalationRoutes(
  app: FastifyInstance,
  { escalations }: { escalations: EscalationService },
) {
  app.post<Id & { Body: EscalationStart }>(
    '/api/issues/:id/escalations',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['escalation'],
        summary: 'Start an escalation path on the issue: its steps run until someone acknowledges',
        params: idParams,
        body: ref('api/escalation-start'),
        response: { 201: ref('escalation'), ...errorResponses, 404: problemResponse, 422: problemResponse },
      },
    },
    async (request, reply) => {
      const escalation = await escalations.start(
        request.params.id,
        request.body,
        actorOf(principalOf(request)),
      );
      return reply.code(201).header('location', `/api/escalations/${escalation.id}`).send(escalation);
    },
  );
  app.get<Id>(
    '/api/issues/:id/escalations',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['escalation'],
        params: idParams,
        response: { 200: page(ref('escalation')), 404: problemResponse },
      },
    },
    async (request) => ({ items: await escalations.forIssue(request.params.id), nextCursor: null }),
  );
  app.get<Id>(
    '/api/escalations/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['escalation'],
        params: idParams,
        response: { 200: ref('escalation'), 404: problemResponse },
      },
    },
    async (request) => escalations.get(request.params.id),
  );
  app.post<Id>(
    '/api/escalations/:id/ack',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['escalation'],
        summary: 'Acknowledge: the path stops (no further waits or notifications)',
        params: idParams,
        response: {
          200: ref('escalation'),
          ...errorResponses,
          403: problemResponse,
          404: problemResponse,
          409: problemResponse,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await escalations.assertMayAcknowledge(request.params.id, principal);
      return escalations.acknowledge(request.params.id, actorOf(principal));
    },
  );
}
