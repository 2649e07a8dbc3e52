import { useNow } from '../hooks/useNow.ts';
import { absoluteTime } from '../lib/format.ts';

/** `90_500` → `1:30`, `3_723_000` → `1h 02m`, `2 days` for longer. */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s >= 2 * 86_400) return `${Math.floor(s / 86_400)} days`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A live countdown to `until`: "4:32 left", urgent in its last minute, "expired" after. */
export function Countdown({
  until,
  label = 'left',
  urgentMs = 60_000,
}: {
  until: string;
  label?: string;
  urgentMs?: number;
}) {
  const now = useNow(1000);
  const ms = Date.parse(until) - now;
  const state = ms <= 0 ? 'over' : ms <= urgentMs ? 'urgent' : 'running';
  return (
    <time dateTime={until} title={absoluteTime(until)} className={`countdown countdown-${state}`}>
      {ms <= 0 ? 'expired' : `${countdownText(ms)} ${label}`}
    </time>
  );
}
