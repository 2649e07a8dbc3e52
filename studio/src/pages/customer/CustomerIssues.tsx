import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import type { useIssueList } from '../../hooks/useIssueList.ts';

interface Props {
  customerId: string;
  issues: ReturnType<typeof useIssueList>;
}

/** The customer's issues (newest activity first, as the inbox sorts them), linking to each. */
export function CustomerIssues({ customerId, issues }: Props) {
  const items = issues.data ?? [];
  return (
    <section className="panel" aria-labelledby="customer-issues-title">
      <div className="panel-header">
        <h2 id="customer-issues-title" className="panel-title">
          Issues
        </h2>
        <Link to={`/inbox?customerId=${encodeURIComponent(customerId)}`} className="link-quiet small">
          Open in inbox
        </Link>
      </div>
      {issues.isPending && <Loading />}
      {issues.isError && !issues.data && (
        <ErrorNotice error={issues.error} title="Could not load issues" compact />
      )}
      {issues.isSuccess && items.length === 0 && <p className="muted small">No issues.</p>}
      <ul className="mini-list">
        {items.map((issue) => (
          <li key={issue.id} className="mini-item">
            <Link to={`/issues/${encodeURIComponent(issue.id)}`} className="mini-title">
              {issue.subject}
            </Link>
            <span className="mini-meta">
              <StatusBadge status={issue.status} />
              <RelativeTime iso={issue.lastActivityAt} />
            </span>
          </li>
        ))}
      </ul>
      <LoadMore
        hasMore={Boolean(issues.hasNextPage)}
        loading={issues.isFetchingNextPage}
        onLoad={() => void issues.fetchNextPage()}
        error={issues.isFetchNextPageError ? issues.error : undefined}
      />
    </section>
  );
}
