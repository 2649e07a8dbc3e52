import { useQuery } from '@tanstack/react-query';
import { listVersions } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useFlowVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.flowVersions(id),
    queryFn: ({ signal }) => listVersions(id, signal),
    enabled,
  });
}
