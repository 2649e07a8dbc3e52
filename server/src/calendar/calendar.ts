/**
 * Business time: weekly opening hours and holidays in an IANA time zone, computed with luxon (which
 * reads the zone rules from the runtime's Intl data), so daylight-saving transitions are right by
 * construction — a local 09:00–17:00 day stays 8 hours whether the zone moved its clocks that night
 * or not, and a 00:00–24:00 day is 23 or 25 hours long when it did.
 *
 * A calendar without hours is open around the clock (business time equals wall time); holidays close
 * whole local days. Windows never span midnight (`to` may be 24:00); overlapping windows of one day
 * are merged. All functions take and return epoch milliseconds.
 */
import { DateTime } from 'luxon';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface CalendarHours {
  days: Weekday[];
  /** HH:MM local time. */
  from: string;
  /** HH:MM local time; 24:00 closes at midnight. */
  to: string;
}

export interface CalendarSpec {
  timeZone: string;
  /** Absent or empty: open around the clock. */
  hours?: readonly CalendarHours[];
  /** Closed local dates (YYYY-MM-DD). */
  holidays?: ReadonlyArray<string | { date: string }>;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** A search for open time gives up after this many local days (a calendar that is never open). */
const MAX_DAYS = 3 * 366;

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}

function minutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new CalendarError(`"${hhmm}" is not a time as HH:MM`);
  const value = Number(m[1]) * 60 + Number(m[2]);
  if (value > 24 * 60 || Number(m[2]) > 59) throw new CalendarError(`"${hhmm}" is not a time of day`);
  return value;
}

/** A calendar prepared for computing: merged windows per ISO weekday (1 = Monday), holidays as a set. */
export class BusinessCalendar {
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  /** Index 1..7 (luxon's weekday), each a sorted list of non-overlapping [fromMin, toMin). */
  readonly #windows: Array<Array<[number, number]>> = Array.from({ length: 8 }, () => []);
  readonly #holidays: Set<string>;
  /** Open intervals per local date, memoised: most clocks of one calendar look at the same few days. */
  readonly #days = new Map<string, Array<[number, number]>>();

  constructor(spec: CalendarSpec) {
    if (!DateTime.now().setZone(spec.timeZone).isValid) {
      throw new CalendarError(`"${spec.timeZone}" is not an IANA time zone`);
    }
    this.timeZone = spec.timeZone;
    this.#holidays = new Set((spec.holidays ?? []).map((h) => (typeof h === 'string' ? h : h.date)));
    const hours = spec.hours ?? [];
    this.alwaysOpen = hours.length === 0;
    for (const window of hours) {
      const from = minutes(window.from);
      const to = minutes(window.to);
      if (to <= from)
        throw new CalendarError(`opening hours ${window.from}–${window.to} end before they start`);
      for (const day of window.days) {
        const index = WEEKDAYS.indexOf(day) + 1;
        if (index < 1) throw new CalendarError(`"${day}" is not a weekday (mon … sun)`);
        this.#windows[index]!.push([from, to]);
      }
    }
    for (const list of this.#windows) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; ) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        if (cur[0] <= prev[1]) {
          prev[1] = Math.max(prev[1], cur[1]);
          list.splice(i, 1);
        } else i++;
      }
    }
    if (!this.alwaysOpen && this.#holidays.size === 0 && this.#windows.every((w) => w.length === 0)) {
      throw new CalendarError('the calendar is never open');
    }
  }

  /** The open intervals [start, end) of one local day, as epoch ms. */
  #intervals(day: DateTime): Array<[number, number]> {
    const date = day.toISODate()!;
    let cached = this.#days.get(date);
    if (cached) return cached;
    cached = [];
    if (!this.#holidays.has(date)) {
      for (const [from, to] of this.#windows[day.weekday]!) {
        cached.push([localInstant(day, from), localInstant(day, to)]);
      }
    }
    if (this.#days.size > 5000) this.#days.clear();
    this.#days.set(date, cached);
    return cached;
  }

  #dayOf(at: number): DateTime {
    return DateTime.fromMillis(at, { zone: this.timeZone }).startOf('day');
  }

  isOpen(at: number): boolean {
    if (this.alwaysOpen) return !this.#holidays.has(this.#dayOf(at).toISODate()!);
    return this.#intervals(this.#dayOf(at)).some(([s, e]) => at >= s && at < e);
  }

  /** The instant `ms` of business time after `start`. */
  add(start: number, ms: number): number {
    if (ms <= 0) return start;
    if (this.alwaysOpen && this.#holidays.size === 0) return start + ms;
    let remaining = ms;
    let day = this.#dayOf(start);
    for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
      for (const [s, e] of this.#open(day)) {
        const from = Math.max(s, start);
        if (e <= from) continue;
        if (remaining <= e - from) return from + remaining;
        remaining -= e - from;
      }
    }
    throw new CalendarError(`the calendar has no open time within ${MAX_DAYS} days`);
  }

  /** Business milliseconds in [from, to). */
  between(from: number, to: number): number {
    if (to <= from) return 0;
    if (this.alwaysOpen && this.#holidays.size === 0) return to - from;
    let total = 0;
    let day = this.#dayOf(from);
    for (let guard = 0; day.toMillis() < to && guard < 100_000; guard++, day = day.plus({ days: 1 })) {
      for (const [s, e] of this.#open(day)) {
        const a = Math.max(s, from);
        const b = Math.min(e, to);
        if (b > a) total += b - a;
      }
    }
    return total;
  }

  /** The first open instant at or after `at`. */
  nextOpen(at: number): number {
    if (this.isOpen(at)) return at;
    let day = this.#dayOf(at);
    for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
      for (const [s, e] of this.#open(day)) if (e > at) return Math.max(s, at);
    }
    throw new CalendarError(`the calendar has no open time within ${MAX_DAYS} days`);
  }

  /** Whole local days count as open intervals when the calendar is always open (holidays excepted). */
  #open(day: DateTime): Array<[number, number]> {
    if (!this.alwaysOpen) return this.#intervals(day);
    const date = day.toISODate()!;
    return this.#holidays.has(date)
      ? []
      : [[day.toMillis(), day.plus({ days: 1 }).startOf('day').toMillis()]];
  }

  /** An instant as local time in this calendar's zone, e.g. 2026-01-05T10:00:00.000+01:00. */
  local(at: number): string {
    return DateTime.fromMillis(at, { zone: this.timeZone }).toISO()!;
  }
}

/** The instant of a local wall time on a day; a time inside a spring-forward gap moves forward. */
function localInstant(day: DateTime, minuteOfDay: number): number {
  if (minuteOfDay >= 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toMillis();
}

/** Prepared calendars by spec, so each distinct calendar is parsed once per process. */
const cache = new Map<string, BusinessCalendar>();

export function calendarOf(spec: CalendarSpec): BusinessCalendar {
  const key = JSON.stringify([spec.timeZone, spec.hours ?? [], spec.holidays ?? []]);
  let calendar = cache.get(key);
  if (!calendar) {
    calendar = new BusinessCalendar(spec);
    if (cache.size > 1000) cache.clear();
    cache.set(key, calendar);
  }
  return calendar;
}

/** An agent's weekly shifts as a calendar in the agent's own time zone (no shifts: always on). */
export function shiftsCalendar(
  timeZone: string,
  shifts: ReadonlyArray<{ day: Weekday; start: string; end: string }>,
): BusinessCalendar {
  return calendarOf({ timeZone, hours: shifts.map((s) => ({ days: [s.day], from: s.start, to: s.end })) });
}
