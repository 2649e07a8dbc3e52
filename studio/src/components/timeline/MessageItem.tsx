import { eventText, type TimelineEvent } from '../../api/types.ts';
import { EVENT_TYPE_LABELS, labelOf } from '../../lib/format.ts';
import { EventHeader } from './EventHeader.tsx';

const KIND_TEXT: Record<string, string | undefined> = {
  internal_note: 'Internal note',
  agent_reply: 'replied',
  customer_message: undefined,
  workspace_comment: 'commented in the shared workspace',
  decision: 'recorded a decision',
};

/** Customer messages, agent replies, internal notes, workspace comments and decisions (and unknown types, as text). */
export function MessageItem({ event }: { event: TimelineEvent }) {
  const kind = event.type in KIND_TEXT ? KIND_TEXT[event.type] : labelOf(EVENT_TYPE_LABELS, event.type);
  const decision = event.type === 'decision' ? event : null;
  return (
    <article className="tl-card">
      <EventHeader
        author={event.author}
        at={event.at}
        kind={kind}
        receivedBy={event.receivedBy}
        occurredAt={event.occurredAt}
      />
      {eventText(event) ? (
        <div className="tl-text">{eventText(event)}</div>
      ) : (
        <div className="tl-text muted">(no text)</div>
      )}
      {decision && (decision.why || decision.who) && (
        <p className="tl-decision-why">
          {decision.who && <>Decided by {decision.who}. </>}
          {decision.why && <>Why: {decision.why}</>}
        </p>
      )}
    </article>
  );
}
