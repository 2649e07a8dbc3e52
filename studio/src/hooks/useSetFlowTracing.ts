import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setFlowTracing } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/**
 * Sets how many of a flow's live runs keep their full trace (null: the server's default), for
 * `forMinutes` or until changed.
 */
export function useSetFlowTracing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ percent, forMinutes }: { percent: number | null; forMinutes?: number | undefined }) =>
      setFlowTracing(id, percent, forMinutes),
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKeys.flow(id), flow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.flowList });
    },
  });
}
