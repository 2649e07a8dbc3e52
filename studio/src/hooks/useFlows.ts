import { useQuery } from '@tanstack/react-query';
import { listFlows } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useFlows() {
  return useQuery({
    queryKey: queryKeys.flowList,
    queryFn: ({ signal }) => listFlows({ limit: 200, signal }),
  });
}
