import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useAgents } from '../../../hooks/useAgents.ts';
import { useTeams } from '../../../hooks/useTeams.ts';
import { summarizeWorkingHours } from '../../../lib/workingHours.ts';
import { AgentForm } from './AgentForm.tsx';
import { TeamForm } from './TeamForm.tsx';

type Selection = { kind: 'team' | 'agent'; id: string | 'new' } | null;

/** Teams (their queues and time zone) and agents (skills, working hours, capacity), editable. */
export function TeamsSettingsPage() {
  const teams = useTeams();
  const agents = useAgents();
  const [selected, setSelected] = useState<Selection>(null);
  const teamName = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
  const current =
    selected ??
    (teams.data?.[0]
      ? ({ kind: 'team', id: teams.data[0].id } as const)
      : ({ kind: 'team', id: 'new' } as const));

  return (
    <div className="page page-full">
      <PageHeader
        title="Teams & agents"
        actions={
          <>
            <button type="button" className="button" onClick={() => setSelected({ kind: 'team', id: 'new' })}>
              New team
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setSelected({ kind: 'agent', id: 'new' })}
            >
              New agent
            </button>
          </>
        }
      />
      {(teams.isPending || agents.isPending) && <Loading label="Loading teams and agents…" />}
      {teams.isError && (
        <ErrorNotice error={teams.error} title="Could not load teams" onRetry={() => void teams.refetch()} />
      )}
      {agents.isError && (
        <ErrorNotice
          error={agents.error}
          title="Could not load agents"
          onRetry={() => void agents.refetch()}
        />
      )}
      {teams.isSuccess && agents.isSuccess && (
        <div className="master-detail">
          <div className="form">
            <span className="field-label">Teams</span>
            {!teams.data.length && <EmptyState title="No teams yet" />}
            <ul className="master-list" aria-label="Teams" style={{ position: 'static' }}>
              {teams.data.map((team) => (
                <li key={team.id}>
                  <button
                    type="button"
                    className={
                      current.kind === 'team' && current.id === team.id ? 'master-item active' : 'master-item'
                    }
                    onClick={() => setSelected({ kind: 'team', id: team.id })}
                  >
                    <span className="master-item-title">{team.name}</span>
                    <span className="master-item-meta">{(team.queues ?? []).join(', ') || 'No queues'}</span>
                  </button>
                </li>
              ))}
            </ul>
            <span className="field-label">Agents</span>
            <ul className="master-list" aria-label="Agents" style={{ position: 'static' }}>
              {agents.data.map((agent) => (
                <li key={agent.id}>
                  <button
                    type="button"
                    className={
                      current.kind === 'agent' && current.id === agent.id
                        ? 'master-item active'
                        : 'master-item'
                    }
                    onClick={() => setSelected({ kind: 'agent', id: agent.id })}
                  >
                    <span className="master-item-title">{agent.name}</span>
                    <span className="master-item-meta">
                      {(agent.teamIds ?? [])
                        .map((id) => teamName.get(id))
                        .filter(Boolean)
                        .join(', ') || 'No team'}{' '}
                      · {summarizeWorkingHours(agent.workingHours) ?? 'No fixed hours'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {current.kind === 'team' ? (
            <TeamForm
              key={`team:${current.id}`}
              team={teams.data.find((t) => t.id === current.id)}
              onSaved={(team) => setSelected({ kind: 'team', id: team.id })}
            />
          ) : (
            <AgentForm
              key={`agent:${current.id}`}
              agentId={current.id === 'new' ? undefined : current.id}
              onSaved={(agent) => setSelected({ kind: 'agent', id: agent.id })}
            />
          )}
        </div>
      )}
    </div>
  );
}
