/**
 * Operators for support conditions, added to json-rules-engine next to its own (equal, in,
 * contains, greaterThan, …, and the `not:`/`some:`/`every:` decorators):
 *
 * - `matches`: the fact (text, or any item of a list) matches a regular expression. A string value
 *   is case-insensitive; `{ "pattern", "flags" }` says exactly which flags.
 * - `containsAny` / `containsAll`: a list fact holds any / all of the values; for a text fact, the
 *   text contains any / all of them as case-insensitive substrings (keywords in a subject).
 * - `withinBusinessHours`: a timestamp fact falls within weekly opening hours in a time zone.
 * - `olderThan`: a timestamp fact lies further in the past than an ISO-8601 duration, measured
 *   with the instance's injected clock (so tests and simulations control "now").
 *
 * Each operator can check its value when a flow is validated, so a bad regex or duration is
 * reported at save time with a pointer, not discovered at run time.
 */
import type { BusinessHours } from '@baton/schemas';
import type { Clock } from '../shared/clock.ts';
import { parseDuration } from './duration.ts';

export interface OperatorDefinition {
  name: string;
  description: string;
  /** json-rules-engine's evaluator: fact value (left) against the condition's value (right). */
  evaluate(factValue: unknown, value: unknown): boolean;
  /** Why a condition's value cannot work with this operator, or null when it can. */
  checkValue?(value: unknown): string | null;
}

/** The descriptions of json-rules-engine's own operators, for the studio's condition editor. */
export const BUILTIN_OPERATORS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'equal', description: 'The fact equals the value (strict).' },
  { name: 'notEqual', description: 'The fact does not equal the value.' },
  { name: 'in', description: 'The fact is one of the values (an array).' },
  { name: 'notIn', description: 'The fact is none of the values (an array).' },
  { name: 'contains', description: 'The fact (an array) contains the value.' },
  { name: 'doesNotContain', description: 'The fact (an array) does not contain the value.' },
  { name: 'lessThan', description: 'The fact is a number below the value.' },
  { name: 'lessThanInclusive', description: 'The fact is a number at most the value.' },
  { name: 'greaterThan', description: 'The fact is a number above the value.' },
  { name: 'greaterThanInclusive', description: 'The fact is a number at least the value.' },
];

export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function timestampOf(value: unknown): number | null {
  if (typeof value === 'string' || typeof value === 'number') {
    const t = new Date(value).getTime();
    return Number.isNaN(t) ? null : t;
  }
  if (value instanceof Date) return value.getTime();
  return null;
}

function regexOf(value: unknown, cache: Map<string, RegExp>): RegExp {
  const key = typeof value === 'string' ? `i\u0000${value}` : JSON.stringify(value);
  let re = cache.get(key);
  if (!re) {
    if (typeof value === 'string') re = new RegExp(value, 'i');
    else {
      const { pattern, flags } = (value ?? {}) as { pattern?: unknown; flags?: unknown };
      if (typeof pattern !== 'string') throw new Error('matches needs a pattern');
      re = new RegExp(pattern, typeof flags === 'string' ? flags.replace(/[gy]/g, '') : '');
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function checkRegex(value: unknown): string | null {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
    return 'must be a regular expression as a string, or { "pattern", "flags" }';
  }
  try {
    regexOf(value, new Map());
    return null;
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message}`;
  }
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function contains(fact: unknown, needle: unknown): boolean {
  if (Array.isArray(fact)) return fact.includes(needle);
  if (typeof fact === 'string' && (typeof needle === 'string' || typeof needle === 'number')) {
    return fact.toLowerCase().includes(String(needle).toLowerCase());
  }
  return false;
}

function checkList(value: unknown): string | null {
  const list = listOf(value);
  if (list.length === 0) return 'must list at least one value';
  if (!list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
    return 'must be a list of strings, numbers or booleans';
  }
  return null;
}

/**
 * Weekday and minutes since midnight of instants in time zones. Intl formats each zone once per UTC
 * minute: the issues that arrive within a minute all ask the same question, and `formatToParts` was
 * ~0.6 % of an ingested issue's CPU. Since 1972 every zone's offset is a whole number of minutes,
 * so the instants of one UTC minute share their local minute; older instants are always formatted.
 * One per operator set (state per instance).
 */
export class LocalClock {
  readonly #formats = new Map<string, Intl.DateTimeFormat>();
  readonly #lastMinute = new Map<string, { utcMinute: number; local: [string, number] }>();

  at(at: number, timeZone: string): [string, number] {
    const utcMinute = Math.floor(at / 60_000);
    const cacheable = at >= WHOLE_MINUTE_OFFSETS_SINCE;
    if (cacheable) {
      const last = this.#lastMinute.get(timeZone);
      if (last?.utcMinute === utcMinute) return last.local;
    }
    const local = this.#format(at, timeZone);
    if (cacheable) this.#lastMinute.set(timeZone, { utcMinute, local });
    return local;
  }

  #format(at: number, timeZone: string): [string, number] {
    let format = this.#formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      this.#formats.set(timeZone, format);
    }
    let day = '';
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(at)) {
      if (part.type === 'weekday') day = part.value.slice(0, 3).toLowerCase();
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return [day, hour * 60 + minute];
  }
}

/** 1973-01-01 UTC: by then the last zone with seconds in its offset (Liberia's, −0:44:30) had gone. */
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether an instant lies within weekly opening hours (`from` inclusive, `to` exclusive). */
export function withinBusinessHours(at: number, hours: BusinessHours, clock = new LocalClock()): boolean {
  const [day, minute] = clock.at(at, hours.timeZone);
  return hours.hours.some(
    (h) => (h.days as string[]).includes(day) && minute >= minutesOf(h.from) && minute < minutesOf(h.to),
  );
}

function checkBusinessHours(value: unknown, validate: (v: unknown) => string | null): string | null {
  const schemaProblem = validate(value);
  if (schemaProblem) return schemaProblem;
  for (const [i, h] of (value as BusinessHours).hours.entries()) {
    if (minutesOf(h.from) >= minutesOf(h.to)) return `hours[${i}]: from ${h.from} must be before to ${h.to}`;
  }
  return null;
}

/**
 * The custom operators of one instance. `olderThan` reads the injected clock; `validateBusinessHours`
 * checks a value against the BusinessHours schema (compiled by the caller's Ajv).
 */
export function supportOperators(
  clock: Clock,
  validateBusinessHours: (value: unknown) => string | null,
): OperatorDefinition[] {
  const regexes = new Map<string, RegExp>();
  const localClock = new LocalClock();
  return [
    {
      name: 'matches',
      description:
        'The fact (text, or any item of a list) matches a regular expression; a string value is case-insensitive, { "pattern", "flags" } sets flags.',
      evaluate(fact, value) {
        const re = regexOf(value, regexes);
        return listOf(fact).some((item) => typeof item === 'string' && re.test(item));
      },
      checkValue: checkRegex,
    },
    {
      name: 'containsAny',
      description:
        'A list fact holds any of the values; a text fact contains any of them (case-insensitive), e.g. keywords in a subject.',
      evaluate: (fact, value) => listOf(value).some((v) => contains(fact, v)),
      checkValue: checkList,
    },
    {
      name: 'containsAll',
      description:
        'A list fact holds all of the values; a text fact contains all of them (case-insensitive).',
      evaluate: (fact, value) => listOf(value).every((v) => contains(fact, v)),
      checkValue: checkList,
    },
    {
      name: 'withinBusinessHours',
      description:
        'A timestamp fact (e.g. fact now, or issue path $.createdAt) falls within weekly opening hours: { "timeZone", "hours": [{ "days": ["mon", …], "from": "09:00", "to": "17:00" }] }.',
      evaluate(fact, value) {
        const at = timestampOf(fact);
        return at !== null && withinBusinessHours(at, value as BusinessHours, localClock);
      },
      checkValue: (value) => checkBusinessHours(value, validateBusinessHours),
    },
    {
      name: 'olderThan',
      description:
        'A timestamp fact lies further in the past than an ISO-8601 duration (e.g. PT4H), measured from now.',
      evaluate(fact, value) {
        const at = timestampOf(fact);
        const ms = parseDuration(value as string);
        return at !== null && ms !== null && clock.now().getTime() - at > ms;
      },
      checkValue: (value) =>
        typeof value === 'string' && parseDuration(value) !== null
          ? null
          : 'must be an ISO-8601 duration in weeks, days, hours, minutes or seconds (e.g. PT4H, P2D)',
    },
  ];
}
