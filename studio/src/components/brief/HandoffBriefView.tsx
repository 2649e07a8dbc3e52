import type { Handoff, HandoffBrief, HandoffBriefItem } from '@baton/schemas/types';
import { useNames } from '../../hooks/useNames.ts';
import { readableText } from '../../lib/systemEvents.ts';
import { AskedTold, BriefCustomerLine, BriefDeadlineLine } from './BriefFacts.tsx';
import { type BriefLine, BriefSection } from './BriefSection.tsx';

function fromItems(items: readonly HandoffBriefItem[]): BriefLine[] {
  return items.map((item) => ({
    text: item.text,
    sources: [{ eventId: item.eventId, at: item.at, author: item.author.kind }],
  }));
}

function isIntelligenceBrief(value: unknown): value is HandoffBrief {
  return typeof value === 'object' && value !== null && Array.isArray((value as HandoffBrief).summary);
}

/**
 * The brief a handoff carries, as the receiver reads it: the facts, then what is open, what was tried
 * and what was promised — each line linked to the timeline event it quotes.
 */
export function HandoffBriefView({ handoff, inPlace }: { handoff: Handoff; inPlace: boolean }) {
  const brief = handoff.brief;
  const names = useNames();
  const smart = isIntelligenceBrief(brief.intelligence) ? brief.intelligence : null;
  const issueId = handoff.issueId;
  const lines = (items: HandoffBrief['summary'] | undefined): BriefLine[] =>
    (items ?? []).map((i) => ({ text: i.text, sources: i.sources, suggested: i.kind === 'suggested' }));
  // "Open questions" already lists the customer's unanswered questions (taken from these unknowns):
  // "Still unknown" keeps the rest — the team's questions to the customer, notes of what is unknown.
  const asked = new Set(brief.openQuestions.map((q) => `${q.eventId}\n${q.text}`));
  const stillUnknown = smart?.openUnknowns.filter((i) => !asked.has(`${i.sources[0]?.eventId}\n${i.text}`));
  return (
    <div className="brief">
      {smart && <BriefCustomerLine customer={smart.customer} />}
      {smart && <BriefDeadlineLine deadline={smart.deadlines[0]} issueId={issueId} inPlace={inPlace} />}
      {brief.summary && <p className="brief-summary">{readableText(brief.summary, names)}</p>}
      <BriefSection
        title="Open questions"
        lines={fromItems(brief.openQuestions)}
        issueId={issueId}
        inPlace={inPlace}
      />
      {smart && <AskedTold pairs={smart.questionsAnswered} issueId={issueId} inPlace={inPlace} />}
      {smart && (
        <BriefSection title="Still unknown" lines={lines(stillUnknown)} issueId={issueId} inPlace={inPlace} />
      )}
      <BriefSection
        title="Steps tried"
        lines={fromItems(brief.stepsTried)}
        issueId={issueId}
        inPlace={inPlace}
      />
      <BriefSection
        title="Promised to the customer"
        lines={fromItems(brief.commitments)}
        issueId={issueId}
        inPlace={inPlace}
      />
      {smart && (
        <BriefSection title="Next steps" lines={lines(smart.nextSteps)} issueId={issueId} inPlace={inPlace} />
      )}
      <BriefSection
        title="Latest messages"
        lines={fromItems(brief.lastMessages)}
        issueId={issueId}
        inPlace={inPlace}
      />
    </div>
  );
}
