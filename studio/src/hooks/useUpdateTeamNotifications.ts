import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateTeamNotifications } from '../api/directory.ts';
import type { Team, TeamNotifications } from '../api/types.ts';
import { queryKeys } from '../lib/queryKeys.ts';

/** Switches parts of the default notifications on or off for one team. */
export function useUpdateTeamNotifications(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notifications: TeamNotifications) => updateTeamNotifications(id, notifications),
    onSuccess: (team) => {
      queryClient.setQueryData<Team[]>(queryKeys.teams, (teams) =>
        teams?.map((t) => (t.id === team.id ? team : t)),
      );
    },
  });
}
