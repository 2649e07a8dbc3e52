import { useQuery } from '@tanstack/react-query';
import { listFlowRuns } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** While the Runs tab shows them, new runs appear within this long (a page of 20 is cheap to ask for). */
const RUNS_REFRESH_MS = 5_000;

/** The flow's newest runs, asked again every few seconds while shown. */
export function useFlowRuns(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.flowRuns(id),
    queryFn: ({ signal }) => listFlowRuns(id, 20, signal),
    enabled,
    refetchInterval: RUNS_REFRESH_MS,
  });
}
