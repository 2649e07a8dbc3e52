import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMyWork } from '../../hooks/useMyWork.ts';
import { EscalationCard } from './EscalationCard.tsx';
import { HandoffCard } from './HandoffCard.tsx';
import { MyHours } from './MyHours.tsx';
import { MyIssues } from './MyIssues.tsx';
import { OfferCard } from './OfferCard.tsx';
import { StatusPicker } from './StatusPicker.tsx';

/** The agent's home: what asks for my answer now, then the issues I own; my status and hours on top. */
export function MyWorkPage() {
  const work = useMyWork();

  if (work.isPending) {
    return (
      <div className="page">
        <Loading label="Loading your work…" />
      </div>
    );
  }
  if (work.isError) {
    return (
      <div className="page page-narrow">
        <ErrorNotice
          error={work.error}
          title="Could not load your work"
          onRetry={() => void work.refetch()}
        />
      </div>
    );
  }

  const { agent, assigned, offers, handoffs, escalations } = work.data;
  if (!agent) {
    return (
      <div className="page page-narrow">
        <PageHeader title="My work" />
        <EmptyState title="You do not work as an agent">
          Your sign-in is not linked to an agent profile, so nothing is offered or assigned to you. An admin
          can link it under <Link to="/team">Teams &amp; agents</Link>. Meanwhile the{' '}
          <Link to="/inbox">inbox</Link> shows every issue.
        </EmptyState>
      </div>
    );
  }

  const waiting = offers.length + handoffs.length + escalations.length;
  return (
    <div className="page page-full my-work">
      <PageHeader
        title="My work"
        meta={<MyHours agent={agent} />}
        actions={<StatusPicker status={agent.status} />}
      />
      <div className="page-body">
        <section aria-labelledby="waiting-title" className="work-section">
          <h2 id="waiting-title" className="section-title">
            Waiting for your answer {waiting > 0 && <span className="count">{waiting}</span>}
          </h2>
          {waiting === 0 ? (
            <p className="muted">
              Nothing waits for you. Offers, handoffs and escalations appear here the moment they arrive.
            </p>
          ) : (
            <div className="work-cards">
              {escalations.map((item) => (
                <EscalationCard key={item.escalation.id} item={item} />
              ))}
              {handoffs.map((item) => (
                <HandoffCard key={item.handoff.id} item={item} />
              ))}
              {offers.map((item) => (
                <OfferCard key={item.offer.id} item={item} />
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="mine-title" className="work-section">
          <h2 id="mine-title" className="section-title">
            Your issues {assigned.length > 0 && <span className="count">{assigned.length}</span>}
          </h2>
          <MyIssues issues={assigned} />
        </section>
      </div>
    </div>
  );
}
