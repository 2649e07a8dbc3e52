import type { TeamCreate } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createTeam, updateTeam } from '../../../api/settings/directory.ts';
import type { Team } from '../../../api/types.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useTeams } from '../../../hooks/useTeams.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { TextField } from '../common/TextField.tsx';
import { TimeZoneSelect } from '../common/TimeZoneSelect.tsx';
import { WordListInput } from '../common/WordListInput.tsx';

export function TeamForm({ team, onSaved }: { team: Team | undefined; onSaved(team: { id: string }): void }) {
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [draft, setDraft] = useState<TeamCreate>({
    name: team?.name ?? '',
    description: team?.description ?? '',
    queues: team?.queues ?? [],
    timeZone: team?.timeZone ?? '',
    ...(team?.escalationTeamId ? { escalationTeamId: team.escalationTeamId } : {}),
  });
  const set = (patch: Partial<TeamCreate>) => setDraft((d) => ({ ...d, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const body: TeamCreate = {
        name: draft.name.trim(),
        ...(draft.description?.trim() ? { description: draft.description.trim() } : {}),
        queues: draft.queues,
        ...(draft.timeZone ? { timeZone: draft.timeZone } : {}),
        ...(draft.escalationTeamId ? { escalationTeamId: draft.escalationTeamId } : {}),
      };
      return team ? updateTeam(team.id, body) : createTeam(body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.teams });
      onSaved(saved);
    },
  });
  return (
    <form
      className="detail-panel form"
      aria-label={team ? `Team ${team.name}` : 'New team'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 className="detail-title">{team ? team.name : 'New team'}</h2>
      <div className="form-grid">
        <TextField
          label="Name"
          error={save.error}
          pointer="/body/name"
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          required
        />
        <div className="field">
          <span className="field-label">Time zone</span>
          <TimeZoneSelect
            value={draft.timeZone ?? ''}
            onChange={(timeZone) => set({ timeZone })}
            label="Team time zone"
          />
        </div>
        <label className="field">
          <span className="field-label">Escalates to</span>
          <select
            value={draft.escalationTeamId ?? ''}
            onChange={(e) => set({ escalationTeamId: e.target.value || undefined })}
          >
            <option value="">No team</option>
            {(teams.data ?? [])
              .filter((t) => t.id !== team?.id)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <TextField
        label="Description"
        value={draft.description ?? ''}
        onChange={(e) => set({ description: e.target.value })}
      />
      <div className="field">
        <span className="field-label">Queues this team works</span>
        <WordListInput
          label="Queues"
          placeholder="e.g. Billing and Payments"
          value={draft.queues ?? []}
          onChange={(queues) => set({ queues })}
        />
        <FieldErrors error={save.error} pointer="/body/queues" />
      </div>
      {save.error && <ErrorNotice error={save.error} title="The team was not saved" compact />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending || !draft.name.trim()}
        >
          {team ? 'Save team' : 'Create team'}
        </button>
        {save.isSuccess && !save.isPending && <span className="saved-note">Saved</span>}
      </div>
    </form>
  );
}
