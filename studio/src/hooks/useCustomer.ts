import { useQuery } from '@tanstack/react-query';
import { getCustomer } from '../api/customers.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** One customer. Cached for a while: the inbox asks for every visible row's customer. */
export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.customer(id ?? ''),
    queryFn: ({ signal }) => getCustomer(id!, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}
