import type { Agent, AgentCreate, Shift, Skill } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createAgent, updateAgent } from '../../../api/settings/directory.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useAgents } from '../../../hooks/useAgents.ts';
import { useTeams } from '../../../hooks/useTeams.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { WEEKDAY_LABELS, WEEKDAYS } from '../common/DayPicker.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { TextField } from '../common/TextField.tsx';
import { TimeZoneSelect } from '../common/TimeZoneSelect.tsx';
import { SKILL_LEVELS, useKnownSkills } from '../common/useKnownSkills.ts';

const CAPACITY_CHANNELS = [
  ['email', 'Email'],
  ['chat', 'Chat'],
  ['phone', 'Phone'],
] as const;

function draftOf(agent: Agent | undefined): AgentCreate {
  return {
    name: agent?.name ?? '',
    email: agent?.email ?? '',
    timeZone: agent?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
    teamIds: agent?.teamIds ?? [],
    skills: agent?.skills ?? [],
    workingHours: agent?.workingHours ?? [],
    capacity: agent?.capacity ?? { email: 5, chat: 3, phone: 1 },
    status: (agent?.status as AgentCreate['status']) ?? 'offline',
  };
}

export function AgentForm({
  agentId,
  onSaved,
}: {
  agentId: string | undefined;
  onSaved(agent: Agent): void;
}) {
  const queryClient = useQueryClient();
  const agents = useAgents();
  const teams = useTeams();
  const skillNames = useKnownSkills();
  const agent = (agents.data as Agent[] | undefined)?.find((a) => a.id === agentId);
  const [draft, setDraft] = useState<AgentCreate>(() => draftOf(agent));
  const set = (patch: Partial<AgentCreate>) => setDraft((d) => ({ ...d, ...patch }));
  const skills = draft.skills ?? [];
  const shifts = draft.workingHours ?? [];
  const setSkill = (i: number, patch: Partial<Skill>) =>
    set({ skills: skills.map((s, j) => (i === j ? { ...s, ...patch } : s)) });
  const setShift = (i: number, patch: Partial<Shift>) =>
    set({ workingHours: shifts.map((s, j) => (i === j ? { ...s, ...patch } : s)) });
  const save = useMutation({
    mutationFn: () => {
      const body = { ...draft, name: draft.name.trim(), email: draft.email.trim() };
      return agent ? updateAgent(agent.id, body) : createAgent(body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.agents });
      onSaved(saved);
    },
  });

  return (
    <form
      className="detail-panel form"
      aria-label={agent ? `Agent ${agent.name}` : 'New agent'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 className="detail-title">{agent ? agent.name : 'New agent'}</h2>
      <div className="form-grid">
        <TextField
          label="Name"
          error={save.error}
          pointer="/body/name"
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          required
        />
        <TextField
          label="Email"
          error={save.error}
          pointer="/body/email"
          type="email"
          value={draft.email}
          onChange={(e) => set({ email: e.target.value })}
          required
        />
        <div className="field">
          <span className="field-label">Time zone</span>
          <TimeZoneSelect
            value={draft.timeZone}
            onChange={(timeZone) => set({ timeZone })}
            label="Agent time zone"
          />
        </div>
      </div>
      <label className="field" style={{ maxWidth: 320 }}>
        <span className="field-label">Status</span>
        <select
          value={draft.status}
          onChange={(e) => set({ status: e.target.value as AgentCreate['status'] })}
        >
          <option value="available">Available — routing may give them work</option>
          <option value="busy">Busy</option>
          <option value="away">Away</option>
          <option value="offline">Offline</option>
        </select>
      </label>
      <div className="field">
        <span className="field-label">Teams</span>
        <ChoiceChips
          label="Agent teams"
          options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={draft.teamIds ?? []}
          onChange={(teamIds) => set({ teamIds })}
        />
      </div>

      <div className="detail-section">
        <h3 className="detail-section-title">Skills</h3>
        {skills.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div key={i} className="inline-row">
            <input
              className="settings-input"
              list="agent-known-skills"
              aria-label={`Skill ${i + 1}`}
              value={s.skill}
              onChange={(e) => setSkill(i, { skill: e.target.value })}
            />
            <select
              aria-label={`Level of skill ${i + 1}`}
              value={s.level}
              onChange={(e) => setSkill(i, { level: Number(e.target.value) })}
            >
              {SKILL_LEVELS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => set({ skills: skills.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <datalist id="agent-known-skills">
          {skillNames.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <div>
          <button
            type="button"
            className="button button-small"
            onClick={() => set({ skills: [...skills, { skill: '', level: 3 }] })}
          >
            Add a skill
          </button>
        </div>
        <FieldErrors error={save.error} pointer="/body/skills" />
      </div>

      <div className="detail-section">
        <h3 className="detail-section-title">Working hours (their own time zone)</h3>
        {!shifts.length && (
          <span className="field-hint">No fixed hours: available whenever their status says so.</span>
        )}
        {shifts.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div key={i} className="inline-row">
            <select
              aria-label={`Day of shift ${i + 1}`}
              value={s.day}
              onChange={(e) => setShift(i, { day: e.target.value as Shift['day'] })}
            >
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_LABELS[d]}
                </option>
              ))}
            </select>
            <input
              type="time"
              aria-label={`Start of shift ${i + 1}`}
              value={s.start}
              onChange={(e) => setShift(i, { start: e.target.value })}
            />
            <span className="muted">to</span>
            <input
              type="time"
              aria-label={`End of shift ${i + 1}`}
              value={s.end}
              onChange={(e) => setShift(i, { end: e.target.value })}
            />
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => set({ workingHours: shifts.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <div className="inline-row">
          <button
            type="button"
            className="button button-small"
            onClick={() => set({ workingHours: [...shifts, { day: 'mon', start: '09:00', end: '17:00' }] })}
          >
            Add a shift
          </button>
          {!shifts.length && (
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                set({
                  workingHours: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
                    day,
                    start: '09:00',
                    end: '17:00',
                  })),
                })
              }
            >
              Monday to Friday, 9 to 5
            </button>
          )}
        </div>
        <FieldErrors error={save.error} pointer="/body/workingHours" />
      </div>

      <div className="detail-section">
        <h3 className="detail-section-title">Open issues they can hold at once</h3>
        <div className="inline-row">
          {CAPACITY_CHANNELS.map(([channel, label]) => (
            <span key={channel} className="inline-row">
              <span>{label}</span>
              <input
                type="number"
                className="table-input"
                aria-label={`${label} issues at once`}
                style={{ width: 64 }}
                min={0}
                max={1000}
                value={draft.capacity?.[channel] ?? 0}
                onChange={(e) =>
                  set({ capacity: { ...draft.capacity, [channel]: Number(e.target.value) || 0 } })
                }
              />
            </span>
          ))}
        </div>
      </div>
      {save.error && <ErrorNotice error={save.error} title="The agent was not saved" compact />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending || !draft.name.trim()}
        >
          {agent ? 'Save agent' : 'Create agent'}
        </button>
        {save.isSuccess && !save.isPending && <span className="saved-note">Saved</span>}
      </div>
    </form>
  );
}
