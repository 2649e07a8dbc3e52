import { Link } from 'react-router';
import type { Issue } from '../../api/types.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useIssue } from '../../hooks/useIssue.ts';

/** The issue a run of timeline events belongs to; fetched only when the customer's issue list lacks it. */
export function IssueGroupHeader({ issueId, known }: { issueId: string; known: Issue | undefined }) {
  const fetched = useIssue(known ? undefined : issueId);
  const issue = known ?? fetched.data;
  return (
    <h3 className="tl-group-header">
      <Link to={`/issues/${encodeURIComponent(issueId)}`}>{issue?.subject ?? issueId}</Link>
      {issue && <StatusBadge status={issue.status} />}
    </h3>
  );
}
