import { useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { IssueTable } from '../../components/IssueTable.tsx';
import { Loading } from '../../components/Loading.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useInboxFilters } from '../../hooks/useInboxFilters.ts';
import { useIssueList } from '../../hooks/useIssueList.ts';
import { useNow } from '../../hooks/useNow.ts';
import { useRunningSla } from '../../hooks/useRunningSla.ts';
import { useUpdateQuery } from '../../hooks/useUpdateQuery.ts';
import { isBreachingSoon, remainingNow } from '../../lib/sla.ts';
import { InboxEmpty } from './InboxEmpty.tsx';
import { InboxFilters } from './InboxFilters.tsx';

export function InboxPage() {
  const { filters, setFilter, clearFilters, activeCount } = useInboxFilters();
  const issues = useIssueList(filters);
  const sla = useRunningSla();
  const now = useNow(30_000);
  const [params] = useSearchParams();
  const updateQuery = useUpdateQuery();
  const soonOnly = params.get('sla') === 'soon';
  const bySla = params.get('sort') === 'sla';
  const toggle = (key: string, value: string) =>
    updateQuery((query) => {
      if (query.get(key) === value) query.delete(key);
      else query.set(key, value);
    });

  // "Breaching soon" and the SLA sort work on the loaded pages; clocks come from one read of all running ones.
  const byIssue = sla.data?.byIssue ?? new Map();
  const readAt = sla.data?.readAt ?? now;
  const left = (id: string) => {
    const clock = byIssue.get(id);
    return clock ? (remainingNow(clock, now, readAt) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  };
  let items = issues.data ?? [];
  if (soonOnly)
    items = items.filter((i) => byIssue.has(i.id) && isBreachingSoon(byIssue.get(i.id)!, now, readAt));
  if (bySla) items = [...items].sort((a, b) => left(a.id) - left(b.id));

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
      <div className="filter-row">
        <InboxFilters
          filters={filters}
          onChange={setFilter}
          onClear={clearFilters}
          activeCount={activeCount}
        />
        <button
          type="button"
          className={soonOnly ? 'button button-small toggle active' : 'button button-small toggle'}
          aria-pressed={soonOnly}
          onClick={() => toggle('sla', 'soon')}
          title="Issues whose SLA is breached or due within the hour"
        >
          Breaching soon
        </button>
      </div>
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
          <InboxEmpty
            filtered={activeCount > 0 || soonOnly}
            onClear={() => {
              clearFilters();
              if (soonOnly) toggle('sla', 'soon');
            }}
          />
        )}
        {items.length > 0 && (
          <IssueTable
            issues={items}
            sla={{ byIssue, readAt, sort: { sorted: bySla, onSort: () => toggle('sort', 'sla') } }}
          />
        )}
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
