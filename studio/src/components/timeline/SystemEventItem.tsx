import type { SystemEvent } from '../../api/types.ts';
import { type Directory, useDirectory } from '../../hooks/useDirectory.ts';
import { displayValue, humanize } from '../../lib/format.ts';
import { RelativeTime } from '../RelativeTime.tsx';
import { ActorName } from './ActorName.tsx';

/** `teamId: team_x` → `team: Billing`; everything else as a compact `key: value`. */
function describe([key, value]: [string, unknown], directory: Directory): string {
  if (typeof value === 'string' && /agentId$/i.test(key) && directory.agentById.has(value)) {
    return `${humanize(key.replace(/Id$/, '')).toLowerCase()}: ${directory.agentById.get(value)!.name}`;
  }
  if (typeof value === 'string' && /teamId$/i.test(key) && directory.teamById.has(value)) {
    return `${humanize(key.replace(/Id$/, '')).toLowerCase()}: ${directory.teamById.get(value)!.name}`;
  }
  return `${humanize(key).toLowerCase()}: ${displayValue(value)}`;
}

/** One quiet line: "Baton · Status changed · from: new, to: open · 5m ago". */
export function SystemEventItem({ event }: { event: SystemEvent }) {
  const directory = useDirectory();
  const data = Object.entries(event.data ?? {});
  return (
    <div className="tl-system">
      <span className="tl-system-dot" aria-hidden="true" />
      <ActorName actor={event.author} />
      <span className="tl-system-action">
        {event.text ?? humanize((event.action ?? 'event').replace(/^issue\./, ''))}
      </span>
      {data.length > 0 && (
        <span className="tl-system-data">{data.map((entry) => describe(entry, directory)).join(', ')}</span>
      )}
      <RelativeTime iso={event.at} />
    </div>
  );
}
