import { Link } from 'react-router';
import type { Issue } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { IssueTable } from '../../components/IssueTable.tsx';
import { useRunningSla } from '../../hooks/useRunningSla.ts';

/** The open issues I own, most urgent first, each with its most pressing SLA clock. */
export function MyIssues({ issues }: { issues: Issue[] }) {
  const sla = useRunningSla();
  if (issues.length === 0) {
    return (
      <EmptyState title="No open issues assigned to you">
        New work arrives as offers above; you can also pick from the <Link to="/inbox">inbox</Link>.
      </EmptyState>
    );
  }
  return <IssueTable issues={issues} sla={sla.data ?? undefined} label="My issues" mine />;
}
