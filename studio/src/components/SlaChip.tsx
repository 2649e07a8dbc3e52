import type { SlaClockView } from '@baton/schemas/types';
import { useNow } from '../hooks/useNow.ts';
import { absoluteTime } from '../lib/format.ts';
import { METRIC_LABELS, remainingNow, toneOf } from '../lib/sla.ts';
import { countdownText } from './Countdown.tsx';

/**
 * One SLA clock at a glance, ticking: "Resolution · 1h 12m left", amber when close, red once breached
 * ("breached 5:20 ago"). `readAt` is when the clock was read, for clocks without a due time.
 */
export function SlaChip({
  clock,
  readAt,
  compact,
}: {
  clock: SlaClockView;
  readAt: number;
  compact?: boolean;
}) {
  const now = useNow(1000);
  const remaining = remainingNow(clock, now, readAt);
  const tone = toneOf(clock, remaining);
  const metric = METRIC_LABELS[clock.metric] ?? clock.metric;
  let text: string;
  if (tone === 'met') text = 'met';
  else if (clock.state === 'cancelled') text = 'cancelled';
  // A paused clock without a target (resolution, often) has nothing left to count: just "paused".
  else if (tone === 'paused')
    text = remaining !== undefined ? `paused, ${countdownText(remaining)} left` : 'paused';
  else if (remaining === undefined) text = 'running';
  else if (remaining <= 0) text = `breached ${countdownText(-remaining)} ago`;
  else text = `${countdownText(remaining)} left`;
  const due = clock.dueAt ? `due ${absoluteTime(clock.dueAt)}` : undefined;
  return (
    <span className={`sla-chip sla-${tone}`} title={[metric, due].filter(Boolean).join(', ')}>
      {!compact && <span className="sla-metric">{metric}</span>}
      <span className="sla-left">{text}</span>
    </span>
  );
}
