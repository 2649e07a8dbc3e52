import { useQuery } from '@tanstack/react-query';
import { listIssueRuns } from '../api/runs.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** The flow runs on an issue, so a change a flow made can link to the run that made it. */
export function useIssueRuns(issueId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.issueRuns(issueId),
    queryFn: ({ signal }) => listIssueRuns(issueId, signal),
    enabled,
    staleTime: 30_000,
  });
}
