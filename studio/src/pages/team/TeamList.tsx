import { Link } from 'react-router';
import type { Agent, Team } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { TeamNotificationSwitches } from './TeamNotificationSwitches.tsx';

export function TeamList({ teams, agents }: { teams: Team[]; agents: Agent[] }) {
  if (!teams.length) return <EmptyState title="No teams yet" />;
  const teamById = new Map(teams.map((team) => [team.id, team]));
  return (
    <ul className="team-grid" aria-label="Teams">
      {teams.map((team) => {
        const members = agents.filter((agent) => agent.teamIds?.includes(team.id));
        return (
          <li key={team.id} className="team-card">
            <div className="team-card-header">
              <h3 className="team-name">{team.name}</h3>
              <span className="muted small">
                {members.length} {members.length === 1 ? 'agent' : 'agents'}
              </span>
            </div>
            {team.description && <p className="team-description">{team.description}</p>}
            {team.queues && team.queues.length > 0 && (
              <p className="small">
                <span className="muted">Queues: </span>
                {team.queues.join(', ')}
              </p>
            )}
            {team.escalationTeamId && (
              <p className="small">
                <span className="muted">Escalates to: </span>
                {teamById.get(team.escalationTeamId)?.name ?? team.escalationTeamId}
              </p>
            )}
            {team.leadAgentId && (
              <p className="small">
                <span className="muted">Lead: </span>
                {agents.find((a) => a.id === team.leadAgentId)?.name ?? 'an agent not listed'}
              </p>
            )}
            {team.timeZone && (
              <p className="small">
                <span className="muted">Time zone: </span>
                {team.timeZone}
              </p>
            )}
            {members.length > 0 && (
              <p className="team-members small">{members.map((m) => m.name).join(', ')}</p>
            )}
            <TeamNotificationSwitches team={team} />
            <Link to={`/inbox?teamId=${encodeURIComponent(team.id)}`} className="link-quiet small">
              Team's issues →
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
