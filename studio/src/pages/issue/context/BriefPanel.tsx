import type { HandoffBrief } from '@baton/schemas/types';
import { AskedTold, BriefCustomerLine, BriefDeadlineLine } from '../../../components/brief/BriefFacts.tsx';
import { type BriefLine, BriefSection } from '../../../components/brief/BriefSection.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useIssueBrief } from '../../../hooks/useIssueContext.ts';

const lines = (items: HandoffBrief['summary']): BriefLine[] =>
  items.map((i) => ({ text: i.text, sources: i.sources, suggested: i.kind === 'suggested' }));

const SENTIMENT: Record<string, string> = {
  negative: 'frustrated',
  neutral: 'neutral',
  positive: 'positive',
};

/** The issue at a glance, extracted from its timeline: every line links to the event it quotes. */
export function BriefPanel({ issueId }: { issueId: string }) {
  const brief = useIssueBrief(issueId);
  const data = brief.data;
  return (
    <section className="panel" aria-label="Brief">
      <div className="panel-header">
        <h2 className="panel-title">Brief</h2>
        {data && (
          <span className="muted small">
            customer {SENTIMENT[data.sentiment.label] ?? data.sentiment.label}
            {data.sentiment.trend !== 'steady' ? `, ${data.sentiment.trend}` : ''}
          </span>
        )}
      </div>
      {brief.isPending && <p className="muted small">Reading the timeline…</p>}
      {brief.isError && (
        <ErrorNotice
          error={brief.error}
          title="Could not build the brief"
          compact
          onRetry={() => void brief.refetch()}
        />
      )}
      {data && (
        <div className="brief">
          <BriefCustomerLine customer={data.customer} />
          <BriefDeadlineLine deadline={data.deadlines[0]} issueId={issueId} inPlace />
          <BriefSection title="Summary" lines={lines(data.summary)} issueId={issueId} inPlace />
          <AskedTold pairs={data.questionsAnswered} issueId={issueId} inPlace />
          <BriefSection title="Still unknown" lines={lines(data.openUnknowns)} issueId={issueId} inPlace />
          <BriefSection title="Steps tried" lines={lines(data.stepsTried)} issueId={issueId} inPlace />
          <BriefSection
            title="Promised to the customer"
            lines={lines(data.commitments)}
            issueId={issueId}
            inPlace
          />
          <BriefSection title="Next steps" lines={lines(data.nextSteps)} issueId={issueId} inPlace />
          {data.summary.length === 0 && data.openUnknowns.length === 0 && (
            <p className="muted small">Not enough on the timeline yet for a brief.</p>
          )}
        </div>
      )}
    </section>
  );
}
