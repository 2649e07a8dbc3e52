import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useInboxFilters } from '../../hooks/useInboxFilters.ts';
import { useIssueList } from '../../hooks/useIssueList.ts';
import { InboxEmpty } from './InboxEmpty.tsx';
import { InboxFilters } from './InboxFilters.tsx';
import { IssueTable } from './IssueTable.tsx';

export function InboxPage() {
  const { filters, setFilter, clearFilters, activeCount } = useInboxFilters();
  const issues = useIssueList(filters);
  const items = issues.data ?? [];

  return (
    <div className="page page-full">
      <PageHeader
        title="Inbox"
        meta={
          issues.isSuccess && (
            <span>
              {items.length}
              {issues.hasNextPage ? '+' : ''} {items.length === 1 ? 'issue' : 'issues'}
            </span>
          )
        }
        actions={
          <button
            type="button"
            className="button button-small"
            onClick={() => void issues.refetch()}
            disabled={issues.isFetching}
          >
            {issues.isFetching && !issues.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
          </button>
        }
      />
      <InboxFilters filters={filters} onChange={setFilter} onClear={clearFilters} activeCount={activeCount} />
      <div className="page-body">
        {issues.isPending && <Loading label="Loading issues…" />}
        {issues.isError && !issues.data && (
          <ErrorNotice
            error={issues.error}
            title="Could not load the inbox"
            onRetry={() => void issues.refetch()}
          />
        )}
        {issues.isSuccess && items.length === 0 && (
          <InboxEmpty filtered={activeCount > 0} onClear={clearFilters} />
        )}
        {items.length > 0 && <IssueTable issues={items} />}
        <LoadMore
          hasMore={Boolean(issues.hasNextPage)}
          loading={issues.isFetchingNextPage}
          onLoad={() => void issues.fetchNextPage()}
          error={issues.isFetchNextPageError ? issues.error : undefined}
          label="Load more issues"
        />
      </div>
    </div>
  );
}
