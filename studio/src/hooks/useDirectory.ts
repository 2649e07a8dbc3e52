import { useMemo } from 'react';
import type { Agent, Team } from '../api/types.ts';
import { useAgents } from './useAgents.ts';
import { useTeams } from './useTeams.ts';

export interface Directory {
  teams: Team[];
  agents: Agent[];
  teamById: Map<string, Team>;
  agentById: Map<string, Agent>;
  isLoading: boolean;
  error: unknown;
}

/**
 * Teams and agents with lookups by id, for showing assignees by name. `currentAgents` re-reads the
 * agents when the caller mounts, for views that show or act on their status.
 */
export function useDirectory({ currentAgents = false }: { currentAgents?: boolean } = {}): Directory {
  const teams = useTeams();
  const agents = useAgents({ current: currentAgents });
  return useMemo(() => {
    const teamList = teams.data ?? [];
    const agentList = agents.data ?? [];
    return {
      teams: teamList,
      agents: agentList,
      teamById: new Map(teamList.map((t) => [t.id, t])),
      agentById: new Map(agentList.map((a) => [a.id, a])),
      isLoading: teams.isLoading || agents.isLoading,
      error: teams.error ?? agents.error,
    };
  }, [teams.data, agents.data, teams.isLoading, agents.isLoading, teams.error, agents.error]);
}
