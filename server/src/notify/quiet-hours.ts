/**
 * Quiet hours in the recipient's own time zone (luxon, so DST shifts are handled by the zone
 * rules): a daily window, possibly crossing midnight, on chosen days (the day the window starts).
 */
import type { QuietHours } from '@baton/schemas';
import { DateTime } from 'luxon';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function dayOf(local: DateTime): (typeof DAYS)[number] {
  return DAYS[local.weekday - 1]!;
}

function at(local: DateTime, hhmm: string): DateTime {
  const m = minutes(hhmm);
  return local.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 });
}

/** When the quiet window `now` falls in ends, or null when `now` is not in one. */
export function quietUntil(now: Date, timeZone: string, quiet: QuietHours): Date | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) return null;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return null;
  const days = new Set(quiet.days ?? DAYS);
  const m = local.hour * 60 + local.minute;
  if (start < end) {
    if (m >= start && m < end && days.has(dayOf(local))) return at(local, quiet.end).toJSDate();
    return null;
  }
  // Crosses midnight: the evening part belongs to today's window, the morning part to yesterday's.
  if (m >= start && days.has(dayOf(local))) return at(local.plus({ days: 1 }), quiet.end).toJSDate();
  if (m < end && days.has(dayOf(local.minus({ days: 1 })))) return at(local, quiet.end).toJSDate();
  return null;
}
