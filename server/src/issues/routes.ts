import type {
  Actor,
  CustomerCreate,
  CustomerListQuery,
  CustomerUpdate,
  IssueCreate,
  IssueListQuery,
  IssueUpdate,
  TimelineEventCreate,
  TimelineQuery,
} from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import type { Principal } from '../auth/principal.ts';
import { READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import { unprocessable } from '../http/problem.ts';
import { errorResponses, idParams, page, problemResponse, ref } from '../http/route-schema.ts';
import type { CustomerService } from './customers.ts';
import { actorOf, type IssueService } from './issues.ts';
import type { TimelineService } from './timeline.ts';

export interface IssuesRoutesOptions {
  issues: IssueService;
  customers: CustomerService;
  timeline: TimelineService;
}

type Id = { Params: { id: string } };

/** Timeline types that only the collaboration hub writes, as mirrors of workspace entries. */
const MIRRORED_TYPES: ReadonlySet<string> = new Set(['workspace_comment', 'decision']);

export async function issuesRoutes(
  app: FastifyInstance,
  { issues, customers, timeline }: IssuesRoutesOptions,
) {
  app.post<{ Body: IssueCreate }>(
    '/api/issues',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['issues'],
        summary: 'Open an issue (idempotent by externalId: 201 when created, 200 with the existing issue)',
        body: ref('api/issue-create'),
        response: {
          201: ref('issue'),
          200: ref('issue'),
          ...errorResponses,
          422: problemResponse,
          503: problemResponse,
        },
      },
    },
    async (request, reply) => {
      issues.admit();
      const { issue, created } = await issues.create(request.body);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/api/issues/${issue.id}`)
        .send(issue);
    },
  );

  app.get<{ Querystring: IssueListQuery }>(
    '/api/issues',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['issues'],
        summary: 'List issues, newest first',
        querystring: ref('api/issue-list-query'),
        response: { 200: page(ref('issue')), ...errorResponses },
      },
    },
    async (request) => issues.list(request.query),
  );

  app.get<Id>(
    '/api/issues/:id',
    {
      config: { access: READ_SUPPORT },
      schema: { tags: ['issues'], params: idParams, response: { 200: ref('issue'), 404: problemResponse } },
    },
    async (request) => issues.get(request.params.id),
  );

  app.patch<Id & { Body: IssueUpdate }>(
    '/api/issues/:id',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['issues'],
        summary: 'Change status, priority, tags, queue, type or assignee',
        params: idParams,
        body: ref('api/issue-update'),
        response: { 200: ref('issue'), ...errorResponses, 404: problemResponse, 422: problemResponse },
      },
    },
    async (request) => issues.update(request.params.id, request.body, actorOf(principalOf(request))),
  );

  app.get<Id & { Querystring: TimelineQuery }>(
    '/api/issues/:id/timeline',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['issues'],
        summary: "The issue's timeline, oldest first (order=desc: newest first)",
        params: idParams,
        querystring: ref('api/timeline-query'),
        response: { 200: page(ref('timeline-event')), 404: problemResponse },
      },
    },
    async (request) => {
      await issues.get(request.params.id);
      return timeline.forIssue(request.params.id, request.query);
    },
  );

  app.post<Id & { Body: TimelineEventCreate }>(
    '/api/issues/:id/timeline',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['issues'],
        summary: 'Append a message, note, call transcript, CRM update or system event',
        params: idParams,
        body: ref('api/timeline-event-create'),
        response: {
          201: ref('timeline-event'),
          ...errorResponses,
          404: problemResponse,
          422: problemResponse,
        },
      },
    },
    async (request, reply) => {
      const { at, author, ...content } = request.body;
      if (MIRRORED_TYPES.has(content.type)) {
        throw unprocessable(
          '/body/type',
          `${content.type} entries are written in the issue workspace and mirrored here`,
        );
      }
      const principal = principalOf(request);
      const caller = actorOf(principal);
      const issue = await issues.get(request.params.id);
      // Baton's clock orders the timeline; what the sender claims is kept beside it.
      const event = await issues.addEvent(request.params.id, content, {
        author: authorOf(principal, caller, content.type, author, issue.customerId),
        receivedBy: caller,
        ...(at ? { occurredAt: at } : {}),
        defaultAuthor: caller,
      });
      return reply.code(201).send(event);
    },
  );

  app.get<{ Querystring: CustomerListQuery }>(
    '/api/customers',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['customers'],
        querystring: ref('api/customer-list-query'),
        response: { 200: page(ref('customer')) },
      },
    },
    async (request) => customers.list(request.query),
  );

  app.post<{ Body: CustomerCreate }>(
    '/api/customers',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['customers'],
        body: ref('api/customer-create'),
        response: { 201: ref('customer'), ...errorResponses, 409: problemResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await customers.create(request.body)),
  );

  app.get<Id>(
    '/api/customers/:id',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['customers'],
        params: idParams,
        response: { 200: ref('customer'), 404: problemResponse },
      },
    },
    async (request) => customers.get(request.params.id),
  );

  app.patch<Id & { Body: CustomerUpdate }>(
    '/api/customers/:id',
    {
      config: { access: WORK_ISSUES },
      schema: {
        tags: ['customers'],
        params: idParams,
        body: ref('api/customer-update'),
        response: { 200: ref('customer'), 404: problemResponse },
      },
    },
    async (request) => customers.update(request.params.id, request.body),
  );

  app.get<Id & { Querystring: TimelineQuery }>(
    '/api/customers/:id/timeline',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['customers'],
        summary: 'The unified timeline: every event of every issue of this customer, in order',
        params: idParams,
        querystring: ref('api/timeline-query'),
        response: { 200: page(ref('timeline-event')), 404: problemResponse },
      },
    },
    async (request) => {
      await customers.get(request.params.id);
      return timeline.forCustomer(request.params.id, request.query);
    },
  );
}

/** Events that happen on the customer's side, which an integration relays for the customer. */
const CUSTOMER_SIDE = new Set(['customer_message', 'call_transcript']);

/**
 * The author of an event sent through the API: the caller. An integration may name the issue's
 * customer as the author of a customer-side event (it relays an email, a call); no one may name
 * anyone else, admins included, so the timeline never says someone wrote what they did not.
 */
function authorOf(
  principal: Principal,
  caller: Actor,
  type: string,
  requested: Actor | undefined,
  customerId: string,
): Actor {
  const customer: Actor = { kind: 'customer', id: customerId };
  if (!requested) return type === 'customer_message' ? customer : caller;
  if (requested.kind === caller.kind && requested.id === caller.id) return caller;
  const relays = principal.roles.some((r) => r === 'integrator' || r === 'admin');
  if (requested.kind === 'customer' && relays && CUSTOMER_SIDE.has(type)) {
    if (requested.id !== undefined && requested.id !== customerId) {
      throw unprocessable('/body/author/id', `the issue's customer is ${customerId}, not ${requested.id}`);
    }
    return { ...customer, ...(requested.name ? { name: requested.name } : {}) };
  }
  throw unprocessable(
    '/body/author',
    relays
      ? "the author is you; an integration may only name the issue's customer, and only for a customer message or call transcript"
      : 'the author is you: leave author out (only integrations relay what customers said)',
  );
}
