import type { TimelineEvent } from '../../api/types.ts';
import { useActorName } from '../../hooks/useActorName.ts';
import { EVENT_TYPE_LABELS, labelOf } from '../../lib/format.ts';
import { CallTranscriptItem } from './CallTranscriptItem.tsx';
import { CrmUpdateItem } from './CrmUpdateItem.tsx';
import { EventAnnotations } from './EventAnnotations.tsx';
import { MessageItem } from './MessageItem.tsx';
import { SystemEventItem } from './SystemEventItem.tsx';

function Body({ event }: { event: TimelineEvent }) {
  switch (event.type) {
    case 'call_transcript':
      return <CallTranscriptItem event={event} />;
    case 'crm_update':
      return <CrmUpdateItem event={event} />;
    case 'system_event':
      return <SystemEventItem event={event} />;
    default:
      // customer_message, agent_reply, internal_note, and any type a newer server adds.
      return <MessageItem event={event} />;
  }
}

export function TimelineItem({ event }: { event: TimelineEvent }) {
  const label = `${labelOf(EVENT_TYPE_LABELS, event.type)} by ${useActorName(event.author)}`;
  return (
    <li className={`tl-item tl-${event.type}`} aria-label={label} data-event-id={event.id}>
      <Body event={event} />
      <EventAnnotations eventId={event.id} />
    </li>
  );
}
