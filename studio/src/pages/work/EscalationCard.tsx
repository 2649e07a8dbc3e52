import type { MyEscalation } from '@baton/schemas/types';
import { Link } from 'react-router';
import { ackEscalation } from '../../api/work.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PriorityBadge } from '../../components/PriorityBadge.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { useWorkAction } from '../../hooks/useWorkAction.ts';

/** An escalation that paged me: acknowledging stops it from paging the next person. */
export function EscalationCard({ item }: { item: MyEscalation }) {
  const { escalation, issue } = item;
  const ack = useWorkAction(() => ackEscalation(escalation.id));
  return (
    <article className="work-card work-card-escalation" aria-label={`Escalation: ${issue.subject}`}>
      <header className="work-card-head">
        <span className="work-kind">Escalation{escalation.name ? `: ${escalation.name}` : ''}</span>
        <RelativeTime iso={escalation.startedAt} prefix="started " />
      </header>
      <Link to={`/issues/${encodeURIComponent(issue.id)}`} className="work-subject">
        {issue.subject}
      </Link>
      <p className="work-meta">
        <PriorityBadge priority={issue.priority} />
        {escalation.waitingUntil && (
          <>
            {' '}
            next step <RelativeTime iso={escalation.waitingUntil} />
          </>
        )}
      </p>
      {ack.error && <ErrorNotice error={ack.error} title="Not acknowledged" compact />}
      <div className="row-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={ack.isPending}
          onClick={() => ack.mutate(undefined)}
        >
          {ack.isPending ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      </div>
    </article>
  );
}
