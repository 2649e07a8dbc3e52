import { useMemo } from 'react';
import type { Names } from '../lib/systemEvents.ts';
import { useDirectory } from './useDirectory.ts';

/** Agent and team names by id, for sentences about work ("offered by Daniel Kim (Technical Support)"). */
export function useNames(): Names {
  const { agentById, teamById } = useDirectory();
  return useMemo(
    () => ({
      agent: (id: string) => agentById.get(id)?.name,
      team: (id: string) => teamById.get(id)?.name,
    }),
    [agentById, teamById],
  );
}
