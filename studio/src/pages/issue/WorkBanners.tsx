import { acceptOffer, ackEscalation, declineOffer } from '../../api/work.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useMyWork } from '../../hooks/useMyWork.ts';
import { useWorkAction } from '../../hooks/useWorkAction.ts';

/** What on this issue waits for my answer: a routing offer to accept, an escalation to acknowledge. */
export function WorkBanners({ issueId, isAgent }: { issueId: string; isAgent: boolean }) {
  const work = useMyWork(isAgent);
  const accept = useWorkAction((id: string) => acceptOffer(id));
  const pass = useWorkAction((id: string) => declineOffer(id));
  const ack = useWorkAction((id: string) => ackEscalation(id));
  const offer = work.data?.offers.find((o) => o.issue.id === issueId)?.offer;
  const escalation = work.data?.escalations.find((e) => e.issue.id === issueId)?.escalation;
  const error = accept.error ?? pass.error ?? ack.error;
  if (!offer && !escalation) return null;
  return (
    <>
      {escalation && (
        <section className="banner banner-danger" aria-label="Escalation">
          <strong>Escalation{escalation.name ? `: ${escalation.name}` : ''} is paging you</strong>
          <span className="muted">Acknowledge to stop it from paging the next person.</span>
          <button
            type="button"
            className="button button-primary button-small"
            disabled={ack.isPending}
            onClick={() => ack.mutate(escalation.id)}
          >
            Acknowledge
          </button>
        </section>
      )}
      {offer && (
        <section className="banner banner-info" aria-label="Offered to you">
          <strong>Offered to you from the {offer.queue} queue</strong>
          <Countdown until={offer.expiresAt} />
          <button
            type="button"
            className="button button-primary button-small"
            disabled={accept.isPending}
            onClick={() => accept.mutate(offer.id)}
          >
            Accept
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={pass.isPending}
            onClick={() => pass.mutate(offer.id)}
          >
            Pass
          </button>
        </section>
      )}
      {error && <ErrorNotice error={error} title="Not answered" compact />}
    </>
  );
}
