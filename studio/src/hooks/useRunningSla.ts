import type { SlaClockView } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { getRunningSla } from '../api/work.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** The most pressing running SLA clock per issue, with the time it was read (for live countdowns). */
export function useRunningSla() {
  return useQuery({
    queryKey: queryKeys.slaRunning,
    queryFn: async ({ signal }) => {
      const running = await getRunningSla(signal);
      return {
        readAt: Date.now(),
        byIssue: new Map<string, SlaClockView>(running.items.map((item) => [item.issueId, item.clock])),
      };
    },
    refetchInterval: 60_000,
  });
}
