import { useNow } from '../hooks/useNow.ts';
import { absoluteTime, relativeTime } from '../lib/format.ts';

/** "5m ago", with the exact time on hover and in the markup. */
export function RelativeTime({ iso, prefix }: { iso: string | undefined; prefix?: string }) {
  const now = useNow();
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={absoluteTime(iso)} className="reltime">
      {prefix}
      {relativeTime(iso, now)}
    </time>
  );
}
