import { useMutation, useQueryClient } from '@tanstack/react-query';
import { publishFlow } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Publishes the live draft (the server reads it from the hub) as the next version. */
export function usePublishFlow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { note?: string; enable?: boolean }) => publishFlow(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.flow(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.flowVersions(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.flowList });
    },
  });
}
