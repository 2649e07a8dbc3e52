import type { IssueStatus, SlaPolicy, SlaPolicyCreate } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from '../../../api/settings/sla.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/format.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { TextField } from '../common/TextField.tsx';
import { useKnownQueues } from '../common/useKnownQueues.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { TargetsTable } from './TargetsTable.tsx';

const TIERS = ['free', 'standard', 'premium', 'enterprise'] as const;
const PAUSE_STATUSES: IssueStatus[] = ['pending', 'on_hold'];
const WARN_STEPS = [25, 50, 75, 90, 100];

function draftOf(policy: SlaPolicy | undefined): SlaPolicyCreate {
  if (!policy)
    return {
      name: '',
      metrics: {
        firstResponse: { targets: { default: 'PT4H' } },
        resolution: { targets: { default: 'P3D' } },
      },
      calendar: {
        timeZoneFrom: 'policy',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        holidays: [],
      },
      pauseOn: ['pending'],
      warnAt: [50, 75, 100],
      order: 100,
      isDefault: false,
    };
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = policy;
  return rest;
}

export function SlaPolicyForm({
  policy,
  onSaved,
  onDeleted,
}: {
  policy: SlaPolicy | undefined;
  onSaved(policy: SlaPolicy): void;
  onDeleted(): void;
}) {
  const queryClient = useQueryClient();
  const queues = useKnownQueues();
  const [draft, setDraft] = useState<SlaPolicyCreate>(() => draftOf(policy));
  const set = (patch: Partial<SlaPolicyCreate>) => setDraft((d) => ({ ...d, ...patch }));
  const match = draft.match ?? {};
  const setMatch = (patch: Partial<NonNullable<SlaPolicyCreate['match']>>) => {
    const next = { ...match, ...patch };
    for (const [k, v] of Object.entries(next))
      if (Array.isArray(v) && !v.length) delete next[k as keyof typeof next];
    set({ match: Object.keys(next).length ? next : undefined });
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.slaPolicies });
  const save = useMutation({
    mutationFn: () => (policy ? updateSlaPolicy(policy.id, draft) : createSlaPolicy(draft)),
    onSuccess: async (saved) => {
      await refresh();
      onSaved(saved);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteSlaPolicy(policy!.id),
    onSuccess: async () => {
      await refresh();
      onDeleted();
    },
  });

  return (
    <form
      className="detail-panel form"
      aria-label={policy ? `SLA policy ${policy.name}` : 'New SLA policy'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <header className="detail-header">
        <h2 className="detail-title">{policy ? policy.name : 'New SLA policy'}</h2>
        {policy && !policy.isDefault && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => window.confirm(`Remove the SLA policy ${policy.name}?`) && remove.mutate()}
          >
            Remove
          </button>
        )}
      </header>
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
          label="Description"
          grow
          value={draft.description ?? ''}
          onChange={(e) => set({ description: e.target.value || undefined })}
        />
        <TextField
          label="Tried in position"
          type="number"
          min={0}
          max={10000}
          value={draft.order ?? 100}
          onChange={(e) => set({ order: Number(e.target.value) || 0 })}
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.isDefault ?? false}
          onChange={(e) => set({ isDefault: e.target.checked })}
        />{' '}
        Default policy — for issues no other policy matches
      </label>

      <div className="detail-section">
        <h3 className="detail-section-title">Applies to</h3>
        <span className="field-hint">Leave a row empty to match any value.</span>
        <div className="field">
          <span className="field-label">Priorities</span>
          <ChoiceChips
            label="Priorities"
            options={(['low', 'medium', 'high', 'critical'] as const).map((p) => ({
              value: p,
              label: PRIORITY_LABELS[p],
            }))}
            value={match.priorities ?? []}
            onChange={(priorities) => setMatch({ priorities })}
          />
        </div>
        <div className="field">
          <span className="field-label">Customer tiers</span>
          <ChoiceChips
            label="Customer tiers"
            options={TIERS.map((t) => ({ value: t, label: t[0]!.toUpperCase() + t.slice(1) }))}
            value={match.customerTiers ?? []}
            onChange={(customerTiers) => setMatch({ customerTiers })}
          />
        </div>
        {queues.length > 0 && (
          <div className="field">
            <span className="field-label">Queues</span>
            <ChoiceChips
              label="Queues"
              options={queues.map((q) => ({ value: q, label: q }))}
              value={match.queues ?? []}
              onChange={(next) => setMatch({ queues: next })}
            />
          </div>
        )}
        <FieldErrors error={save.error} pointer="/body/match" />
      </div>

      <div className="detail-section">
        <h3 className="detail-section-title">Targets</h3>
        <TargetsTable value={draft.metrics} onChange={(metrics) => set({ metrics })} />
        <FieldErrors error={save.error} pointer="/body/metrics" />
      </div>

      <div className="detail-section">
        <h3 className="detail-section-title">Business calendar</h3>
        <div className="field">
          <span className="field-label">Measure in the time zone of</span>
          <fieldset className="chips" aria-label="Whose time zone">
            {(
              [
                ['customer', 'the customer'],
                ['team', 'the owning team'],
                ['policy', 'this policy'],
              ] as const
            ).map(([from, label]) => (
              <label key={from} className={draft.calendar.timeZoneFrom === from ? 'chip chip-on' : 'chip'}>
                <input
                  type="radio"
                  name="timeZoneFrom"
                  checked={draft.calendar.timeZoneFrom === from}
                  onChange={() => set({ calendar: { ...draft.calendar, timeZoneFrom: from } })}
                />
                {label}
              </label>
            ))}
          </fieldset>
        </div>
        <CalendarEditor
          zoneLabel={
            draft.calendar.timeZoneFrom === 'policy' ? 'Time zone' : 'Time zone when theirs is unknown'
          }
          value={draft.calendar}
          onChange={(calendar) => set({ calendar: { ...draft.calendar, ...calendar } })}
        />
        <FieldErrors error={save.error} pointer="/body/calendar" />
      </div>

      <div className="detail-section">
        <h3 className="detail-section-title">Pausing and warnings</h3>
        <div className="field">
          <span className="field-label">Clocks pause while the issue is</span>
          <ChoiceChips
            label="Pause on statuses"
            options={PAUSE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            value={draft.pauseOn ?? []}
            onChange={(pauseOn) => set({ pauseOn })}
          />
        </div>
        <div className="field">
          <span className="field-label">
            Warn when this much of the target has passed (100% is the breach)
          </span>
          <ChoiceChips
            label="Warn at"
            options={WARN_STEPS.map((w) => ({ value: String(w), label: `${w}%` }))}
            value={(draft.warnAt ?? []).map(String)}
            onChange={(next) => set({ warnAt: next.map(Number) as SlaPolicyCreate['warnAt'] })}
          />
          <FieldErrors error={save.error} pointer="/body/warnAt" />
        </div>
      </div>

      {save.error && <ErrorNotice error={save.error} title="The policy was not saved" compact />}
      {remove.error && <ErrorNotice error={remove.error} title="The policy was not removed" compact />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending || !draft.name.trim()}
        >
          {policy ? 'Save policy' : 'Create policy'}
        </button>
        {save.isSuccess && !save.isPending && (
          <span className="saved-note">Saved — new clocks use it; running clocks keep their targets</span>
        )}
      </div>
    </form>
  );
}
