/**
 * Intelligence routes: handoff briefs, similar resolutions, deflection suggestions, classification
 * and routing models, and the knowledge base's review workflow.
 */
import type {
  BriefQuery,
  ClassifyText,
  KbArticleListQuery,
  KbArticleUpdate,
  SimilarQuery,
} from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { ADMIN_ONLY, READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import type { IssueService } from '../issues/issues.ts';
import type { IntelligenceService } from './service.ts';

type Id = { Params: { id: string } };

/** Who may publish or archive an article (what customers are shown): designers, and admins. */
const PUBLISHERS = ['designer'] as const;
/** Who may train a new routing model: designers (they own routing), and admins. */
const TRAINERS = ['designer'] as const;

export async function intelligenceRoutes(
  app: FastifyInstance,
  { intelligence, issues }: { intelligence: IntelligenceService; issues: IssueService },
) {
  app.get<Id & { Querystring: BriefQuery }>(
    '/api/issues/:id/brief',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['intelligence'],
        summary:
          'Handoff brief: summary, answered questions, open unknowns, steps tried, commitments, next steps, urgency and sentiment, each linked to its timeline events',
        params: idParams,
        querystring: ref('api/brief-query'),
        response: { 200: ref('handoff-brief'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => intelligence.brief(request.params.id, request.query.variant ?? 'full'),
  );

  app.get<Id & { Querystring: SimilarQuery }>(
    '/api/issues/:id/similar',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['intelligence'],
        summary:
          'Similar past resolutions and knowledge-base articles (BM25 + vectors, fused by reciprocal rank)',
        params: idParams,
        querystring: ref('api/similar-query'),
        response: { 200: ref('similar-results'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) =>
      intelligence.similar(request.params.id, {
        limit: request.query.limit ?? 10,
        kind: request.query.kind ?? 'all',
      }),
  );

  app.get<Id>(
    '/api/issues/:id/deflection',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['intelligence'],
        summary: 'Self-service suggestions: published knowledge-base articles that may answer the issue',
        params: idParams,
        response: { 200: ref('similar-results'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => intelligence.deflection(request.params.id),
  );

  app.get<Id>(
    '/api/issues/:id/classification',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['intelligence'],
        summary: 'Queue, priority and type the learned router predicts, with confidence and explanation',
        params: idParams,
        response: {
          200: ref('classification'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
        },
      },
    },
    async (request) => {
      const issue = await issues.get(request.params.id);
      return (await intelligence.classifyIssue(issue)) ?? noModel();
    },
  );

  app.post<{ Body: ClassifyText }>(
    '/api/intelligence/classify',
    {
      config: { access: [...WORK_ISSUES, 'designer'] },
      schema: {
        tags: ['intelligence'],
        summary: 'Route a text without storing it',
        body: ref('api/classify-text'),
        response: { 200: ref('classification'), ...errorResponses, 409: problemResponse },
      },
    },
    async (request) => (await intelligence.classifyText(request.body)) ?? noModel(),
  );

  app.get(
    '/api/intelligence/routing-models',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['intelligence'],
        summary: 'Trained routing model versions, newest first (the newest is active)',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: ref('routing-model') } },
          },
        },
      },
    },
    async () => ({ items: await intelligence.models.list() }),
  );

  app.post(
    '/api/intelligence/routing-models',
    {
      config: { access: [...ADMIN_ONLY, ...TRAINERS] },
      schema: {
        tags: ['intelligence'],
        summary: 'Train a new routing model version from the resolved issues and make it active',
        response: { 201: ref('routing-model'), ...errorResponses, 422: problemResponse },
      },
    },
    async (_request, reply) => reply.code(201).send((await intelligence.train()).info),
  );

  app.get<{ Querystring: KbArticleListQuery }>(
    '/api/kb/articles',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['knowledge base'],
        summary: 'Knowledge-base articles, newest first',
        querystring: ref('api/kb-article-list-query'),
        response: { 200: page(ref('kb-article')), ...errorResponses },
      },
    },
    async (request) => intelligence.kb.list(request.query),
  );

  app.get<Id>(
    '/api/kb/articles/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['knowledge base'],
        params: idParams,
        response: { 200: ref('kb-article'), 404: problemResponse },
      },
    },
    async (request) => intelligence.kb.get(request.params.id),
  );

  app.patch<Id & { Body: KbArticleUpdate }>(
    '/api/kb/articles/:id',
    {
      config: { access: [...WORK_ISSUES, ...PUBLISHERS] },
      schema: {
        tags: ['knowledge base'],
        summary:
          'Edit an article, or move it draft → reviewable → published (publishing: designers and admins)',
        params: idParams,
        body: ref('api/kb-article-update'),
        response: { 200: ref('kb-article'), ...errorResponses, 404: problemResponse, 409: problemResponse },
      },
    },
    async (request) => {
      const { status } = request.body;
      if (status === 'published' || status === 'archived') {
        const roles = principalOf(request).roles;
        if (!roles.includes('admin') && !PUBLISHERS.some((r) => roles.includes(r))) {
          throw new ProblemError('forbidden', `only designers and admins may make an article ${status}`);
        }
      }
      return intelligence.kb.update(request.params.id, request.body);
    },
  );
}

function noModel(): never {
  throw new ProblemError(
    'conflict',
    'no routing model has been trained yet: run `npm run baton -- train` or POST /api/intelligence/routing-models',
  );
}
