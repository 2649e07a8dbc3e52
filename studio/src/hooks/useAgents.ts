import { useQuery } from '@tanstack/react-query';
import { listAgents } from '../api/directory.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useAgents() {
  return useQuery({
    queryKey: queryKeys.agents,
    queryFn: ({ signal }) => listAgents(signal),
    staleTime: 60_000,
  });
}
