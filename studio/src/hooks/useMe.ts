import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/auth.ts';
import { queryKeys } from '../lib/queryKeys.ts';
import { useSession } from './useSession.ts';

/** The signed-in principal (user or API key) and its roles. */
export function useMe() {
  const current = useSession();
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe({ signal }),
    enabled: current !== null,
    staleTime: 5 * 60_000,
  });
}
