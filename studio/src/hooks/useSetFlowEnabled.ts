import { useMutation, useQueryClient } from '@tanstack/react-query';
import { disableFlow, enableFlow } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Enables (a version, default the latest) or disables a flow. */
export function useSetFlowEnabled(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { enabled: true; version?: number } | { enabled: false }) =>
      change.enabled ? enableFlow(id, change.version) : disableFlow(id),
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKeys.flow(id), flow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.flowList });
    },
  });
}
