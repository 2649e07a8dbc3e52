/**
 * ISO-8601 durations (what the API stores: `PT30M`, `P2D`) as a person reads and types them: a
 * number and a unit. Only whole numbers of one unit are offered; a stored duration mixing units
 * (`PT1H30M`) is shown in the largest unit that divides it exactly (90 minutes).
 */
export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440, weeks: 10080 };

export interface Duration {
  value: number;
  unit: DurationUnit;
}

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Total minutes of an ISO duration, or null when it is not one (seconds round up to a minute). */
export function isoToMinutes(iso: string): number | null {
  const m = ISO.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [, w, d, h, min, s] = m;
  const seconds = Number(s ?? 0);
  return (
    Number(w ?? 0) * MINUTES.weeks +
    Number(d ?? 0) * MINUTES.days +
    Number(h ?? 0) * 60 +
    Number(min ?? 0) +
    Math.ceil(seconds / 60)
  );
}

export function parseIsoDuration(iso: string | undefined): Duration | null {
  if (!iso) return null;
  const minutes = isoToMinutes(iso);
  if (minutes === null) return null;
  for (const unit of [...DURATION_UNITS].reverse()) {
    if (minutes > 0 && minutes % MINUTES[unit] === 0) return { value: minutes / MINUTES[unit], unit };
  }
  return { value: minutes, unit: 'minutes' };
}

export function toIsoDuration({ value, unit }: Duration): string {
  switch (unit) {
    case 'minutes':
      return `PT${value}M`;
    case 'hours':
      return `PT${value}H`;
    case 'days':
      return `P${value}D`;
    case 'weeks':
      return `P${value}W`;
  }
}

/** "45 minutes", "1 hour", "3 days": for tables and summaries. */
export function describeDuration(iso: string | undefined): string {
  const d = parseIsoDuration(iso);
  if (!d) return '—';
  const unit = d.value === 1 ? d.unit.slice(0, -1) : d.unit;
  return `${d.value} ${unit}`;
}

/** A duration in milliseconds in the largest unit that keeps it readable ("1 h 20 min", "2.5 days"). */
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

/** The shortest readable form, for dense tables: "<1 min", "12 min", "3 h", "2.5 d". */
export function describeMsShort(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  const days = hours / 24;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} d`;
}
