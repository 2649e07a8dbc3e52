import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { addTimelineEntry } from '../api/issues.ts';
import type { NewTimelineEntry, Page, TimelineEvent } from '../api/types.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Adds an internal note or an agent reply; the new event shows at once, then everything refreshes. */
export function useAddTimelineEntry(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: NewTimelineEntry) => addTimelineEntry(issueId, entry),
    onSuccess: (event) => {
      if (event && typeof event === 'object' && 'id' in event) {
        queryClient.setQueryData<InfiniteData<Page<TimelineEvent>, string | null>>(
          queryKeys.issueTimeline(issueId),
          (data) => {
            if (!data?.pages.length || data.pages.some((p) => p.items.some((e) => e.id === event.id)))
              return data;
            const [first, ...rest] = data.pages;
            return { ...data, pages: [{ ...first!, items: [event, ...first!.items] }, ...rest] };
          },
        );
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.issueTimeline(issueId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.issue(issueId) });
      void queryClient.invalidateQueries({ queryKey: ['issues', 'list'] });
      if (event?.customerId) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.customerTimeline(event.customerId) });
      }
    },
  });
}
