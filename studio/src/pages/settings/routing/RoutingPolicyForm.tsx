import type {
  RoutingPolicy,
  RoutingPolicyCreate,
  RoutingStrategy,
  SkillRequirement,
} from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  createRoutingPolicy,
  deleteRoutingPolicy,
  updateRoutingPolicy,
} from '../../../api/settings/routing.ts';
import { DurationInput } from '../../../components/DurationInput.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useTeams } from '../../../hooks/useTeams.ts';
import { PRIORITY_LABELS } from '../../../lib/format.ts';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ChoiceChips } from '../common/ChoiceChips.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { TextField } from '../common/TextField.tsx';
import { useKnownQueues } from '../common/useKnownQueues.ts';
import { SkillRequirements } from './SkillRequirements.tsx';
import { STRATEGY_LABELS } from './strategies.ts';

const DEFAULT_WEIGHTS = { low: 1, medium: 2, high: 3, critical: 5 };
const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

function draftOf(policy: RoutingPolicy | undefined): RoutingPolicyCreate {
  return {
    queue: policy?.queue ?? '',
    description: policy?.description ?? '',
    teamIds: policy?.teamIds ?? [],
    strategy: policy?.strategy ?? 'least-loaded',
    skills: policy?.skills ?? {},
    priorityWeights: policy?.priorityWeights ?? DEFAULT_WEIGHTS,
    affinity: policy?.affinity ?? { previousAgent: false },
    offer: policy?.offer ?? { maxOffers: 3 },
  };
}

export function RoutingPolicyForm({
  policy,
  onSaved,
  onDeleted,
}: {
  policy: RoutingPolicy | undefined;
  onSaved(policy: RoutingPolicy): void;
  onDeleted(): void;
}) {
  const queryClient = useQueryClient();
  const teams = useTeams();
  const queues = useKnownQueues();
  const [draft, setDraft] = useState<RoutingPolicyCreate>(() => draftOf(policy));
  const set = (patch: Partial<RoutingPolicyCreate>) => setDraft((d) => ({ ...d, ...patch }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.routingPolicies });

  const save = useMutation({
    mutationFn: () => {
      const body: RoutingPolicyCreate = {
        ...draft,
        queue: draft.queue.trim(),
        ...(draft.description?.trim()
          ? { description: draft.description.trim() }
          : { description: undefined }),
      };
      if (!policy) return createRoutingPolicy(body);
      const { queue: _queue, ...patch } = body;
      return updateRoutingPolicy(policy.id, patch);
    },
    onSuccess: async (saved) => {
      await refresh();
      onSaved(saved);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteRoutingPolicy(policy!.id),
    onSuccess: async () => {
      await refresh();
      onDeleted();
    },
  });
  const offering = draft.offer?.acceptTimeout !== undefined;

  return (
    <form
      className="detail-panel form"
      aria-label={policy ? `Routing policy for ${policy.queue}` : 'New routing policy'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <header className="detail-header">
        <h2 className="detail-title">{policy ? policy.queue : 'New routing policy'}</h2>
        {policy && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              if (
                window.confirm(
                  `Remove the routing policy of ${policy.queue}? Its issues will wait in the queue.`,
                )
              )
                remove.mutate();
            }}
          >
            Remove
          </button>
        )}
      </header>

      <div className="form-grid">
        <label className="field">
          <span className="field-label">Queue</span>
          <input
            className="settings-input"
            list="known-queues"
            value={draft.queue}
            onChange={(e) => set({ queue: e.target.value })}
            disabled={Boolean(policy)}
            placeholder="e.g. Billing and Payments"
            required
          />
          <datalist id="known-queues">
            {queues.map((q) => (
              <option key={q} value={q} />
            ))}
          </datalist>
          <FieldErrors error={save.error} pointer="/body/queue" />
        </label>
        <TextField
          label="Description"
          grow
          value={draft.description ?? ''}
          onChange={(e) => set({ description: e.target.value })}
          placeholder="What this queue is for"
        />
      </div>

      <fieldset className="field detail-section">
        <legend className="detail-section-title">How the next agent is picked</legend>
        {(Object.keys(STRATEGY_LABELS) as RoutingStrategy[]).map((strategy) => (
          <label key={strategy} className="checkbox">
            <input
              type="radio"
              name="strategy"
              checked={draft.strategy === strategy}
              onChange={() => set({ strategy })}
            />{' '}
            <span>
              <strong>{STRATEGY_LABELS[strategy].title}</strong>{' '}
              <span className="muted">— {STRATEGY_LABELS[strategy].hint}</span>
            </span>
          </label>
        ))}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.affinity?.previousAgent ?? false}
            onChange={(e) => set({ affinity: { previousAgent: e.target.checked } })}
          />{' '}
          Prefer the agent who last helped the same customer, when they can take it
        </label>
      </fieldset>

      <div className="field detail-section">
        <span className="detail-section-title">Teams that take this queue's work</span>
        <ChoiceChips
          label="Teams"
          options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={draft.teamIds ?? []}
          onChange={(teamIds) => set({ teamIds })}
        />
        <span className="field-hint">
          None picked: every team that lists this queue (or everyone, when no team does).
        </span>
        <FieldErrors error={save.error} pointer="/body/teamIds" />
      </div>

      <div className="field detail-section">
        <span className="detail-section-title">Required skills</span>
        <SkillRequirements
          value={draft.skills?.required ?? []}
          onChange={(required: SkillRequirement[]) => set({ skills: { ...draft.skills, required } })}
        />
        <FieldErrors error={save.error} pointer="/body/skills" />
      </div>

      <fieldset className="field detail-section">
        <legend className="detail-section-title">Offer or assign</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="offer"
            checked={!offering}
            onChange={() => set({ offer: { maxOffers: draft.offer?.maxOffers ?? 3 } })}
          />{' '}
          Assign outright
        </label>
        <div className="inline-row">
          <label className="checkbox">
            <input
              type="radio"
              name="offer"
              checked={offering}
              onChange={() =>
                set({ offer: { maxOffers: draft.offer?.maxOffers ?? 3, acceptTimeout: 'PT5M' } })
              }
            />{' '}
            Offer it, and wait for the agent to accept for
          </label>
          <DurationInput
            label="Time to accept an offer"
            disabled={!offering}
            units={['minutes', 'hours']}
            value={draft.offer?.acceptTimeout}
            onChange={(acceptTimeout) =>
              set({
                offer: {
                  maxOffers: draft.offer?.maxOffers ?? 3,
                  ...(acceptTimeout ? { acceptTimeout } : {}),
                },
              })
            }
          />
          <span>then offer it to the next one, up to</span>
          <input
            type="number"
            className="table-input"
            aria-label="Offers per attempt"
            disabled={!offering}
            min={1}
            max={50}
            style={{ width: 64 }}
            value={draft.offer?.maxOffers ?? 3}
            onChange={(e) =>
              set({ offer: { ...draft.offer, maxOffers: Math.max(1, Number(e.target.value) || 1) } })
            }
          />
          <span>agents.</span>
        </div>
        <FieldErrors error={save.error} pointer="/body/offer" />
      </fieldset>

      <div className="field detail-section">
        <span className="detail-section-title">Weight of each priority</span>
        <span className="field-hint">
          Heavier issues are handed out first and count more toward an agent's load.
        </span>
        <div className="inline-row">
          {PRIORITIES.map((p) => (
            <label key={p} className="inline-row">
              <span>{PRIORITY_LABELS[p]}</span>
              <input
                type="number"
                className="table-input"
                style={{ width: 64 }}
                min={0}
                max={100}
                value={draft.priorityWeights?.[p] ?? DEFAULT_WEIGHTS[p]}
                onChange={(e) =>
                  set({
                    priorityWeights: {
                      ...DEFAULT_WEIGHTS,
                      ...draft.priorityWeights,
                      [p]: Number(e.target.value) || 0,
                    },
                  })
                }
              />
            </label>
          ))}
        </div>
      </div>

      {save.error && <ErrorNotice error={save.error} title="The policy was not saved" compact />}
      {remove.error && <ErrorNotice error={remove.error} title="The policy was not removed" compact />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending || !draft.queue.trim()}
        >
          {policy ? 'Save policy' : 'Create policy'}
        </button>
        {save.isSuccess && !save.isPending && (
          <span className="saved-note">Saved — waiting issues are routed now</span>
        )}
      </div>
    </form>
  );
}
