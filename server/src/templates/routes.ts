import type {
  MessageTemplateCreate,
  MessageTemplateListQuery,
  MessageTemplatePreview,
  MessageTemplateUpdate,
} from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { READ_SUPPORT } from '../auth/roles.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import { actorOf } from '../issues/issues.ts';
import type { TemplateLibrary } from './library.ts';
import type { TemplateRendering } from './rendering.ts';

type Id = { Params: { id: string } };

/** Who may write the library: admins and the designers whose flows send its templates. */
const WRITE_TEMPLATES: readonly ['designer'] = ['designer'];

export async function templateRoutes(
  app: FastifyInstance,
  { templates, templateRendering }: { templates: TemplateLibrary; templateRendering: TemplateRendering },
) {
  app.get<{ Querystring: MessageTemplateListQuery }>(
    '/api/templates',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['templates'],
        summary: 'The Template Library, by name (filter by purpose or words)',
        querystring: ref('api/message-template-list-query'),
        response: { 200: page(ref('message-template')), ...errorResponses },
      },
    },
    async (request) => ({ items: await templates.list(request.query), nextCursor: null }),
  );

  app.post<{ Body: MessageTemplateCreate }>(
    '/api/templates',
    {
      config: { access: WRITE_TEMPLATES },
      schema: {
        tags: ['templates'],
        summary: 'Add a template (version 1)',
        body: ref('api/message-template-create'),
        response: { 201: ref('message-template'), ...errorResponses, 409: problemResponse },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await templates.create(request.body, actorOf(principalOf(request)))),
  );

  app.post<{ Body: MessageTemplatePreview }>(
    '/api/templates/preview',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['templates'],
        summary: "Render a template body as a channel shows it, with an issue's variables or an example",
        body: ref('api/message-template-preview'),
        response: { 200: ref('api/message-template-rendered'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) =>
      templateRendering.preview(request.body.body, request.body.channel ?? 'email', request.body.issueId),
  );

  app.get<Id>(
    '/api/templates/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['templates'],
        params: idParams,
        response: { 200: ref('message-template'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => templates.get(request.params.id),
  );

  app.put<Id & { Body: MessageTemplateUpdate }>(
    '/api/templates/:id',
    {
      config: { access: WRITE_TEMPLATES },
      schema: {
        tags: ['templates'],
        summary: 'Save a new version (409 when someone saved since `baseVersion`)',
        params: idParams,
        body: ref('api/message-template-update'),
        response: {
          200: ref('message-template'),
          ...errorResponses,
          404: problemResponse,
          409: problemResponse,
        },
      },
    },
    async (request) => templates.update(request.params.id, request.body, actorOf(principalOf(request))),
  );

  app.get<Id>(
    '/api/templates/:id/versions',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['templates'],
        summary: 'Every saved version, newest first, with author and time',
        params: idParams,
        response: {
          200: page(ref('message-template', '/$defs/version')),
          ...errorResponses,
          404: problemResponse,
        },
      },
    },
    async (request) => ({ items: await templates.versions(request.params.id), nextCursor: null }),
  );

  app.get<{ Params: { id: string; version: number } }>(
    '/api/templates/:id/versions/:version',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['templates'],
        params: ref('api/message-template-version-params'),
        response: {
          200: ref('message-template', '/$defs/version'),
          ...errorResponses,
          404: problemResponse,
        },
      },
    },
    async (request) => templates.version(request.params.id, request.params.version),
  );
}
