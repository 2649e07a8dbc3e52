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

/** Memo sizes per calendar: about 13 years of days, 100 days of quarter-hour slots. */
const MEMO_DAYS = 5000;
const MEMO_SLOTS = 10_000;
const SLOT_MS = 15 * 60_000;

/** One local day of a calendar's zone: its bounds as epoch ms, and its open intervals once asked. */
interface LocalDay {
  dt: DateTime;
  date: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: number;
  end: number;
  open?: Array<[number, number]>;
}

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
  /** Local days by date, memoised with their open intervals: most lookups hit the same few days. */
  readonly #days = new Map<string, LocalDay>();
  /** Local days by UTC quarter-hour slot (see #dayOf). */
  readonly #slots = new Map<number, LocalDay>();

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

  /** The open intervals [start, end) of one local day, as epoch ms (computed once per day). */
  #intervals(day: LocalDay): Array<[number, number]> {
    if (day.open) return day.open;
    const open: Array<[number, number]> = [];
    if (this.#holidays.has(day.date)) {
      // closed all day
    } else if (this.alwaysOpen) {
      open.push([day.start, day.end]);
    } else {
      for (const [from, to] of this.#windows[day.weekday]!) {
        open.push([localInstant(day, from), localInstant(day, to)]);
      }
    }
    day.open = open;
    return open;
  }

  /**
   * The local day holding `at`. Building a luxon DateTime in a zone costs microseconds (it asks Intl
   * for the offset), and routing asks every agent's calendar on every decision, so days are memoised:
   * by their date, and by the quarter-hour slot of UTC time (every zone offset in use is a multiple
   * of 15 minutes; a slot that straddles local midnight is simply not memoised and recomputed).
   */
  #dayOf(at: number): LocalDay {
    const slot = Math.floor(at / SLOT_MS);
    const hit = this.#slots.get(slot);
    if (hit && at >= hit.start && at < hit.end) return hit;
    const dt = DateTime.fromMillis(at, { zone: this.timeZone }).startOf('day');
    const date = dt.toISODate()!;
    let day = this.#days.get(date);
    if (!day) {
      day = {
        dt,
        date,
        weekday: dt.weekday,
        start: dt.toMillis(),
        end: dt.plus({ days: 1 }).startOf('day').toMillis(),
      };
      if (this.#days.size >= MEMO_DAYS) this.#days.clear();
      this.#days.set(date, day);
    }
    if (slot * SLOT_MS >= day.start && (slot + 1) * SLOT_MS <= day.end) {
      if (this.#slots.size >= MEMO_SLOTS) this.#slots.clear();
      this.#slots.set(slot, day);
    }
    return day;
  }

  /** The local day after `day` (it starts where `day` ends). */
  #next(day: LocalDay): LocalDay {
    return this.#dayOf(day.end);
  }

  isOpen(at: number): boolean {
    return this.#intervals(this.#dayOf(at)).some(([s, e]) => at >= s && at < e);
  }

  /** The instant `ms` of business time after `start`. */
  add(start: number, ms: number): number {
    if (ms <= 0) return start;
    if (this.alwaysOpen && this.#holidays.size === 0) return start + ms;
    let remaining = ms;
    let day = this.#dayOf(start);
    for (let i = 0; i < MAX_DAYS; i++, day = this.#next(day)) {
      for (const [s, e] of this.#intervals(day)) {
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
    for (let guard = 0; day.start < to && guard < 100_000; guard++, day = this.#next(day)) {
      for (const [s, e] of this.#intervals(day)) {
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
    for (let i = 0; i < MAX_DAYS; i++, day = this.#next(day)) {
      for (const [s, e] of this.#intervals(day)) if (e > at) return Math.max(s, at);
    }
    throw new CalendarError(`the calendar has no open time within ${MAX_DAYS} days`);
  }

  /** An instant as local time in this calendar's zone, e.g. 2026-01-05T10:00:00.000+01:00. */
  local(at: number): string {
    return DateTime.fromMillis(at, { zone: this.timeZone }).toISO()!;
  }
}

/** The instant of a local wall time on a day; a time inside a spring-forward gap moves forward. */
function localInstant(day: LocalDay, minuteOfDay: number): number {
  if (minuteOfDay >= 24 * 60) return day.end;
  return day.dt.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toMillis();
}

/** Prepared calendars by spec, so each distinct calendar is parsed once per process. */
const cache = new Map<string, BusinessCalendar>();

export function calendarOf(spec: CalendarSpec): BusinessCalendar {
  // A frozen hours array (a cached policy's) finds its calendars without the JSON key: each new
  // issue's SLA clocks ask twice per clock.
  // (An array is only ever remembered once deeply frozen, and frozen stays frozen.)
  const known = spec.hours && byHours.get(spec.hours);
  const hit = known?.find((k) => k.timeZone === spec.timeZone && k.holidays === spec.holidays);
  if (hit) return hit.calendar;
  const key = JSON.stringify([spec.timeZone, spec.hours ?? [], spec.holidays ?? []]);
  let calendar = cache.get(key);
  if (!calendar) {
    calendar = new BusinessCalendar(spec);
    if (cache.size > 1000) cache.clear();
    cache.set(key, calendar);
  }
  const { hours, holidays } = spec;
  if (hours && (known || deeplyFrozen(hours)) && (!holidays || deeplyFrozen(holidays))) {
    const entries = known || [];
    if (entries.length < 64) entries.push({ timeZone: spec.timeZone, holidays, calendar });
    if (!known) byHours.set(hours, entries);
  }
  return calendar;
}

/** Whether a value and everything in it is frozen: only then may a calendar be remembered by reference. */
function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const child of Object.values(value)) if (!deeplyFrozen(child)) return false;
  return true;
}

/** Calendars by frozen hours array, then zone and holidays (by reference), in front of the JSON key. */
const byHours = new WeakMap<
  object,
  Array<{ timeZone: string; holidays: CalendarSpec['holidays']; calendar: BusinessCalendar }>
>();

/** Shift calendars by a cheap key (zone and shifts), in front of calendarOf's JSON key. */
const shiftCache = new Map<string, BusinessCalendar>();
/**
 * And by the shifts array itself, in front of that: the directory hands out the same (frozen) agent
 * objects until an agent changes, and routing asks for every agent's calendar on every decision —
 * building the string key each time was ~1 % of an ingested issue (profiled).
 */
const byShifts = new WeakMap<object, { timeZone: string; calendar: BusinessCalendar }>();

/** An agent's weekly shifts as a calendar in the agent's own time zone (no shifts: always on). */
export function shiftsCalendar(
  timeZone: string,
  shifts: ReadonlyArray<{ day: Weekday; start: string; end: string }>,
): BusinessCalendar {
  const known = byShifts.get(shifts);
  if (known?.timeZone === timeZone) return known.calendar;
  let key = timeZone;
  for (const s of shifts) key += `|${s.day} ${s.start}-${s.end}`;
  let calendar = shiftCache.get(key);
  if (!calendar) {
    calendar = calendarOf({
      timeZone,
      hours: shifts.map((s) => ({ days: [s.day], from: s.start, to: s.end })),
    });
    if (shiftCache.size > 1000) shiftCache.clear();
    shiftCache.set(key, calendar);
  }
  // Only a frozen array (the directory's cached agents are deep-frozen) holds the same shifts next time.
  if (deeplyFrozen(shifts)) byShifts.set(shifts, { timeZone, calendar });
  return calendar;
}
