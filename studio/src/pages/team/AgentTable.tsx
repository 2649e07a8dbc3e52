import type { Agent, Team } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { AgentRow } from './AgentRow.tsx';

export function AgentTable({ agents, teams }: { agents: Agent[]; teams: Team[] }) {
  if (!agents.length) return <EmptyState title="No agents yet" />;
  const teamById = new Map(teams.map((team) => [team.id, team]));
  return (
    <table className="table agent-table" aria-label="Agents">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Status</th>
          <th scope="col">Teams</th>
          <th scope="col">Skills</th>
          <th scope="col">Capacity</th>
          <th scope="col">Working hours</th>
          <th scope="col">Local time</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <AgentRow key={agent.id} agent={agent} teamById={teamById} />
        ))}
      </tbody>
    </table>
  );
}
