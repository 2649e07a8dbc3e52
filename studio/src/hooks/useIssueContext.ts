import type { SimilarResults } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { listIssues } from '../api/issues.ts';
import { getBrief, getExperts, getIssueSla, listEscalations, listHandoffs } from '../api/work.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** The issue's SLA clocks, with the time they were read (live countdowns run from it). */
export function useIssueSla(issueId: string) {
  return useQuery({
    queryKey: queryKeys.issueSla(issueId),
    queryFn: async ({ signal }) => ({ readAt: Date.now(), sla: await getIssueSla(issueId, signal) }),
    refetchInterval: 60_000,
  });
}

export function useIssueBrief(issueId: string) {
  return useQuery({
    queryKey: queryKeys.issueBrief(issueId),
    queryFn: ({ signal }) => getBrief(issueId, signal),
    staleTime: 30_000,
  });
}

/**
 * The experts ranking for an issue. `rankNow` (the handoff dialog) asks the server again whenever the
 * caller mounts, however recent the cached ranking: availability changes by the minute, and a pick
 * made from a ranking read before someone came back from "busy" sends the issue to the wrong person.
 */
export function useIssueExperts(issueId: string, { rankNow = false }: { rankNow?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.issueExperts(issueId),
    queryFn: ({ signal }) => getExperts(issueId, signal),
    staleTime: 5_000,
    ...(rankNow ? { refetchOnMount: 'always' as const } : {}),
  });
}

export function useIssueSimilar(issueId: string) {
  return useQuery({
    queryKey: queryKeys.issueSimilar(issueId),
    queryFn: ({ signal }) =>
      request<SimilarResults>(`/api/issues/${encodeURIComponent(issueId)}/similar`, {
        query: { limit: 6 },
        signal,
      }),
    staleTime: 5 * 60_000,
    // Just after the server started, past issues are still being indexed: ask again until they are.
    refetchInterval: (query) => (query.state.data?.retrieval.warming ? 3_000 : false),
  });
}

export function useIssueHandoffs(issueId: string) {
  return useQuery({
    queryKey: queryKeys.issueHandoffs(issueId),
    queryFn: ({ signal }) => listHandoffs(issueId, signal),
    refetchInterval: 30_000,
  });
}

export function useIssueEscalations(issueId: string) {
  return useQuery({
    queryKey: queryKeys.issueEscalations(issueId),
    queryFn: ({ signal }) => listEscalations(issueId, signal),
    refetchInterval: 30_000,
  });
}

/** The customer's other issues (newest first), for "other open issues". */
export function useCustomerIssues(customerId: string) {
  return useQuery({
    queryKey: queryKeys.customerIssues(customerId),
    queryFn: ({ signal }) => listIssues({ customerId }, { limit: 50, signal }),
    staleTime: 30_000,
  });
}
