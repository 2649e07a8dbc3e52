import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setFlowTracing } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Sets how many of a flow's live runs keep their full trace (null: the server's default). */
export function useSetFlowTracing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (percent: number | null) => setFlowTracing(id, percent),
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKeys.flow(id), flow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.flowList });
    },
  });
}
