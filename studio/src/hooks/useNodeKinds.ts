import { useQuery } from '@tanstack/react-query';
import { getNodeKinds } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** The node-kind catalog: every registered kind (plugins' included), facts, operators, events. */
export function useNodeKinds() {
  return useQuery({
    queryKey: queryKeys.nodeKinds,
    queryFn: ({ signal }) => getNodeKinds(signal),
    staleTime: 60_000,
  });
}
