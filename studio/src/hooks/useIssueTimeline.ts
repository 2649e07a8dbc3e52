import { useInfiniteQuery } from '@tanstack/react-query';
import { listIssueTimeline } from '../api/issues.ts';
import { queryKeys } from '../lib/queryKeys.ts';
import { collectEvents } from './timelinePages.ts';

export const TIMELINE_PAGE_SIZE = 50;

/** An issue's timeline, de-duplicated and in chronological order; `newestFirst` tells which way pages go. */
export function useIssueTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.issueTimeline(id),
    queryFn: ({ pageParam, signal }) =>
      listIssueTimeline(id, { limit: TIMELINE_PAGE_SIZE, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => collectEvents(data.pages),
  });
}
