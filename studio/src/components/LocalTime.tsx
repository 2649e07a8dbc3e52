import { useNow } from '../hooks/useNow.ts';
import { localTimeIn } from '../lib/format.ts';

/** "14:05 (Europe/Berlin)": someone's wall clock, so agents know whether it is a good time to call. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const now = useNow(60_000);
  const time = localTimeIn(timeZone, now);
  return (
    <span title={timeZone}>
      {time ?? '—'} <span className="muted">({timeZone})</span>
    </span>
  );
}
