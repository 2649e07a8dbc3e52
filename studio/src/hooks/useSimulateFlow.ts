import type { FlowSimulate } from '@baton/schemas/types';
import { useMutation } from '@tanstack/react-query';
import { simulateFlow } from '../api/flows.ts';

/** Runs the live draft on an issue without side effects. */
export function useSimulateFlow(id: string) {
  return useMutation({ mutationFn: (body: FlowSimulate) => simulateFlow(id, body) });
}
