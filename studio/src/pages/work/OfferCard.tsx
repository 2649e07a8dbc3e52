import type { MyOffer } from '@baton/schemas/types';
import { Link } from 'react-router';
import { acceptOffer, declineOffer } from '../../api/work.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { CustomerName } from '../../components/CustomerName.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PriorityBadge } from '../../components/PriorityBadge.tsx';
import { useWorkAction } from '../../hooks/useWorkAction.ts';

/** An issue routing offers me: take it, or pass so it goes to the next agent, before the time runs out. */
export function OfferCard({ item }: { item: MyOffer }) {
  const { offer, issue } = item;
  const accept = useWorkAction(() => acceptOffer(offer.id));
  const pass = useWorkAction(() => declineOffer(offer.id));
  const busy = accept.isPending || pass.isPending;
  return (
    <article className="work-card" aria-label={`Offer: ${issue.subject}`}>
      <header className="work-card-head">
        <span className="work-kind">Offered to you</span>
        <Countdown until={offer.expiresAt} />
      </header>
      <Link to={`/issues/${encodeURIComponent(issue.id)}`} className="work-subject">
        {issue.subject}
      </Link>
      <p className="work-meta">
        <PriorityBadge priority={issue.priority} /> <CustomerName id={issue.customerId} link={false} /> · from
        the {offer.queue} queue
      </p>
      {(accept.error || pass.error) && (
        <ErrorNotice error={accept.error ?? pass.error} title="Not answered" compact />
      )}
      <div className="row-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={busy}
          onClick={() => accept.mutate(undefined)}
        >
          {accept.isPending ? 'Taking it…' : 'Accept'}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => pass.mutate(undefined)}
        >
          Pass to the next agent
        </button>
      </div>
    </article>
  );
}
