import { useInfiniteQuery } from '@tanstack/react-query';
import { listCustomerTimeline } from '../api/customers.ts';
import { queryKeys } from '../lib/queryKeys.ts';
import { collectEvents } from './timelinePages.ts';
import { TIMELINE_PAGE_SIZE } from './useIssueTimeline.ts';

/** The unified timeline across all of a customer's issues. */
export function useCustomerTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.customerTimeline(id),
    queryFn: ({ pageParam, signal }) =>
      listCustomerTimeline(id, { limit: TIMELINE_PAGE_SIZE, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => collectEvents(data.pages),
  });
}
