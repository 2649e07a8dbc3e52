/**
 * Playbook routes: the playbooks people can start, an issue's runs, starting one by hand, what a
 * person does on a step (object-level: only the step's people or an admin), the role map, and the
 * customer's satisfaction answer page (public; the unguessable token in the link is the permission).
 */
import type { PlaybookRoleMap, PlaybookSimulate, PlaybookStart, PlaybookStepAction } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { ADMIN_ONLY, READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import type { Playbooks } from './module.ts';
import { satisfactionPage, thanksPage } from './satisfaction-page.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const runResponse = {
  200: ref('playbook-run'),
  ...errorResponses,
  404: problemResponse,
  409: problemResponse,
  422: problemResponse,
};

export async function playbookRoutes(app: FastifyInstance, { playbooks }: { playbooks: Playbooks }) {
  const { service, roles } = playbooks;

  app.get(
    '/api/playbooks',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['playbooks'],
        summary: 'Playbooks that can run: published flows of kind playbook',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'enabled', 'version', 'triggers'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    description: { type: 'string' },
                    enabled: { type: 'boolean' },
                    version: { type: 'integer' },
                    triggers: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ items: await service.list() }),
  );

  app.post<{ Params: { id: string }; Body: PlaybookSimulate }>(
    '/api/playbooks/:id/simulate',
    {
      config: { access: ['designer', 'agent', 'viewer'] },
      schema: {
        tags: ['playbooks'],
        summary:
          'Walk a playbook (draft or version) through its windows on a simulated clock; nothing is stored or sent',
        params: idParams,
        body: ref('api/playbook-simulate'),
        response: { 200: { type: 'object' }, ...errorResponses, 404: problemResponse, 422: problemResponse },
      },
    },
    async (request) => service.simulate(request.params.id, request.body ?? {}),
  );

  app.get<{ Params: { id: string } }>(
    '/api/issues/:id/playbooks',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['playbooks'],
        summary: "The issue's playbook runs, active ones first, with every step",
        params: idParams,
        response: { 200: page(ref('playbook-run')), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => ({ items: await service.forIssue(request.params.id), nextCursor: null }),
  );

  app.post<{ Params: { id: string }; Body: PlaybookStart }>(
    '/api/issues/:id/playbooks',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['playbooks'],
        summary: 'Start a playbook on the issue by hand (e.g. Expert Consultation with a question)',
        params: idParams,
        body: ref('api/playbook-start'),
        response: { ...runResponse, 201: ref('playbook-run') },
      },
    },
    async (request, reply) => {
      const run = await service.start(request.params.id, request.body, principalOf(request));
      return reply.code(201).header('location', `/api/playbook-runs/${run.id}`).send(run);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/playbook-runs/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['playbooks'],
        params: idParams,
        response: { 200: ref('playbook-run'), 404: problemResponse },
      },
    },
    async (request) => service.get(request.params.id),
  );

  app.post<{ Params: { id: string; stepId: string }; Body: PlaybookStepAction }>(
    '/api/playbook-runs/:id/steps/:stepId',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['playbooks'],
        summary:
          "Act on a step: check an item, attach evidence, mark it done, answer a consultation, confirm or refuse a receipt (the step's people or an admin)",
        params: ref('api/playbook-step-params'),
        body: ref('api/playbook-step-action'),
        response: runResponse,
      },
    },
    async (request) =>
      service.act(request.params.id, request.params.stepId, request.body, principalOf(request)),
  );

  app.get(
    '/api/playbook-roles',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['playbooks'],
        summary: 'Who customer success, leadership and product are',
        response: { 200: ref('api/playbook-roles') },
      },
    },
    async () => roles.map(),
  );
  app.put<{ Body: PlaybookRoleMap }>(
    '/api/playbook-roles',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['playbooks'],
        body: ref('api/playbook-roles'),
        response: { 200: ref('api/playbook-roles'), ...errorResponses, 422: problemResponse },
      },
    },
    async (request) => roles.setMap(request.body),
  );

  // The customer's answer. A form post (no script): the page works in any mail client's browser.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const headers = {
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex, nofollow',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  };
  app.get<{ Params: { token: string } }>(
    '/satisfaction/:token',
    {
      config: { access: 'public' },
      schema: { tags: ['status'], summary: "The customer's satisfaction question (HTML)" },
    },
    async (request, reply) => {
      const found = TOKEN.test(request.params.token)
        ? await service.satisfactionStep(request.params.token)
        : null;
      if (!found) throw new ProblemError('not-found', 'no question here');
      return reply
        .headers(headers)
        .type('text/html; charset=utf-8')
        .send(satisfactionPage(found.issue, found.step));
    },
  );
  app.post<{ Params: { token: string }; Body: { answer?: string; comment?: string } }>(
    '/satisfaction/:token',
    {
      config: { access: 'public' },
      schema: { tags: ['status'], summary: "The customer's satisfaction answer (form post)" },
    },
    async (request, reply) => {
      const answer = request.body?.answer;
      if (answer !== 'yes' && answer !== 'no')
        throw new ProblemError('validation', 'answer must be yes or no', [
          { pointer: '/body/answer', detail: 'must be yes or no' },
        ]);
      const comment = request.body?.comment?.slice(0, 2000) || undefined;
      const step = TOKEN.test(request.params.token)
        ? await service.answerSatisfaction(request.params.token, answer === 'yes', comment)
        : null;
      if (!step) throw new ProblemError('not-found', 'no question here');
      return reply.headers(headers).type('text/html; charset=utf-8').send(thanksPage(step));
    },
  );
}
