/**
 * The flows API: drafts, validation, publishing, versions and diffs, enabling, simulate and replay;
 * runs by flow, by issue and by id; and the node-kind catalog the studio builds its palette from.
 * Designers write flows; everyone who reads the support record reads them.
 */
import type {
  FlowCreate,
  FlowDiffQuery,
  FlowDraftUpdate,
  FlowEnable,
  FlowPublish,
  FlowReplay,
  FlowSimulate,
  FlowTracing,
  FlowValidateRequest,
  FlowVersionParams,
  PageQuery,
  Role,
  RunListQuery,
} from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { READ_SUPPORT } from '../auth/roles.ts';
import type { FlowEngine } from '../engine/engine.ts';
import type { RunStore } from '../engine/runs.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import { actorOf, type IssueService } from '../issues/issues.ts';
import type { FlowLab } from './lab.ts';
import type { FlowService } from './service.ts';

/** Who may write flows: designers (and admins, who pass every check). */
export const DESIGN_FLOWS: readonly Role[] = ['designer'];

export interface FlowRoutesOptions {
  flows: FlowService;
  lab: FlowLab;
  engine: FlowEngine;
  runs: RunStore;
  issues: IssueService;
}

type Id = { Params: { id: string } };
const tags = ['flows'];

export async function flowRoutes(
  app: FastifyInstance,
  { flows, lab, engine, runs, issues }: FlowRoutesOptions,
) {
  app.get(
    '/api/node-kinds',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        summary: 'Node kinds (with their data schemas and outputs), trigger events, facts and operators',
        response: { 200: ref('api/node-kind-catalog'), ...errorResponses },
      },
    },
    async () => engine.catalog(),
  );

  app.post<{ Body: FlowValidateRequest }>(
    '/api/flows/validate',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary:
          'Check a graph without saving it: errors and warnings, each with node or edge id and a JSON pointer',
        body: ref('api/flow-validate'),
        response: { 200: ref('flow-validation'), ...errorResponses },
      },
    },
    async (request) => flows.validate(request.body),
  );

  app.get<{ Querystring: PageQuery }>(
    '/api/flows',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        summary: 'Flows, most recently changed first, with enabled version and last run',
        querystring: ref('api/page-query'),
        response: { 200: page(ref('flow-record')), ...errorResponses },
      },
    },
    async (request) => flows.list(request.query),
  );

  app.post<{ Body: FlowCreate }>(
    '/api/flows',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary: 'Create a flow with its draft (validated, saved even with errors)',
        body: ref('api/flow-create'),
        response: { 201: ref('flow-record'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const flow = await flows.create(request.body, actorOf(principalOf(request)));
      return reply.code(201).header('location', `/api/flows/${flow.id}`).send(flow);
    },
  );

  app.get<Id>(
    '/api/flows/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        params: idParams,
        response: { 200: ref('flow-record'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => flows.get(request.params.id),
  );

  app.patch<Id & { Body: FlowDraftUpdate }>(
    '/api/flows/:id',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary:
          "Change the draft (name, description, or the whole graph); the response carries the draft's validation",
        params: idParams,
        body: ref('api/flow-update'),
        response: { 200: ref('flow-record'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => flows.updateDraft(request.params.id, request.body, actorOf(principalOf(request))),
  );

  app.delete<Id>(
    '/api/flows/:id',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary: 'Delete a flow and its versions (its runs stay)',
        params: idParams,
        response: { 404: problemResponse },
      },
    },
    async (request, reply) => {
      await flows.delete(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post<Id & { Body: FlowPublish }>(
    '/api/flows/:id/publish',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary: 'Freeze the draft as the next numbered version (422 listing the errors when it has any)',
        params: idParams,
        body: ref('api/flow-publish'),
        response: { 201: ref('flow-version'), ...errorResponses, 404: problemResponse, 422: problemResponse },
      },
    },
    async (request, reply) => {
      const version = await flows.publish(
        request.params.id,
        request.body ?? {},
        actorOf(principalOf(request)),
      );
      return reply
        .code(201)
        .header('location', `/api/flows/${version.flowId}/versions/${version.version}`)
        .send(version);
    },
  );

  app.get<Id>(
    '/api/flows/:id/versions',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        summary: 'Published versions, newest first',
        params: idParams,
        response: { 200: page(ref('flow-version')), 404: problemResponse },
      },
    },
    async (request) => ({ items: await flows.versions(request.params.id), nextCursor: null }),
  );

  app.get<{ Params: FlowVersionParams }>(
    '/api/flows/:id/versions/:version',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        params: ref('api/flow-version-params'),
        response: { 200: ref('flow-version'), 404: problemResponse },
      },
    },
    async (request) => flows.getVersion(request.params.id, request.params.version),
  );

  app.get<Id & { Querystring: FlowDiffQuery }>(
    '/api/flows/:id/diff',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        summary: 'Nodes and edges added, removed and changed between two versions (0: the draft)',
        params: idParams,
        querystring: ref('api/flow-diff-query'),
        response: { 200: ref('api/flow-diff'), 404: problemResponse },
      },
    },
    async (request) => flows.diff(request.params.id, request.query.from, request.query.to),
  );

  app.post<Id & { Body: FlowEnable }>(
    '/api/flows/:id/enable',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary: 'Run a published version (default the latest) on its trigger events',
        params: idParams,
        body: ref('api/flow-enable'),
        response: {
          200: ref('flow-record'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request) => flows.enable(request.params.id, request.body?.version, actorOf(principalOf(request))),
  );

  app.post<Id>(
    '/api/flows/:id/disable',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary: 'Stop starting runs (parked runs still resume)',
        params: idParams,
        response: { 200: ref('flow-record'), 404: problemResponse },
      },
    },
    async (request) => flows.disable(request.params.id, actorOf(principalOf(request))),
  );

  app.post<Id & { Body: FlowTracing }>(
    '/api/flows/:id/tracing',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary: "How many of the flow's live runs keep their full trace (null: the server's default)",
        params: idParams,
        body: ref('api/flow-tracing'),
        response: { 200: ref('flow-record'), ...errorResponses, 404: problemResponse, 422: problemResponse },
      },
    },
    async (request) => flows.setTracing(request.params.id, request.body, actorOf(principalOf(request))),
  );

  app.post<Id & { Body: FlowSimulate }>(
    '/api/flows/:id/simulate',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary:
          'Run the draft (or a version) on an issue without side effects; returns the trace, path and outcome',
        params: idParams,
        body: ref('api/flow-simulate'),
        response: {
          200: ref('api/flow-simulation'),
          ...errorResponses,
          404: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request) => lab.simulate(request.params.id, request.body),
  );

  app.post<Id & { Body: FlowReplay }>(
    '/api/flows/:id/replay',
    {
      config: { access: DESIGN_FLOWS },
      schema: {
        tags,
        summary:
          'Run the draft and a published version over past issues; report what would change per node, outcome and queue',
        params: idParams,
        body: ref('api/flow-replay'),
        response: {
          200: ref('api/flow-replay-report'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request) => lab.replay(request.params.id, request.body ?? {}),
  );

  app.get<Id & { Querystring: RunListQuery }>(
    '/api/flows/:id/runs',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        summary: 'Runs of this flow, newest first',
        params: idParams,
        querystring: ref('api/run-list-query'),
        response: { 200: page(ref('flow-run')), 404: problemResponse },
      },
    },
    async (request) => {
      await flows.get(request.params.id);
      return runs.forFlow(request.params.id, request.query);
    },
  );

  app.get<Id & { Querystring: RunListQuery }>(
    '/api/issues/:id/runs',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['issues', 'flows'],
        summary: 'Flow runs on this issue, newest first',
        params: idParams,
        querystring: ref('api/run-list-query'),
        response: { 200: page(ref('flow-run')), 404: problemResponse },
      },
    },
    async (request) => {
      await issues.get(request.params.id);
      return runs.forIssue(request.params.id, request.query);
    },
  );

  app.get<Id>(
    '/api/runs/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags,
        summary: 'One run with its full trace',
        params: idParams,
        response: { 200: ref('flow-run'), 404: problemResponse },
      },
    },
    async (request) => runs.get(request.params.id),
  );
}
