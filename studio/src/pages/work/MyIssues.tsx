import { Link } from 'react-router';
import type { Issue } from '../../api/types.ts';
import { CustomerName } from '../../components/CustomerName.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PriorityBadge } from '../../components/PriorityBadge.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { SlaChip } from '../../components/SlaChip.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
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
  return (
    <table className="table issue-table" aria-label="My issues">
      <thead>
        <tr>
          <th scope="col" className="col-priority">
            Priority
          </th>
          <th scope="col">Subject</th>
          <th scope="col" className="col-customer">
            Customer
          </th>
          <th scope="col" className="col-status">
            Status
          </th>
          <th scope="col" className="col-sla">
            SLA
          </th>
          <th scope="col" className="col-time">
            Activity
          </th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue) => {
          const clock = sla.data?.byIssue.get(issue.id);
          return (
            <tr key={issue.id} className="issue-row">
              <td className="col-priority">
                <PriorityBadge priority={issue.priority} />
              </td>
              <td className="col-subject">
                <Link to={`/issues/${encodeURIComponent(issue.id)}`} className="issue-subject">
                  {issue.subject}
                </Link>
                {issue.queue && <span className="issue-sub muted">{issue.queue}</span>}
              </td>
              <td className="col-customer">
                <CustomerName id={issue.customerId} />
              </td>
              <td className="col-status">
                <StatusBadge status={issue.status} />
              </td>
              <td className="col-sla">
                {clock && sla.data ? (
                  <SlaChip clock={clock} readAt={sla.data.readAt} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="col-time">
                <RelativeTime iso={issue.lastActivityAt} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
