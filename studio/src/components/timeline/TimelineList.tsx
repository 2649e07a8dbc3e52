import type { TimelineEvent } from '../../api/types.ts';
import { TimelineItem } from './TimelineItem.tsx';

export function TimelineList({ events, label = 'Timeline' }: { events: TimelineEvent[]; label?: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((event) => (
        <TimelineItem key={event.id} event={event} />
      ))}
    </ol>
  );
}
