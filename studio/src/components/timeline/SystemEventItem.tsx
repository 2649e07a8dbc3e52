import type { SystemEvent } from '../../api/types.ts';
import { displayValue, humanize } from '../../lib/format.ts';
import { RelativeTime } from '../RelativeTime.tsx';
import { ActorName } from './ActorName.tsx';

/** One quiet line: "Baton · Status changed · from: new, to: open · 5m ago". */
export function SystemEventItem({ event }: { event: SystemEvent }) {
  const data = Object.entries(event.data ?? {});
  return (
    <div className="tl-system">
      <span className="tl-system-dot" aria-hidden="true" />
      <ActorName actor={event.author} />
      <span className="tl-system-action">{event.text ?? humanize(event.action ?? 'event')}</span>
      {data.length > 0 && (
        <span className="tl-system-data">
          {data.map(([key, value]) => `${humanize(key).toLowerCase()}: ${displayValue(value)}`).join(', ')}
        </span>
      )}
      <RelativeTime iso={event.at} />
    </div>
  );
}
