import { useInfiniteQuery } from '@tanstack/react-query';
import { type IssueFilters, listIssues } from '../api/issues.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export const ISSUE_PAGE_SIZE = 50;

/** The inbox: issues matching `filters`, a page at a time (`fetchNextPage` follows `nextCursor`). */
export function useIssueList(filters: IssueFilters, pageSize = ISSUE_PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.issueList(filters), pageSize],
    queryFn: ({ pageParam, signal }) => listIssues(filters, { limit: pageSize, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}
