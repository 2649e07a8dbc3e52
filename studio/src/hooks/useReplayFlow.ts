import type { FlowReplay } from '@baton/schemas/types';
import { useMutation } from '@tanstack/react-query';
import { replayFlow } from '../api/flows.ts';

/** Runs the live draft and a published version over past issues; reports per node. */
export function useReplayFlow(id: string) {
  return useMutation({ mutationFn: (body: FlowReplay) => replayFlow(id, body) });
}
