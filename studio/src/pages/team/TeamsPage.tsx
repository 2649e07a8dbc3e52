import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAgents } from '../../hooks/useAgents.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useTeams } from '../../hooks/useTeams.ts';
import { AgentTable } from './AgentTable.tsx';
import { TeamList } from './TeamList.tsx';

export function TeamsPage() {
  const teams = useTeams();
  const agents = useAgents();
  const me = useMe();

  return (
    <div className="page page-full">
      <PageHeader
        title="Teams & agents"
        meta={
          teams.isSuccess &&
          agents.isSuccess && (
            <span>
              {teams.data.length} teams · {agents.data.length} agents
            </span>
          )
        }
        actions={
          me.data?.roles.includes('admin') && (
            <Link to="/settings/teams" className="button">
              Edit teams and agents
            </Link>
          )
        }
      />
      <div className="page-body">
        <section aria-labelledby="teams-title" className="section">
          <h2 id="teams-title" className="section-title">
            Teams
          </h2>
          {teams.isPending && <Loading label="Loading teams…" />}
          {teams.isError && (
            <ErrorNotice
              error={teams.error}
              title="Could not load teams"
              onRetry={() => void teams.refetch()}
            />
          )}
          {teams.isSuccess && <TeamList teams={teams.data} agents={agents.data ?? []} />}
        </section>
        <section aria-labelledby="agents-title" className="section">
          <h2 id="agents-title" className="section-title">
            Agents
          </h2>
          {agents.isPending && <Loading label="Loading agents…" />}
          {agents.isError && (
            <ErrorNotice
              error={agents.error}
              title="Could not load agents"
              onRetry={() => void agents.refetch()}
            />
          )}
          {agents.isSuccess && <AgentTable agents={agents.data} teams={teams.data ?? []} />}
        </section>
      </div>
    </div>
  );
}
