/**
 * `/api/analytics/*`: five reports with one query shape, CSV export of each, the issues behind any
 * number, the ROI calculator and a rebuild from history.
 *
 * Access: reading analytics is for admins, designers (who change flows and routing from what they
 * see) and viewers (managers who watch the numbers); agents and integrations are not given the
 * organisation-wide view. A rebuild rewrites every number, so it is for admins only.
 */
import type { AnalyticsIssuesQuery, AnalyticsQuery, AnalyticsRoiQuery } from '@baton/schemas';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Access, ADMIN_ONLY } from '../auth/roles.ts';
import { errorResponses, problemResponse, ref } from '../http/route-schema.ts';
import { toCsv } from './csv.ts';
import { REPORTS, type ReportName } from './reports.ts';
import type { AnalyticsService } from './service.ts';

export const READ_ANALYTICS: Access = ['designer', 'viewer'];

const SUMMARIES: Record<ReportName, string> = {
  handoffs:
    'Handoffs: per issue, time to accept and complete, bounced back, declined and expired offers, context loss, triggers',
  sla: 'SLA attainment per metric, breaches, time in each state, paused time, playbook step timeliness',
  routing: 'Routing quality: first-assignee resolution, reassignment, classifier accuracy, queue waits',
  teams: 'Teams and agents: offers received and how they went, resolutions, SLA attainment, capacity',
  bottlenecks:
    'Bottlenecks: longest queue waits, where flow runs park, assignments over capacity, hours when offers expire',
};

function wantsCsv(request: FastifyRequest<{ Querystring: AnalyticsQuery }>): boolean {
  if (request.query.format) return request.query.format === 'csv';
  return /\btext\/csv\b/.test(request.headers.accept ?? '');
}

export async function analyticsRoutes(app: FastifyInstance, { analytics }: { analytics: AnalyticsService }) {
  for (const report of REPORTS) {
    app.get<{ Querystring: AnalyticsQuery }>(
      `/api/analytics/${report}`,
      {
        config: { access: READ_ANALYTICS },
        schema: {
          tags: ['analytics'],
          summary: SUMMARIES[report],
          querystring: ref('api/analytics-query'),
          response: {
            200: {
              description: 'The report (JSON), or its grouped rows as text/csv',
              content: {
                'application/json': { schema: ref('analytics-report') },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...errorResponses,
            422: problemResponse,
          },
        },
      },
      async (request, reply: FastifyReply) => {
        const result = await analytics.report(report, request.query);
        if (!wantsCsv(request)) return result;
        const filename = `baton-${report}-by-${result.groupBy}-${result.from}-to-${result.to}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(toCsv(result, result.groupBy));
      },
    );
  }
  app.get<{ Querystring: AnalyticsIssuesQuery }>(
    '/api/analytics/issues',
    {
      config: { access: READ_ANALYTICS },
      schema: {
        tags: ['analytics'],
        summary: 'The issues behind one number of a report (a column, over the range, in one group or all)',
        querystring: ref('api/analytics-issues-query'),
        response: { 200: { type: 'object' }, ...errorResponses, 422: problemResponse },
      },
    },
    async (request) => {
      const { key, ...rest } = request.query;
      return analytics.issuesBehind({ ...rest, ...(key !== undefined ? { key } : {}) });
    },
  );
  app.get<{ Querystring: AnalyticsRoiQuery }>(
    '/api/analytics/roi',
    {
      config: { access: READ_ANALYTICS },
      schema: {
        tags: ['analytics'],
        summary: 'The return on Baton: editable inputs against measured handoffs, with the arithmetic shown',
        querystring: ref('api/analytics-roi-query'),
        response: { 200: { type: 'object' }, ...errorResponses, 422: problemResponse },
      },
    },
    async (request) => analytics.roi(request.query),
  );
  app.post(
    '/api/analytics/rebuild',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        tags: ['analytics'],
        summary:
          'Recompute every analytics number from stored history (issues, timelines, handoffs, SLA clocks, runs)',
        response: {
          200: {
            type: 'object',
            required: ['issues', 'signals', 'ms'],
            properties: {
              issues: { type: 'integer' },
              signals: { type: 'integer' },
              ms: { type: 'integer' },
            },
          },
          ...errorResponses,
          409: problemResponse,
        },
      },
    },
    async () => analytics.rebuild(),
  );
}
