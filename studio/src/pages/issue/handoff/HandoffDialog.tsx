import type { HandoffBrief } from '@baton/schemas/types';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Issue } from '../../../api/types.ts';
import { createHandoff } from '../../../api/work.ts';
import { BriefCustomerLine, BriefDeadlineLine } from '../../../components/brief/BriefFacts.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useCustomer } from '../../../hooks/useCustomer.ts';
import { useDirectory } from '../../../hooks/useDirectory.ts';
import { useIssueBrief, useIssueExperts } from '../../../hooks/useIssueContext.ts';
import { useWorkAction } from '../../../hooks/useWorkAction.ts';

type Target = { kind: 'agent'; id: string } | { kind: 'team'; id: string } | null;

interface BriefChoice {
  key: string;
  heading: string;
  text: string;
  eventIds: string[];
}

function briefChoices(brief: HandoffBrief | undefined): BriefChoice[] {
  if (!brief) return [];
  const out: BriefChoice[] = [];
  const add = (heading: string, items: HandoffBrief['summary']) => {
    for (const [i, item] of items.entries()) {
      out.push({
        key: `${heading}:${i}`,
        heading,
        text: item.text,
        eventIds: item.sources.map((s) => s.eventId),
      });
    }
  };
  for (const [i, qa] of brief.questionsAnswered.entries()) {
    out.push({
      key: `Asked:${i}`,
      heading: 'Asked and told',
      text: `“${qa.question.text}” → “${qa.answer.text}”`,
      eventIds: [...qa.question.sources, ...qa.answer.sources].map((s) => s.eventId),
    });
  }
  add('Still unknown', brief.openUnknowns);
  add('Steps tried', brief.stepsTried);
  add('Promised to the customer', brief.commitments);
  add('Next steps', brief.nextSteps);
  return out;
}

const EXPIRY = [
  { value: 'PT10M', label: '10 minutes' },
  { value: 'PT30M', label: '30 minutes' },
  { value: 'PT1H', label: '1 hour' },
  { value: 'PT4H', label: '4 hours' },
];

/**
 * Hand off with context: pick the receiver (the experts ranking first, then a team or anyone), see and
 * edit the brief they will get, write the warm introduction, send. The receiver confirms receipt.
 */
export function HandoffDialog({
  issue,
  initialAgentId,
  onClose,
}: {
  issue: Issue;
  initialAgentId?: string | null;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  const experts = useIssueExperts(issue.id, { rankNow: true });
  const brief = useIssueBrief(issue.id);
  const customer = useCustomer(issue.customerId);
  const { teams, agents, agentById, teamById } = useDirectory({ currentAgents: true });
  const [target, setTarget] = useState<Target>(initialAgentId ? { kind: 'agent', id: initialAgentId } : null);
  const [reason, setReason] = useState('');
  const [intro, setIntro] = useState('');
  const [summary, setSummary] = useState<string | null>(null);
  const [omitted, setOmitted] = useState<Set<string>>(new Set());
  const [expiresIn, setExpiresIn] = useState('PT30M');
  const send = useWorkAction(() =>
    createHandoff(issue.id, {
      to: target?.kind === 'agent' ? { agentId: target.id } : { teamId: target!.id },
      reason: reason.trim(),
      expiresIn,
      ...(intro.trim() ? { introduction: intro.trim() } : {}),
      briefEdits: {
        ...(summary?.trim() ? { summary: summary.trim() } : {}),
        omitEventIds: [...omitted],
      },
    }),
  );

  const choices = useMemo(() => briefChoices(brief.data), [brief.data]);
  const suggestedSummary = brief.data?.summary.map((s) => s.text).join(' ') ?? '';
  // Only a ranking read since the dialog opened is offered: a cached one may predate a status change.
  const ranking = experts.isFetchedAfterMount ? experts.data : undefined;
  const ranked = ranking?.experts.filter((e) => e.agentId !== issue.assignee?.agentId).slice(0, 4) ?? [];
  const rankedIds = new Set(ranked.map((e) => e.agentId));
  const receiverName =
    target?.kind === 'agent'
      ? agentById.get(target.id)?.name
      : target
        ? teamById.get(target.id)?.name
        : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target || !reason.trim()) return;
    send.mutate(undefined, { onSuccess: () => ref.current?.close() });
  };
  const toggle = (choice: BriefChoice) =>
    setOmitted((prev) => {
      const next = new Set(prev);
      for (const id of choice.eventIds) {
        if (prev.has(id)) next.delete(id);
        else next.add(id);
      }
      return next;
    });

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-label="Hand off" onClose={onClose}>
      <form className="form handoff-form" onSubmit={submit}>
        <h2 className="dialog-title">Hand off “{issue.subject}”</h2>

        <fieldset className="field">
          <legend className="field-label">To whom</legend>
          {experts.isFetching && !ranking && <p className="muted small">Ranking experts…</p>}
          {experts.error && !experts.isFetching && (
            <ErrorNotice error={experts.error} title="Could not rank the experts" compact />
          )}
          <div className="expert-picks">
            {ranked.map((expert) => (
              <label
                key={expert.agentId}
                className={target?.id === expert.agentId ? 'expert-pick active' : 'expert-pick'}
              >
                <input
                  type="radio"
                  name="handoff-target"
                  checked={target?.kind === 'agent' && target.id === expert.agentId}
                  onChange={() => setTarget({ kind: 'agent', id: expert.agentId })}
                />
                <span className="expert-pick-name">
                  {expert.name} <span className="muted">· {Math.round(expert.score * 100)}% match</span>
                </span>
                <span className={expert.available ? 'expert-avail small' : 'expert-away small'}>
                  {expert.available ? 'available' : 'not available'}
                </span>
                <span className="muted small">
                  {expert.reasons
                    .filter((r) => r.score > 0 && r.factor !== 'availability')
                    .map((r) => r.detail)
                    .join('; ') || expert.reasons[0]?.detail}
                </span>
              </label>
            ))}
          </div>
          <div className="handoff-other">
            <label>
              <span className="small muted">or a team </span>
              <select
                value={target?.kind === 'team' ? target.id : ''}
                onChange={(e) => setTarget(e.target.value ? { kind: 'team', id: e.target.value } : null)}
              >
                <option value="">Choose a team…</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="small muted">or anyone </span>
              <select
                value={target?.kind === 'agent' && !rankedIds.has(target.id) ? target.id : ''}
                onChange={(e) => setTarget(e.target.value ? { kind: 'agent', id: e.target.value } : null)}
              >
                <option value="">Choose an agent…</option>
                {agents
                  .filter((a) => a.id !== issue.assignee?.agentId)
                  .map((agent) => (
                    <option key={agent.id} value={agent.id}>
                      {agent.name}
                      {agent.status ? ` (${agent.status})` : ''}
                    </option>
                  ))}
              </select>
            </label>
          </div>
        </fieldset>

        <label className="field">
          <span className="field-label">Why hand it off?</span>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={2000}
            required
            placeholder="e.g. Needs someone with billing rights to issue the refund"
          />
        </label>

        <label className="field">
          <span className="field-label">Warm introduction{receiverName ? ` for ${receiverName}` : ''}</span>
          <textarea
            rows={3}
            value={intro}
            onChange={(e) => setIntro(e.target.value)}
            maxLength={4000}
            placeholder={`Hi${receiverName ? ` ${receiverName.split(' ')[0]}` : ''}, ${customer.data?.name ?? 'the customer'}${customer.data?.company ? ` from ${customer.data.company}` : ''} … where things stand, what to say first.`}
          />
        </label>

        <fieldset className="field">
          <legend className="field-label">The brief they receive</legend>
          {brief.data && (
            <div className="brief handoff-brief-facts">
              <BriefCustomerLine customer={brief.data.customer} />
              <BriefDeadlineLine deadline={brief.data.deadlines[0]} issueId={issue.id} inPlace />
            </div>
          )}
          <textarea
            rows={3}
            aria-label="Brief summary"
            value={summary ?? suggestedSummary}
            onChange={(e) => setSummary(e.target.value)}
            maxLength={2000}
            placeholder="A summary in your own words"
          />
          {choices.length > 0 && (
            <ul className="brief-choices">
              {choices.map((choice) => (
                <li key={choice.key}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={!choice.eventIds.every((id) => omitted.has(id))}
                      onChange={() => toggle(choice)}
                    />
                    <span>
                      <span className="muted small">{choice.heading}: </span>
                      {choice.text}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            Baton adds the latest messages and open questions from the timeline, each linked to its event.
          </p>
        </fieldset>

        <label className="field field-inline">
          <span className="field-label">They have</span>
          <select value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)}>
            {EXPIRY.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <span className="muted small">to confirm receipt, then it goes to the next best person.</span>
        </label>

        {send.error && <ErrorNotice error={send.error} title="Not handed off" compact />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={!target || !reason.trim() || send.isPending}
          >
            {send.isPending ? 'Sending…' : receiverName ? `Hand off to ${receiverName}` : 'Hand off'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
