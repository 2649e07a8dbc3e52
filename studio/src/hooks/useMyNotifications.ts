import { useQuery } from '@tanstack/react-query';
import { listMyNotifications } from '../api/notifications.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** My latest in-app notifications (the stream refreshes them as they arrive). */
export function useMyNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ signal }) => listMyNotifications(signal),
    refetchInterval: 60_000,
  });
}
