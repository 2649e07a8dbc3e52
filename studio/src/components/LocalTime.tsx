import { useNow } from '../hooks/useNow.ts';
import { localTimeIn, zoneName } from '../lib/format.ts';

/**
 * "02:05 PM (Central European Time)": someone's wall clock, so agents know whether it is a good time
 * to call; the zone by its name, its IANA id on hover.
 */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const now = useNow(60_000);
  const time = localTimeIn(timeZone, now);
  return (
    <span title={timeZone}>
      {time ?? '—'} <span className="muted">({zoneName(timeZone, now)})</span>
    </span>
  );
}
