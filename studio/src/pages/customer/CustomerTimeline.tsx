import type { Issue, TimelineEvent } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { TimelineList } from '../../components/timeline/TimelineList.tsx';
import { useCustomerTimeline } from '../../hooks/useCustomerTimeline.ts';
import { IssueGroupHeader } from './IssueGroupHeader.tsx';

interface Group {
  issueId: string;
  events: TimelineEvent[];
}

/** Newest first, consecutive events of the same issue grouped under that issue's subject. */
export function groupByIssue(events: TimelineEvent[]): Group[] {
  const groups: Group[] = [];
  for (const event of [...events].reverse()) {
    const last = groups.at(-1);
    if (last && last.issueId === event.issueId) last.events.push(event);
    else groups.push({ issueId: event.issueId, events: [event] });
  }
  return groups;
}

export function CustomerTimeline({
  customerId,
  issueById,
}: {
  customerId: string;
  issueById: Map<string, Issue>;
}) {
  const timeline = useCustomerTimeline(customerId);
  const groups = groupByIssue(timeline.data?.events ?? []);

  if (timeline.isPending) return <Loading label="Loading timeline…" />;
  if (timeline.isError && !timeline.data) {
    return (
      <ErrorNotice
        error={timeline.error}
        title="Could not load the timeline"
        onRetry={() => void timeline.refetch()}
      />
    );
  }
  if (!groups.length) return <EmptyState title="Nothing has happened yet" />;

  return (
    <div className="customer-timeline">
      {groups.map((group) => (
        <section key={`${group.issueId}:${group.events[0]!.id}`} className="tl-group">
          <IssueGroupHeader issueId={group.issueId} known={issueById.get(group.issueId)} />
          <TimelineList events={group.events} label="Events" />
        </section>
      ))}
      <LoadMore
        hasMore={Boolean(timeline.hasNextPage)}
        loading={timeline.isFetchingNextPage}
        onLoad={() => void timeline.fetchNextPage()}
        error={timeline.isFetchNextPageError ? timeline.error : undefined}
        label={timeline.data.newestFirst ? 'Load older events' : 'Load more events'}
      />
    </div>
  );
}
