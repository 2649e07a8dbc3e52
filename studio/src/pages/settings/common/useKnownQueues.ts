import { useQuery } from '@tanstack/react-query';
import { listRoutingPolicies } from '../../../api/settings/routing.ts';
import { useTeams } from '../../../hooks/useTeams.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';

/** Queue names the organisation already uses (teams' queues and routing policies), for pickers. */
export function useKnownQueues(): string[] {
  const teams = useTeams();
  const policies = useQuery({
    queryKey: queryKeys.routingPolicies,
    queryFn: ({ signal }) => listRoutingPolicies(signal),
  });
  const names = new Set<string>();
  for (const team of teams.data ?? []) for (const q of team.queues ?? []) names.add(q);
  for (const policy of policies.data ?? []) names.add(policy.queue);
  return [...names].sort((a, b) => a.localeCompare(b));
}
