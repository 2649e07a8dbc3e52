import { useQuery } from '@tanstack/react-query';
import { getFlow } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useFlow(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.flow(id ?? ''),
    queryFn: ({ signal }) => getFlow(id!, signal),
    enabled: Boolean(id),
  });
}
