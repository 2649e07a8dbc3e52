import type { RangeQuery, ReportName } from '../api/analytics.ts';
import type { IssueFilters } from '../api/issues.ts';

/** Every TanStack Query key in one place, so invalidation stays in step with fetching. */
export const queryKeys = {
  me: ['me'] as const,
  issues: ['issues'] as const,
  issueList: (filters: IssueFilters) => ['issues', 'list', filters] as const,
  issue: (id: string) => ['issues', 'detail', id] as const,
  issueTimeline: (id: string) => ['issues', 'timeline', id] as const,
  customer: (id: string) => ['customers', 'detail', id] as const,
  customerTimeline: (id: string) => ['customers', 'timeline', id] as const,
  teams: ['teams'] as const,
  agents: ['agents'] as const,
  nodeKinds: ['node-kinds'] as const,
  flows: ['flows'] as const,
  flowList: ['flows', 'list'] as const,
  flow: (id: string) => ['flows', 'detail', id] as const,
  flowVersions: (id: string) => ['flows', 'versions', id] as const,
  flowRuns: (id: string) => ['flows', 'runs', id] as const,
  flowDiff: (id: string, from: number, to: number) => ['flows', 'diff', id, from, to] as const,
  analytics: ['analytics'] as const,
  analyticsReport: (report: ReportName, query: RangeQuery) => ['analytics', 'report', report, query] as const,
  analyticsIssues: (query: object) => ['analytics', 'issues', query] as const,
  analyticsRoi: (query: object) => ['analytics', 'roi', query] as const,
};
