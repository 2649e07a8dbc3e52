import type { Issue } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { TimelineList } from '../../components/timeline/TimelineList.tsx';
import { useIssueTimeline } from '../../hooks/useIssueTimeline.ts';
import { OriginalMessage } from './OriginalMessage.tsx';

/** The issue's body, then its timeline in chronological order, with paging towards wherever "more" lies. */
export function IssueConversation({ issue }: { issue: Issue }) {
  const timeline = useIssueTimeline(issue.id);
  const events = timeline.data?.events ?? [];
  const newestFirst = timeline.data?.newestFirst ?? true;
  const bodyInTimeline = events.some(
    (e) => e.type === 'customer_message' && e.text?.trim() === issue.body.trim(),
  );

  const more = (
    <LoadMore
      hasMore={Boolean(timeline.hasNextPage)}
      loading={timeline.isFetchingNextPage}
      onLoad={() => void timeline.fetchNextPage()}
      error={timeline.isFetchNextPageError ? timeline.error : undefined}
      label={newestFirst ? 'Load older events' : 'Load newer events'}
    />
  );

  return (
    <div className="conversation">
      {newestFirst && more}
      {!bodyInTimeline && (!newestFirst || !timeline.hasNextPage) && <OriginalMessage issue={issue} />}
      {timeline.isPending && <Loading label="Loading timeline…" />}
      {timeline.isError && !timeline.data && (
        <ErrorNotice
          error={timeline.error}
          title="Could not load the timeline"
          onRetry={() => void timeline.refetch()}
        />
      )}
      {timeline.isSuccess && <TimelineList events={events} />}
      {!newestFirst && more}
    </div>
  );
}
