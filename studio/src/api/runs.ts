import type { FlowRun } from '@baton/schemas/types';
import { request } from './client.ts';
import type { Page } from './types.ts';

/** Flow runs on an issue, newest first: which flow changed what, and when. */
export function listIssueRuns(issueId: string, signal?: AbortSignal): Promise<Page<FlowRun>> {
  return request<Page<FlowRun>>(`/api/issues/${encodeURIComponent(issueId)}/runs`, {
    query: { limit: 100 },
    signal,
  });
}
