import type { TimelineEvent } from '../../api/types.ts';
import { withoutRoutingEchoes } from '../../lib/systemEvents.ts';
import { TimelineItem } from './TimelineItem.tsx';

export function TimelineList({ events, label = 'Timeline' }: { events: TimelineEvent[]; label?: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {withoutRoutingEchoes(events).map((event) => (
        <TimelineItem key={event.id} event={event} />
      ))}
    </ol>
  );
}
