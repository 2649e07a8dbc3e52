import { useQuery } from '@tanstack/react-query';
import { listFlowRuns } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useFlowRuns(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.flowRuns(id),
    queryFn: ({ signal }) => listFlowRuns(id, 20, signal),
    enabled,
  });
}
