/**
 * Durations as people say them (“10 minutes”, “2 days”) and as documents store them (ISO-8601:
 * `PT10M`, `P2D`). Forms show and take the first, the API keeps the second. One module for the
 * editor, the settings pages and the analytics tables.
 */

export const DURATION_UNITS = [
  { unit: 'seconds', seconds: 1, one: 'second' },
  { unit: 'minutes', seconds: 60, one: 'minute' },
  { unit: 'hours', seconds: 3600, one: 'hour' },
  { unit: 'days', seconds: 86_400, one: 'day' },
  { unit: 'weeks', seconds: 604_800, one: 'week' },
] as const;

export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

/** What a person picks from by default: seconds only appear for a stored value that needs them. */
export const EVERYDAY_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days', 'weeks'];

export interface Amount {
  amount: number;
  unit: DurationUnit;
}

const ISO = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const SECONDS = Object.fromEntries(DURATION_UNITS.map((u) => [u.unit, u.seconds])) as Record<
  DurationUnit,
  number
>;

/** Seconds in an ISO-8601 duration (weeks, days, hours, minutes, seconds); null when it is not one. */
export function isoSeconds(iso: string): number | null {
  const m = ISO.exec(iso.trim());
  if (!m) return null;
  const [, w, d, h, min, s] = m;
  return (
    Number(w ?? 0) * 604_800 +
    Number(d ?? 0) * 86_400 +
    Number(h ?? 0) * 3600 +
    Number(min ?? 0) * 60 +
    Number(s ?? 0)
  );
}

/** The largest unit that states the duration exactly: `PT90M` → 90 minutes, `PT2H` → 2 hours. */
export function toAmount(iso: string): Amount | null {
  const seconds = isoSeconds(iso);
  if (seconds === null) return null;
  if (seconds === 0) return { amount: 0, unit: 'minutes' };
  for (const u of [...DURATION_UNITS].reverse()) {
    if (seconds % u.seconds === 0) return { amount: seconds / u.seconds, unit: u.unit };
  }
  return { amount: seconds, unit: 'seconds' };
}

/** `{ 90, minutes }` → `PT90M`; days and weeks stay calendar-free (`P2D`, `P1W`). */
export function toIso({ amount, unit }: Amount): string {
  const n = Math.max(0, unit === 'seconds' ? Math.round(amount * 1000) / 1000 : Math.round(amount));
  switch (unit) {
    case 'weeks':
      return `P${n}W`;
    case 'days':
      return `P${n}D`;
    case 'hours':
      return `PT${n}H`;
    case 'minutes':
      return `PT${n}M`;
    default:
      return `PT${n}S`;
  }
}

/** “10 minutes”, “1 hour”, “1 hour 30 minutes”; “—” for none; a value that is no duration as it is. */
export function describeDuration(iso: string | undefined): string {
  if (!iso) return '—';
  let seconds = isoSeconds(iso);
  if (seconds === null) return iso;
  if (seconds === 0) return '0 minutes';
  const parts: string[] = [];
  for (const u of [...DURATION_UNITS].reverse()) {
    const n = Math.floor(seconds / u.seconds);
    if (n > 0) {
      parts.push(`${n} ${n === 1 ? u.one : u.unit}`);
      seconds -= n * u.seconds;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Milliseconds in the largest unit that keeps them readable (“1 h 20 min”, “2.5 days”). */
export function describeMs(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const days = minutes / 1440;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}

/** The shortest readable form, for dense tables: “<1 min”, “12 min”, “3 h”, “2.5 d”. */
export function describeMsShort(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  const days = hours / 24;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} d`;
}

/** Seconds per unit, for converting an amount. */
export function unitSeconds(unit: DurationUnit): number {
  return SECONDS[unit];
}
