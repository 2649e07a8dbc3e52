import { useQuery } from '@tanstack/react-query';
import { getIssuesBehind, type RangeQuery, type ReportName } from '../api/analytics.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export interface DrillTarget extends RangeQuery {
  report: ReportName;
  column: string;
  key?: string;
}

/** The issues behind one number of a report (null: nothing picked). */
export function useIssuesBehind(target: DrillTarget | null) {
  return useQuery({
    queryKey: queryKeys.analyticsIssues(target ?? {}),
    queryFn: ({ signal }) => getIssuesBehind(target!, signal),
    enabled: target !== null,
  });
}
