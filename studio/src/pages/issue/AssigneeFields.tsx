import { useId } from 'react';
import type { Assignee, IssuePatch } from '../../api/types.ts';
import { useDirectory } from '../../hooks/useDirectory.ts';

interface Props {
  assignee: Assignee | undefined;
  onChange: (assignee: NonNullable<IssuePatch['assignee']>) => void;
}

/** Team and agent pickers; the agent list narrows to the chosen team's members. */
export function AssigneeFields({ assignee, onChange }: Props) {
  const teamSelect = useId();
  const agentSelect = useId();
  const { teams, agents, teamById, agentById, isLoading } = useDirectory();
  const teamId = assignee?.teamId ?? '';
  const agentId = assignee?.agentId ?? '';

  const candidates = agents.filter(
    (a) => !teamId || !a.teamIds || a.teamIds.includes(teamId) || a.id === agentId,
  );

  return (
    <>
      <div className="prop">
        <label htmlFor={teamSelect} className="prop-label">
          Team
        </label>
        <select
          id={teamSelect}
          className="prop-select"
          value={teamId}
          disabled={isLoading}
          onChange={(e) => onChange({ teamId: e.target.value || null })}
        >
          <option value="">No team</option>
          {teamId && !teamById.has(teamId) && <option value={teamId}>{teamId}</option>}
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className="prop">
        <label htmlFor={agentSelect} className="prop-label">
          Agent
        </label>
        <select
          id={agentSelect}
          className="prop-select"
          value={agentId}
          disabled={isLoading}
          onChange={(e) => onChange({ agentId: e.target.value || null })}
        >
          <option value="">Unassigned</option>
          {agentId && !agentById.has(agentId) && <option value={agentId}>{agentId}</option>}
          {candidates.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
              {agent.status ? ` (${agent.status})` : ''}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
