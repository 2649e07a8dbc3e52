import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getReport, type RangeQuery, type ReportName } from '../api/analytics.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** One analytics report; the previous one stays on screen while a new range or grouping loads. */
export function useAnalyticsReport(report: ReportName, query: RangeQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.analyticsReport(report, query),
    queryFn: ({ signal }) => getReport(report, query, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // While the server recounts from history after an upgrade, ask again until it is done.
    refetchInterval: (query) => (query.state.data?.recounting ? 5_000 : false),
    enabled,
  });
}
