import { useQuery } from '@tanstack/react-query';
import { getMyWork } from '../api/work.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/**
 * What waits for me. The notification stream refreshes it the moment something new arrives; the
 * interval is the fallback when the stream is down (a proxy that buffers, a laptop waking up).
 */
export function useMyWork(enabled = true) {
  return useQuery({
    queryKey: queryKeys.myWork,
    queryFn: ({ signal }) => getMyWork(signal),
    enabled,
    refetchInterval: 20_000,
  });
}
