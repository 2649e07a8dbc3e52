import { useQuery } from '@tanstack/react-query';
import { listAgents } from '../api/directory.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Every agent. `current` asks the server again when the caller mounts (statuses change by the minute). */
export function useAgents({ current = false }: { current?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.agents,
    queryFn: ({ signal }) => listAgents(signal),
    staleTime: 60_000,
    ...(current ? { refetchOnMount: 'always' as const } : {}),
  });
}
