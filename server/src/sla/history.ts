/**
 * Realistic targets from the organisation's own history: how long first responses and resolutions
 * really took, per priority, as percentiles of stopped SLA clocks (business time, exactly what a
 * target is measured against). The suggestion is the p80 — a target four issues in five already
 * meet — rounded up to a duration people read at a glance.
 */
import type { Priority, SlaHistory, SlaHistoryRow } from '@baton/schemas';

export const HISTORY_METRICS = ['firstResponse', 'resolution'] as const;
const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'critical'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) throw new Error('percentile of nothing');
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Rounds up to 5, 10, 15, 30 or 45 minutes, whole hours below two days, whole days above. */
export function roundTarget(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  if (minutes <= 60) {
    const step = [5, 10, 15, 30, 45, 60].find((m) => minutes <= m)!;
    return step === 60 ? 'PT1H' : `PT${step}M`;
  }
  if (ms <= 2 * DAY) return `PT${Math.ceil(ms / HOUR)}H`;
  return `P${Math.ceil(ms / DAY)}D`;
}

export interface MeasuredClock {
  metric: string;
  priority: Priority;
  elapsedMs: number;
}

export function summarise(clocks: readonly MeasuredClock[], since: string): SlaHistory {
  const rows: SlaHistoryRow[] = [];
  for (const metric of HISTORY_METRICS) {
    for (const priority of PRIORITIES) {
      const values = clocks
        .filter((c) => c.metric === metric && c.priority === priority)
        .map((c) => c.elapsedMs)
        .sort((a, b) => a - b);
      if (!values.length) {
        rows.push({ metric, priority, count: 0 });
        continue;
      }
      const p80 = percentile(values, 80);
      rows.push({
        metric,
        priority,
        count: values.length,
        p50Ms: percentile(values, 50),
        p80Ms: p80,
        p90Ms: percentile(values, 90),
        suggested: roundTarget(p80),
      });
    }
  }
  return { since, rows };
}
