import { useQuery } from '@tanstack/react-query';
import { listTeams } from '../api/directory.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: ({ signal }) => listTeams(signal),
    staleTime: 5 * 60_000,
  });
}
