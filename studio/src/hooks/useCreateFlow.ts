import type { FlowCreate } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createFlow } from '../api/flows.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Creates a flow (new, duplicated or imported) and refreshes the list. */
export function useCreateFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FlowCreate) => createFlow(body),
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKeys.flow(flow.id), flow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.flowList });
    },
  });
}
