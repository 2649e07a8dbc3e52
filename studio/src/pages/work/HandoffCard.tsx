import type { MyHandoff } from '@baton/schemas/types';
import { useState } from 'react';
import { Link } from 'react-router';
import { acceptHandoff, declineHandoff } from '../../api/work.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { DeclineForm } from '../../components/DeclineForm.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PriorityBadge } from '../../components/PriorityBadge.tsx';
import { useNames } from '../../hooks/useNames.ts';
import { useWorkAction } from '../../hooks/useWorkAction.ts';
import { partyName, readableText } from '../../lib/systemEvents.ts';

/** A handoff to me: who sends it and why, the brief's gist, and confirm receipt or decline with a reason. */
export function HandoffCard({ item }: { item: MyHandoff }) {
  const { handoff, issue } = item;
  const names = useNames();
  const [declining, setDeclining] = useState(false);
  const accept = useWorkAction(() => acceptHandoff(handoff.id));
  const decline = useWorkAction((reason: string) => declineHandoff(handoff.id, reason));
  const sender =
    handoff.createdBy.kind === 'system'
      ? partyName(handoff.from, names)
      : (handoff.createdBy.name ?? partyName(handoff.from, names));
  const href = `/issues/${encodeURIComponent(issue.id)}`;
  return (
    <article className="work-card work-card-handoff" aria-label={`Handoff: ${issue.subject}`}>
      <header className="work-card-head">
        <span className="work-kind">Handoff from {sender}</span>
        <Countdown until={handoff.expiresAt} />
      </header>
      <Link to={href} className="work-subject">
        {issue.subject}
      </Link>
      <p className="work-meta">
        <PriorityBadge priority={issue.priority} />
      </p>
      <blockquote className="work-reason">{handoff.reason}</blockquote>
      {handoff.brief.summary && <p className="work-brief">{readableText(handoff.brief.summary, names)}</p>}
      {(accept.error || decline.error) && (
        <ErrorNotice error={accept.error ?? decline.error} title="Not answered" compact />
      )}
      {declining ? (
        <DeclineForm
          pending={decline.isPending}
          onCancel={() => setDeclining(false)}
          onDecline={(reason) => decline.mutate(reason)}
        />
      ) : (
        <div className="row-actions">
          <Link to={href} className="button button-primary button-small">
            Read the brief
          </Link>
          <button
            type="button"
            className="button button-small"
            disabled={accept.isPending}
            onClick={() => accept.mutate(undefined)}
          >
            {accept.isPending ? 'Confirming…' : 'Confirm receipt'}
          </button>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => setDeclining(true)}
          >
            Decline…
          </button>
        </div>
      )}
    </article>
  );
}
