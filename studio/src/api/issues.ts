import { request } from './client.ts';
import type { Issue, IssuePatch, NewTimelineEntry, Page, TimelineEvent } from './types.ts';

/** The inbox filters GET /api/issues understands; all optional, all plain strings in the URL. */
export const ISSUE_FILTER_KEYS = [
  'status',
  'priority',
  'channel',
  'customerId',
  'tag',
  'assigneeAgentId',
  'teamId',
  'queue',
] as const;
export type IssueFilterKey = (typeof ISSUE_FILTER_KEYS)[number];
export type IssueFilters = Partial<Record<IssueFilterKey, string>>;

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
  signal?: AbortSignal;
}

export function listIssues(filters: IssueFilters, page: PageRequest = {}): Promise<Page<Issue>> {
  return request<Page<Issue>>('/api/issues', {
    query: { ...filters, limit: page.limit, cursor: page.cursor },
    signal: page.signal,
  });
}

export function getIssue(id: string, signal?: AbortSignal): Promise<Issue> {
  return request<Issue>(`/api/issues/${encodeURIComponent(id)}`, { signal });
}

export function updateIssue(id: string, patch: IssuePatch): Promise<Issue> {
  return request<Issue>(`/api/issues/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export function listIssueTimeline(id: string, page: PageRequest = {}): Promise<Page<TimelineEvent>> {
  return request<Page<TimelineEvent>>(`/api/issues/${encodeURIComponent(id)}/timeline`, {
    query: { limit: page.limit, cursor: page.cursor },
    signal: page.signal,
  });
}

export function addTimelineEntry(id: string, entry: NewTimelineEntry): Promise<TimelineEvent> {
  return request<TimelineEvent>(`/api/issues/${encodeURIComponent(id)}/timeline`, {
    method: 'POST',
    body: entry,
  });
}
