import type { SlaCalculate, SlaHistoryQuery, SlaPolicyCreate, SlaPolicyUpdate } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { ADMIN_ONLY, READ_SUPPORT } from '../auth/roles.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import type { SlaService } from './service.ts';

type Id = { Params: { id: string } };

/** Who may shape SLA policies: admins and the designers who build flows around them. */
const DESIGN: readonly ['designer'] = ['designer'];

export async function slaRoutes(app: FastifyInstance, { sla }: { sla: SlaService }) {
  app.get(
    '/api/sla/policies',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['sla'],
        summary: 'SLA policies in the order they are tried',
        response: { 200: page(ref('sla-policy')) },
      },
    },
    async () => ({ items: await sla.listPolicies(), nextCursor: null }),
  );
  app.post<{ Body: SlaPolicyCreate }>(
    '/api/sla/policies',
    {
      config: { access: DESIGN },
      schema: {
        tags: ['sla'],
        body: ref('api/sla-policy-create'),
        response: { 201: ref('sla-policy'), ...errorResponses, 422: problemResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await sla.createPolicy(request.body)),
  );
  app.get<Id>(
    '/api/sla/policies/:id',
    {
      config: { access: READ_SUPPORT },
      schema: { tags: ['sla'], params: idParams, response: { 200: ref('sla-policy') } },
    },
    async (request) => sla.getPolicy(request.params.id),
  );
  app.patch<Id & { Body: SlaPolicyUpdate }>(
    '/api/sla/policies/:id',
    {
      config: { access: DESIGN },
      schema: {
        tags: ['sla'],
        summary: 'Change a policy (clocks already running keep their targets and calendar)',
        params: idParams,
        body: ref('api/sla-policy-update'),
        response: { 200: ref('sla-policy'), ...errorResponses, 404: problemResponse, 422: problemResponse },
      },
    },
    async (request) => sla.updatePolicy(request.params.id, request.body),
  );
  app.delete<Id>(
    '/api/sla/policies/:id',
    { config: { access: ADMIN_ONLY }, schema: { tags: ['sla'], params: idParams } },
    async (request, reply) => {
      await sla.deletePolicy(request.params.id);
      return reply.code(204).send();
    },
  );
  app.post<{ Body: SlaCalculate }>(
    '/api/sla/calculate',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['sla'],
        summary:
          'Due times per metric for work starting at `start`, in business time (a policy, or targets and a calendar)',
        body: ref('api/sla-calculate'),
        response: {
          200: ref('api/sla-calculation'),
          ...errorResponses,
          404: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request) => sla.calculate(request.body),
  );
  app.get<{ Querystring: SlaHistoryQuery }>(
    '/api/sla/history',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['sla'],
        summary:
          'How long first responses and resolutions really took, per priority (p50, p80, p90 of stopped clocks), with a suggested target',
        querystring: ref('api/sla-history-query'),
        response: { 200: ref('api/sla-history'), ...errorResponses },
      },
    },
    async (request) => sla.history(request.query.days ?? 90),
  );
  app.get(
    '/api/sla/running',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['sla'],
        summary:
          'The most pressing running clock of every issue (least business time left first): for inbox SLA columns and "breaching soon" filters',
        response: { 200: ref('api/sla-running') },
      },
    },
    async () => ({ now: sla.now(), items: await sla.running() }),
  );

  app.get<Id>(
    '/api/issues/:id/sla',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['sla'],
        summary:
          "The issue's SLA clocks as of now: state, elapsed and remaining business time, due time, log",
        params: idParams,
        response: { 200: ref('api/issue-sla'), 404: problemResponse },
      },
    },
    async (request) => sla.forIssue(request.params.id),
  );
}
