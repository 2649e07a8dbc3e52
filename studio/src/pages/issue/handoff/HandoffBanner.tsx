import type { Handoff } from '@baton/schemas/types';
import { useState } from 'react';
import type { Principal } from '../../../api/types.ts';
import { acceptHandoff, declineHandoff } from '../../../api/work.ts';
import { HandoffBriefView } from '../../../components/brief/HandoffBriefView.tsx';
import { Countdown } from '../../../components/Countdown.tsx';
import { DeclineForm } from '../../../components/DeclineForm.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useDirectory } from '../../../hooks/useDirectory.ts';
import { useIssueHandoffs } from '../../../hooks/useIssueContext.ts';
import { useNames } from '../../../hooks/useNames.ts';
import { useWorkAction } from '../../../hooks/useWorkAction.ts';
import { partyName } from '../../../lib/systemEvents.ts';

function isForMe(handoff: Handoff, me: Principal | undefined, myTeams: readonly string[]): boolean {
  if (!me?.agentId) return false;
  if (handoff.to.agentId) return handoff.to.agentId === me.agentId;
  return Boolean(
    handoff.to.teamId && myTeams.includes(handoff.to.teamId) && !handoff.excluded?.includes(me.agentId),
  );
}

function senderOf(handoff: Handoff, names: ReturnType<typeof useNames>): string {
  if (handoff.createdBy.kind !== 'system' && handoff.createdBy.name) return handoff.createdBy.name;
  return partyName(handoff.from, names);
}

/**
 * The handoff on this issue, as each person needs it. The receiver gets the introduction and the brief
 * in front of them with "Confirm receipt" (or decline with a reason); everyone else sees who it waits
 * for; the new owner keeps the brief at hand until their first reply completes the handoff.
 */
export function HandoffBanner({ issueId, me }: { issueId: string; me: Principal | undefined }) {
  const handoffs = useIssueHandoffs(issueId);
  const names = useNames();
  const { agentById } = useDirectory();
  const myTeams = me?.agentId ? (agentById.get(me.agentId)?.teamIds ?? []) : [];
  const [declining, setDeclining] = useState(false);
  const items = handoffs.data?.items ?? [];
  const offered = items.findLast((h) => h.status === 'offered');
  const justTaken = items.findLast((h) => h.status === 'accepted' && h.acceptedBy === me?.agentId);
  const current = offered ?? justTaken;
  const accept = useWorkAction((id: string) => acceptHandoff(id));
  const decline = useWorkAction(({ id, reason }: { id: string; reason: string }) =>
    declineHandoff(id, reason),
  );
  if (!current) return null;

  const sender = senderOf(current, names);
  const forMe = current.status === 'offered' && isForMe(current, me, myTeams);

  if (current.status === 'offered' && !forMe) {
    return (
      <section className="banner banner-info" aria-label="Handoff in progress">
        <strong>Handoff offered to {partyName(current.to, names)}</strong>
        <span className="muted">
          {' '}
          by {sender}: “{current.reason}”
        </span>
        <Countdown until={current.expiresAt} label="to confirm" />
      </section>
    );
  }

  return (
    <section className="banner banner-handoff" aria-label={forMe ? 'Handoff for you' : 'Your handoff brief'}>
      <header className="banner-head">
        <strong>{forMe ? `Handoff for you from ${sender}` : `You took this over from ${sender}`}</strong>
        {forMe ? (
          <Countdown until={current.expiresAt} label="to confirm" />
        ) : (
          <span className="muted small">Reply or add a note to complete the handoff.</span>
        )}
      </header>
      {current.introduction && <blockquote className="handoff-intro">{current.introduction}</blockquote>}
      <p className="handoff-reason">
        <span className="muted">Why: </span>
        {current.reason}
      </p>
      <details open={forMe} className="handoff-brief">
        <summary>The brief</summary>
        <HandoffBriefView handoff={current} inPlace />
      </details>
      {(accept.error || decline.error) && (
        <ErrorNotice error={accept.error ?? decline.error} title="Not answered" compact />
      )}
      {forMe &&
        (declining ? (
          <DeclineForm
            pending={decline.isPending}
            onCancel={() => setDeclining(false)}
            onDecline={(reason) => decline.mutate({ id: current.id, reason })}
          />
        ) : (
          <div className="row-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={accept.isPending}
              onClick={() => accept.mutate(current.id)}
              aria-keyshortcuts="a"
            >
              {accept.isPending ? 'Confirming…' : 'Confirm receipt and take over'}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setDeclining(true)}>
              Decline…
            </button>
          </div>
        ))}
    </section>
  );
}
