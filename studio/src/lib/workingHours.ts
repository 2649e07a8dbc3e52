/**
 * Agents' working hours, turned into display rows whatever reasonable shape the server sends:
 * - a list of windows: `[{ day: 'mon' | 1, start: '09:00', end: '17:00' }]` (or `days: [...]`)
 * - a map from weekday to windows: `{ mon: [{ start, end }], tue: '09:00-17:00', sat: null }`
 * - either of those wrapped as `{ timeZone?, days | schedule | windows: ... }`.
 */

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface WorkingHoursRow {
  day: string;
  hours: string;
}

function dayLabel(day: unknown): string {
  if (typeof day === 'number') return DAY_NAMES[day % 7] ?? String(day);
  if (typeof day === 'string') {
    const key = day.slice(0, 3).toLowerCase();
    const index = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(key);
    return index >= 0 ? DAY_NAMES[index]! : day;
  }
  return '?';
}

function dayRank(label: string): number {
  const index = DAY_ORDER.indexOf(label.slice(0, 3).toLowerCase());
  return index >= 0 ? index : DAY_ORDER.length;
}

function windowText(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = value.map(windowText).filter((part): part is string => part !== null);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof value === 'object') {
    const { start, end, from, to } = value as Record<string, unknown>;
    const a = start ?? from;
    const b = end ?? to;
    if (typeof a === 'string' || typeof b === 'string') return `${a ?? '?'}–${b ?? '?'}`;
  }
  return null;
}

function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['days', 'schedule', 'windows', 'weekly']) {
      if (key in record) return record[key];
    }
  }
  return value;
}

export function workingHoursRows(raw: unknown): WorkingHoursRow[] {
  const value = unwrap(raw);
  const byDay = new Map<string, string[]>();
  const add = (day: string, text: string | null) => {
    if (!text) return;
    byDay.set(day, [...(byDay.get(day) ?? []), text]);
  };

  if (Array.isArray(value)) {
    for (const entry of value) {
      if (!entry || typeof entry !== 'object') continue;
      const record = entry as Record<string, unknown>;
      const days = Array.isArray(record.days) ? record.days : [record.day ?? record.weekday];
      for (const day of days) add(dayLabel(day), windowText(record));
    }
  } else if (value && typeof value === 'object') {
    for (const [day, windows] of Object.entries(value as Record<string, unknown>)) {
      if (day === 'timeZone') continue;
      add(dayLabel(day), windowText(windows));
    }
  }

  return [...byDay.entries()]
    .sort(([a], [b]) => dayRank(a) - dayRank(b))
    .map(([day, hours]) => ({ day, hours: hours.join(', ') }));
}

/** Groups consecutive days with equal hours: `Mon–Fri 09:00–17:00`. */
export function summarizeWorkingHours(raw: unknown): string | null {
  const rows = workingHoursRows(raw);
  if (!rows.length) return null;
  const groups: { first: string; last: string; hours: string }[] = [];
  for (const row of rows) {
    const previous = groups.at(-1);
    if (previous && previous.hours === row.hours && dayRank(row.day) === dayRank(previous.last) + 1) {
      previous.last = row.day;
    } else {
      groups.push({ first: row.day, last: row.day, hours: row.hours });
    }
  }
  return groups.map((g) => `${g.first === g.last ? g.first : `${g.first}–${g.last}`} ${g.hours}`).join(' · ');
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Whether `now` falls inside one of the shifts, read in their own zone; null when that cannot be told. */
export function onShiftNow(
  raw: unknown,
  timeZone: string | undefined,
  now: number = Date.now(),
): boolean | null {
  const value = unwrap(raw);
  if (!Array.isArray(value) || value.length === 0) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: timeZone ?? 'UTC',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(now));
  } catch {
    return null;
  }
  const day = (parts.find((p) => p.type === 'weekday')?.value ?? '').slice(0, 3).toLowerCase();
  const hhmm = `${parts.find((p) => p.type === 'hour')?.value}:${parts.find((p) => p.type === 'minute')?.value}`;
  if (!WEEKDAYS.includes(day)) return null;
  return value.some((shift) => {
    if (!shift || typeof shift !== 'object') return false;
    const { day: d, start, end } = shift as Record<string, unknown>;
    return (
      typeof d === 'string' &&
      d.slice(0, 3).toLowerCase() === day &&
      typeof start === 'string' &&
      typeof end === 'string' &&
      start <= hhmm &&
      hhmm < end
    );
  });
}
