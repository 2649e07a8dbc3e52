import type { HandoffCreate, HandoffDecline } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import { actorOf } from '../issues/issues.ts';
import type { HandoffService } from './service.ts';

type Id = { Params: { id: string } };
const answered = {
  200: ref('handoff'),
  ...errorResponses,
  404: problemResponse,
  409: problemResponse,
  422: problemResponse,
};

export async function handoffRoutes(app: FastifyInstance, { handoffs }: { handoffs: HandoffService }) {
  app.post<Id & { Body: HandoffCreate }>(
    '/api/issues/:id/handoffs',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['handoffs'],
        summary:
          'Offer the issue to an agent, a team or the best agent of a queue, with a brief assembled from the timeline',
        params: idParams,
        body: ref('api/handoff-create'),
        response: {
          201: ref('handoff'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request, reply) => {
      const handoff = await handoffs.create(request.params.id, request.body, actorOf(principalOf(request)));
      return reply.code(201).header('location', `/api/handoffs/${handoff.id}`).send(handoff);
    },
  );
  app.get<Id>(
    '/api/issues/:id/handoffs',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['handoffs'],
        summary: "The issue's handoffs, oldest first",
        params: idParams,
        response: { 200: page(ref('handoff')), 404: problemResponse },
      },
    },
    async (request) => ({ items: await handoffs.forIssue(request.params.id), nextCursor: null }),
  );
  app.get<Id>(
    '/api/handoffs/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['handoffs'],
        params: idParams,
        response: { 200: ref('handoff'), 404: problemResponse },
      },
    },
    async (request) => handoffs.get(request.params.id),
  );
  app.post<Id>(
    '/api/handoffs/:id/accept',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['handoffs'],
        summary: 'Take ownership (the offered agent, or an agent of the offered team)',
        params: idParams,
        response: answered,
      },
    },
    async (request) => handoffs.accept(request.params.id, principalOf(request)),
  );
  app.post<Id & { Body: HandoffDecline }>(
    '/api/handoffs/:id/decline',
    {
      config: { access: WORK_ISSUES },
      schema: { tags: ['handoffs'], params: idParams, body: ref('api/handoff-decline'), response: answered },
    },
    async (request) => handoffs.decline(request.params.id, principalOf(request), request.body?.reason),
  );
  app.post<Id>(
    '/api/handoffs/:id/complete',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['handoffs'],
        summary: 'The new owner has the context: the handoff is done',
        params: idParams,
        response: answered,
      },
    },
    async (request) => handoffs.complete(request.params.id, principalOf(request)),
  );
}
