import type { TimelineEvent } from '../../api/types.ts';
import { EVENT_TYPE_LABELS, labelOf } from '../../lib/format.ts';
import { EventHeader } from './EventHeader.tsx';

const KIND_TEXT: Record<string, string | undefined> = {
  internal_note: 'Internal note',
  agent_reply: 'replied',
  customer_message: undefined,
};

/** Customer messages, agent replies and internal notes (and unknown types, shown as text). */
export function MessageItem({ event }: { event: TimelineEvent }) {
  const kind = event.type in KIND_TEXT ? KIND_TEXT[event.type] : labelOf(EVENT_TYPE_LABELS, event.type);
  return (
    <article className="tl-card">
      <EventHeader
        author={event.author}
        at={event.at}
        kind={kind}
        receivedBy={event.receivedBy}
        occurredAt={event.occurredAt}
      />
      {event.text ? (
        <div className="tl-text">{event.text}</div>
      ) : (
        <div className="tl-text muted">(no text)</div>
      )}
    </article>
  );
}
