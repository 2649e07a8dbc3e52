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
};
