import type { AgentCreate, AgentListQuery, AgentUpdate, TeamCreate, TeamUpdate } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { ADMIN_ONLY, READ_SUPPORT } from '../auth/roles.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import type { DirectoryService } from './service.ts';

type Id = { Params: { id: string } };

export async function directoryRoutes(app: FastifyInstance, { directory }: { directory: DirectoryService }) {
  app.get(
    '/api/teams',
    { config: { access: READ_SUPPORT }, schema: { tags: ['teams'], response: { 200: page(ref('team')) } } },
    async () => ({ items: await directory.listTeams(), nextCursor: null }),
  );
  app.post<{ Body: TeamCreate }>(
    '/api/teams',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['teams'],
        body: ref('api/team-create'),
        response: { 201: ref('team'), ...errorResponses, 409: problemResponse, 422: problemResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await directory.createTeam(request.body)),
  );
  app.get<Id>(
    '/api/teams/:id',
    {
      config: { access: READ_SUPPORT },
      schema: { tags: ['teams'], params: idParams, response: { 200: ref('team') } },
    },
    async (request) => directory.getTeam(request.params.id),
  );
  app.patch<Id & { Body: TeamUpdate }>(
    '/api/teams/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['teams'],
        params: idParams,
        body: ref('api/team-update'),
        response: { 200: ref('team') },
      },
    },
    async (request) => directory.updateTeam(request.params.id, request.body),
  );
  app.delete<Id>(
    '/api/teams/:id',
    { config: { access: ADMIN_ONLY }, schema: { tags: ['teams'], params: idParams } },
    async (request, reply) => {
      await directory.deleteTeam(request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: AgentListQuery }>(
    '/api/agents',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['agents'],
        querystring: ref('api/agent-list-query'),
        response: { 200: page(ref('agent')) },
      },
    },
    async (request) => directory.listAgents(request.query),
  );
  app.post<{ Body: AgentCreate }>(
    '/api/agents',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['agents'],
        body: ref('api/agent-create'),
        response: { 201: ref('agent'), ...errorResponses, 409: problemResponse, 422: problemResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await directory.createAgent(request.body)),
  );
  app.get<Id>(
    '/api/agents/:id',
    {
      config: { access: READ_SUPPORT },
      schema: { tags: ['agents'], params: idParams, response: { 200: ref('agent') } },
    },
    async (request) => directory.getAgent(request.params.id),
  );
  app.patch<Id & { Body: AgentUpdate }>(
    '/api/agents/:id',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['agents'],
        params: idParams,
        body: ref('api/agent-update'),
        response: { 200: ref('agent') },
      },
    },
    async (request) => directory.updateAgent(request.params.id, request.body),
  );
  app.delete<Id>(
    '/api/agents/:id',
    { config: { access: ADMIN_ONLY }, schema: { tags: ['agents'], params: idParams } },
    async (request, reply) => {
      await directory.deleteAgent(request.params.id);
      return reply.code(204).send();
    },
  );
}
