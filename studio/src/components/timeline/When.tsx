import { useNow } from '../../hooks/useNow.ts';
import { absoluteTime, relativeTime } from '../../lib/format.ts';

/** Both times at once, as an agent reading a timeline needs them: "3h ago · 4 Dec 2026, 12:23". */
export function When({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} className="reltime when">
      {relativeTime(iso, now)}
      <span className="when-abs"> · {absoluteTime(iso)}</span>
    </time>
  );
}
