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

/** Consecutive events of the same issue, in the order given (chronological). */
export function groupByIssue(events: TimelineEvent[]): Group[] {
  const groups: Group[] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && last.issueId === event.issueId) last.events.push(event);
    else groups.push({ issueId: event.issueId, events: [event] });
  }
  return groups;
}

/** Every event of every issue of the customer, in order, each run of one issue under its subject. */
export function CustomerTimeline({
  customerId,
  issueById,
}: {
  customerId: string;
  issueById: Map<string, Issue>;
}) {
  const timeline = useCustomerTimeline(customerId);

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

  const { events, newestFirst } = timeline.data;
  const groups = groupByIssue(events);
  const more = (
    <LoadMore
      hasMore={Boolean(timeline.hasNextPage)}
      loading={timeline.isFetchingNextPage}
      onLoad={() => void timeline.fetchNextPage()}
      error={timeline.isFetchNextPageError ? timeline.error : undefined}
      label={newestFirst ? 'Load older events' : 'Load newer events'}
    />
  );

  if (!groups.length) return <EmptyState title="Nothing has happened yet" />;
  return (
    <div className="customer-timeline">
      {newestFirst && more}
      {groups.map((group) => (
        <section key={`${group.issueId}:${group.events[0]!.id}`} className="tl-group">
          <IssueGroupHeader issueId={group.issueId} known={issueById.get(group.issueId)} />
          <TimelineList
            events={group.events}
            label={`Events of ${issueById.get(group.issueId)?.subject ?? 'issue'}`}
          />
        </section>
      ))}
      {!newestFirst && more}
    </div>
  );
}
