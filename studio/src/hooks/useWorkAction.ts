import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * One answer to work (accept an offer, confirm a handoff, acknowledge an escalation, …): on success
 * everything that shows work or issues refreshes, since each answer moves an issue somewhere.
 */
export function useWorkAction<A, R>(action: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      void queryClient.invalidateQueries({ queryKey: ['issues'] });
      void queryClient.invalidateQueries({ queryKey: ['agents'] });
      void queryClient.invalidateQueries({ queryKey: ['sla'] });
    },
  });
}
