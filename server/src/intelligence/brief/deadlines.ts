/**
 * The customer's deadline: found in what the customer said (messages, their side of calls) and in
 * CRM deadline fields, in English and German; the latest stated one wins (a deadline that is moved
 * replaces the earlier one). Each is shown as said — the sentence and the words that state it
 * ("bis Donnerstag 12 Uhr") — and, where it can be worked out, as a date and time in the customer's
 * time zone, counted from when it was said: "by Friday" said on Wednesday 4 March is Friday 6 March.
 *
 * Defaults (docs/decisions.md, "Briefs that can be trusted"): "end of day", "EOD", "close of
 * business" and "Feierabend" are 17:00 local; "end of the week" is its Friday; "next Monday" said on
 * any day but Monday is the coming Monday; a bare day of the month already past ("from the 1st") is
 * next month's; a month and day already past is a date in the past, not a deadline ("paid on 12
 * February"). A time zone the customer names ("9am Pacific") wins over the customer's own.
 */
import type { BriefDeadline, BriefDue, TimelineEvent } from '@baton/schemas';
import { normalize } from '../text/normalize.ts';
import { DAY_OR_TIME, DEADLINE, NEED } from './cues.ts';
import type { Sentence } from './sentences.ts';

export interface DeadlineOptions {
  /** The customer's IANA time zone; UTC when unknown. */
  timeZone?: string | null | undefined;
}

/** The text folded like `normalize`, with each folded character's position in the original. */
function fold(text: string): { norm: string; at: number[] } {
  let norm = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(code);
    const f = normalize(ch);
    for (let k = 0; k < f.length; k++) at.push(i);
    norm += f;
    if (ch.length === 2) i++;
  }
  at.push(text.length);
  return { norm, at };
}

const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
};
const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  januar: 1,
  february: 2,
  feb: 2,
  februar: 2,
  march: 3,
  mar: 3,
  marz: 3,
  april: 4,
  apr: 4,
  may: 5,
  mai: 5,
  june: 6,
  jun: 6,
  juni: 6,
  july: 7,
  jul: 7,
  juli: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  dezember: 12,
  dez: 12,
};
/** Zones people name in a sentence ("9am Pacific", "Eastern time", "MEZ"). */
const NAMED_ZONES: Array<[RegExp, string]> = [
  [/\b(pacific( time)?|pt|pst|pdt)\b/u, 'America/Los_Angeles'],
  [/\b(mountain time|mst|mdt)\b/u, 'America/Denver'],
  [/\b(central time|cst|cdt)\b/u, 'America/Chicago'],
  [/\b(eastern( time)?|et|est|edt)\b/u, 'America/New_York'],
  [/\b(uk time|london time|gmt|bst)\b/u, 'Europe/London'],
  [/\b(cet|cest|mez|mesz|deutscher zeit)\b/u, 'Europe/Berlin'],
  [/\b(jst|japan time)\b/u, 'Asia/Tokyo'],
  [/\butc\b/u, 'UTC'],
];

const WD = Object.keys(WEEKDAYS).join('|');
const MO = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** What introduces a deadline: the words a phrase is quoted from. */
const ANCHOR =
  /\b(no later than|not later than|at the latest|latest by|by(?! the way)|before|until|till|due (by|on|date)|deadline|bis (zum |zur |spatestens )?|spatestens|noch vor|vor (dem|der)|frist|fallig)\b/u;

type Token =
  | {
      kind: 'date';
      start: number;
      end: number;
      resolve: (ctx: Ctx) => LocalDate | null;
      explicitMonth?: boolean;
    }
  | { kind: 'time'; start: number; end: number; time: string }
  | { kind: 'zone'; start: number; end: number; zone: string }
  | { kind: 'ref'; start: number; end: number };

interface LocalDate {
  y: number;
  m: number;
  d: number;
}
interface Ctx {
  today: LocalDate;
  weekday: number;
  /** Minutes since local midnight when it was said. */
  minute: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function lastDayOfMonth(y: number, m: number): LocalDate {
  const t = new Date(Date.UTC(y, m, 0));
  return { y, m, d: t.getUTCDate() };
}
const cmp = (a: LocalDate, b: LocalDate) => a.y - b.y || a.m - b.m || a.d - b.d;

function weekdayFrom(ctx: Ctx, target: number, next: boolean): LocalDate {
  let delta = (target - ctx.weekday + 7) % 7;
  if (next && delta === 0) delta = 7;
  return addDays(ctx.today, delta);
}

function hhmm(h: number, m: number): string | null {
  if (h > 24 || m > 59) return null;
  return `${pad(h === 24 ? 0 : h)}:${pad(m)}`;
}

/** Date, time and zone expressions in folded text, in order. */
function tokens(norm: string): Token[] {
  const out: Token[] = [];
  const add = (re: RegExp, make: (m: RegExpExecArray) => Token | null) => {
    for (const m of norm.matchAll(new RegExp(re.source, 'gu'))) {
      const start = m.index as number;
      const end = start + m[0].length;
      // The first pattern to claim a span keeps it ("13. marz" is not also "13").
      if (out.some((t) => start < t.end && end > t.start)) continue;
      const t = make(m as RegExpExecArray);
      if (t) out.push({ ...t, start, end });
    }
  };
  const date = (resolve: (ctx: Ctx) => LocalDate | null, explicitMonth = false): Token => ({
    kind: 'date',
    start: 0,
    end: 0,
    resolve,
    explicitMonth,
  });
  // ISO and numeric dates: 2026-03-20, 20.03.2026, 20.03.
  add(/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) =>
    date(() => ({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }), true),
  );
  add(/\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?!\d)/, (m) =>
    Number(m[2]) >= 1 && Number(m[2]) <= 12
      ? date(
          (ctx) => ({
            y: m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : ctx.today.y,
            m: Number(m[2]),
            d: Number(m[1]),
          }),
          true,
        )
      : null,
  );
  // Day and month: "14 March", "14th of March", "13. März", "March 14", "March 14th".
  add(new RegExp(`\\b(\\d{1,2})(?:\\.|st|nd|rd|th)?(?: of)? (${MO})\\b`), (m) =>
    date((ctx) => ({ y: ctx.today.y, m: MONTHS[m[2] as string] as number, d: Number(m[1]) }), true),
  );
  add(new RegExp(`\\b(${MO}) (\\d{1,2})(?:st|nd|rd|th)?\\b(?!:)`), (m) =>
    date((ctx) => ({ y: ctx.today.y, m: MONTHS[m[1] as string] as number, d: Number(m[2]) }), true),
  );
  // Ends of periods.
  add(new RegExp(`\\b(end of|ende) (${MO})\\b`), (m) =>
    date((ctx) => lastDayOfMonth(ctx.today.y, MONTHS[m[2] as string] as number), true),
  );
  add(/\b((the )?end of (the |this )?month|monatsende|ende (des|diese[sn]) monats)\b/, () =>
    date((ctx) => lastDayOfMonth(ctx.today.y, ctx.today.m)),
  );
  add(/\b((the )?end of (the |this )?quarter|quartalsende|ende (des|diese[sn]) quartals)\b/, () =>
    date((ctx) => lastDayOfMonth(ctx.today.y, Math.ceil(ctx.today.m / 3) * 3)),
  );
  add(/\b((the )?end of (the |this )?week|ende der woche|ende dieser woche)\b/, () =>
    date((ctx) => weekdayFrom(ctx, 5, false)),
  );
  // Day of the month alone: "the 20th", "zum 5. des Monats", "on the 3rd".
  add(/\b(the (\d{1,2})(st|nd|rd|th)|(\d{1,2})\. des monats|am (\d{1,2})\.(?! ?\d))/, (m) => {
    const day = Number(m[2] ?? m[4] ?? m[5]);
    if (!day || day > 31) return null;
    return date((ctx) => {
      const here = { y: ctx.today.y, m: ctx.today.m, d: day };
      if (cmp(here, ctx.today) >= 0) return here;
      const next = addDays(lastDayOfMonth(ctx.today.y, ctx.today.m), 1);
      return { y: next.y, m: next.m, d: day };
    });
  });
  // Relative days. "heute morgen" is this morning; "morgen fruh" tomorrow morning.
  add(/\b(day after tomorrow|ubermorgen)\b/, () => date((ctx) => addDays(ctx.today, 2)));
  add(/\b(heute (morgen|fruh|vormittag|nachmittag|abend|nacht)|this (morning|afternoon|evening))\b/, () =>
    date((ctx) => ctx.today),
  );
  add(/\b(today|tonight|heute)\b/, () => date((ctx) => ctx.today));
  add(/\b(tomorrow)\b/, () => date((ctx) => addDays(ctx.today, 1)));
  add(/(?<!guten |heute )\bmorgen\b/, () => date((ctx) => addDays(ctx.today, 1)));
  add(
    /\bin (\d+|one|two|three|four|five|a|zwei|drei|vier|funf|einer|einem) (days?|weeks?|tagen|wochen?)\b/,
    (m) => {
      const words: Record<string, number> = {
        one: 1,
        a: 1,
        einer: 1,
        einem: 1,
        two: 2,
        zwei: 2,
        three: 3,
        drei: 3,
        four: 4,
        vier: 4,
        five: 5,
        funf: 5,
      };
      const n = Number(m[1]) || words[m[1] as string] || 0;
      const unit = /^(week|woche)/.test(m[2] as string) ? 7 : 1;
      return n ? date((ctx) => addDays(ctx.today, n * unit)) : null;
    },
  );
  // Weekdays: "Friday", "next Monday", "nächsten Mittwoch", "this Thursday".
  add(new RegExp(`\\b(?:(next|this|coming|nachste[nrm]?|kommende[nrm]?|diese[nrm]?) )?(${WD})\\b`), (m) => {
    const next = Boolean(m[1] && /^(next|nachst|kommend)/.test(m[1]));
    return date((ctx) => weekdayFrom(ctx, WEEKDAYS[m[2] as string] as number, next));
  });
  // Times: "9am", "6 pm", "14:00", "12 Uhr", "um 7 Uhr", "noon", "EOD".
  add(
    /\b(eod|end of (the )?(business )?day|close of business|cob|feierabend|dienstschluss|geschaftsschluss)\b/,
    () => ({
      kind: 'time',
      start: 0,
      end: 0,
      time: '17:00',
    }),
  );
  add(/\b(noon|midday|mittag)\b/, () => ({ kind: 'time', start: 0, end: 0, time: '12:00' }));
  add(/\b(midnight|mitternacht)\b/, () => ({ kind: 'time', start: 0, end: 0, time: '23:59' }));
  add(/\b(\d{1,2})(?::(\d{2}))? ?(am\b|pm\b|a\.m\.|p\.m\.)/, (m) => {
    let h = Number(m[1]);
    const pm = (m[3] as string).startsWith('p');
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
    const t = hhmm(h, Number(m[2] ?? 0));
    return t ? { kind: 'time', start: 0, end: 0, time: t } : null;
  });
  add(/\b(\d{1,2})(?:[:.](\d{2}))? ?uhr\b/, (m) => {
    const t = hhmm(Number(m[1]), Number(m[2] ?? 0));
    return t ? { kind: 'time', start: 0, end: 0, time: t } : null;
  });
  add(/\b(\d{1,2}):(\d{2})\b/, (m) => {
    const t = hhmm(Number(m[1]), Number(m[2]));
    return t ? { kind: 'time', start: 0, end: 0, time: t } : null;
  });
  for (const [re, zone] of NAMED_ZONES) add(re, () => ({ kind: 'zone', start: 0, end: 0, zone }));
  // "by then", "bis dahin": the deadline is named elsewhere in the sentence, or before it.
  add(/\b(then|that|dahin|dann)\b/, () => ({ kind: 'ref', start: 0, end: 0 }));
  return out.sort((a, b) => a.start - b.start);
}

/** The local calendar date, weekday and minute of `instant` in `timeZone`. */
function localParts(instant: Date, timeZone: string): Ctx {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    today: { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')) },
    weekday,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** The UTC instant of a local date and time in `timeZone`. */
function instantOf(date: LocalDate, time: string, timeZone: string): Date {
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(date.y, date.m - 1, date.d, h, mi);
  let guess = wall;
  // Two rounds settle the zone's offset, also across a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.today.y, p.today.m - 1, p.today.d, Math.floor(p.minute / 60), p.minute % 60);
    guess += wall - shown;
  }
  return new Date(guess);
}

function validZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

function label(date: LocalDate, time: string | undefined, timeZone: string): string {
  const noon = new Date(Date.UTC(date.y, date.m - 1, date.d, 12));
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(noon);
  return `${day}${time ? `, ${time}` : ''} (${timeZone})`;
}

export interface ResolvedDeadline {
  phrase: string;
  due?: BriefDue;
  /** The phrase names a date that had passed when it was said: a reference, not a deadline. */
  past?: boolean;
}

/**
 * The deadline phrase of a sentence and what it resolves to, counted from `saidAt` in `timeZone`.
 * Null when the sentence has no date, time or reference a deadline could be made of.
 */
export function resolveDeadline(
  text: string,
  saidAt: Date,
  options: DeadlineOptions = {},
): ResolvedDeadline | null {
  const { norm, at } = fold(text);
  const all = tokens(norm);
  const anchor = ANCHOR.exec(norm);
  const anchorAt = anchor ? (anchor.index as number) : -1;
  // What follows the anchor names the deadline ("We go live next Monday, so … by Sunday night");
  // without anything after it ("… at 14:00 … by then"), the whole sentence does.
  let used = all.filter((t) => t.start >= anchorAt && (anchorAt < 0 || t.start - anchorAt < 80));
  const named = used.filter((t) => t.kind === 'date' || t.kind === 'time');
  if (named.length === 0) used = all;
  const dates = used.filter((t): t is Extract<Token, { kind: 'date' }> => t.kind === 'date');
  const times = used.filter((t): t is Extract<Token, { kind: 'time' }> => t.kind === 'time');
  const zones = used.filter((t): t is Extract<Token, { kind: 'zone' }> => t.kind === 'zone');
  if (dates.length === 0 && times.length === 0 && used.every((t) => t.kind !== 'ref')) return null;
  // The phrase: from the anchor (or the first expression) to the last expression used, verbatim.
  const spans = used.filter((t) => t.kind !== 'ref' || dates.length + times.length === 0);
  const first = Math.min(...spans.map((t) => t.start), anchorAt >= 0 ? anchorAt : Number.POSITIVE_INFINITY);
  const last = Math.max(...spans.map((t) => t.end), anchor ? anchorAt + anchor[0].length : 0);
  let phrase = text.slice(at[first] ?? 0, at[last] ?? text.length).trim();
  if (phrase.length > 90) {
    const s = Math.min(...spans.map((t) => t.start));
    phrase = text.slice(at[s] ?? 0, at[Math.max(...spans.map((t) => t.end))] ?? text.length).trim();
  }
  phrase = phrase.replace(/[,;:]+$/u, '');
  if (dates.length === 0 && times.length === 0) return { phrase };

  const timeZone = validZone(zones[0]?.zone) ?? validZone(options.timeZone) ?? 'UTC';
  const ctx = localParts(saidAt, timeZone);
  // An explicit date beats a weekday next to it ("Freitag, 13. März").
  const chosen = dates.find((d) => d.explicitMonth) ?? dates[0];
  let date = chosen ? chosen.resolve(ctx) : null;
  const time = times[0]?.time;
  if (!date && time) {
    // A time alone is today's, or tomorrow's once today's has passed.
    const [h, m] = time.split(':').map(Number) as [number, number];
    date = h * 60 + m > ctx.minute ? ctx.today : addDays(ctx.today, 1);
  }
  if (!date) return { phrase };
  const past = Boolean(chosen?.explicitMonth && cmp(date, ctx.today) < 0);
  const due: BriefDue = {
    date: `${date.y}-${pad(date.m)}-${pad(date.d)}`,
    ...(time ? { time, at: instantOf(date, time, timeZone).toISOString() } : {}),
    timeZone,
    label: label(date, time, timeZone),
  };
  return { phrase, due, ...(past ? { past } : {}) };
}

/** CRM field names that hold a deadline (normalised: lower case, letters only). */
const CRM_DEADLINE_FIELDS = new Set([
  'deadline',
  'duedate',
  'due',
  'dueby',
  'needby',
  'customerdeadline',
  'golive',
  'golivedate',
  'frist',
  'termin',
  'falligkeit',
  'falligam',
  'deadlinedate',
]);

/** Does the customer state a deadline in this sentence? */
export function statesDeadline(s: Sentence): boolean {
  // "What is the price until our renewal in September?" asks about a period; it sets no deadline.
  if (ASKS_ABOUT.test(s.norm) && s.text.trimEnd().endsWith('?')) return false;
  return (
    DEADLINE.test(s.norm) ||
    END_OF.test(s.norm) ||
    MOVED.test(s.norm) ||
    (NEED.test(s.norm) && DAY_OR_TIME.test(s.norm))
  );
}
/** A deadline moved: "the run has moved to next Tuesday", "auf Montag verschoben". */
const MOVED =
  /\b(moved|postponed|pushed|brought forward|shifted|rescheduled|changed)( back| out| forward)? (to|until)\b|\b(verschoben|vorgezogen|verlegt) (auf|bis)\b|\bauf [^.]{0,30}\b(verschoben|vorgezogen|verlegt)\b/u;
const ASKS_ABOUT = /^(what|which|how (much|many)|was|welche[rsmn]?|wie ?viel\w*)\b/u;
const END_OF =
  /\b(by|before|until|bis) (eod|cob|close of business|end of (the )?(business )?day)\b|\b(bis|zum|vor) (monatsende|quartalsende|jahresende|feierabend|dienstschluss|ende (des|der|diese[rs]) (monats|woche|quartals))\b/u;

/**
 * The deadline in force: the latest the customer stated (or a CRM deadline field newer than that),
 * quoted, with its phrase and resolved date. At most one: a moved deadline replaces the old one.
 */
export function findDeadlines(
  sentences: readonly Sentence[],
  events: readonly TimelineEvent[],
  options: DeadlineOptions = {},
): BriefDeadline[] {
  const found: Array<{ order: number; item: BriefDeadline }> = [];
  for (const s of sentences) {
    if (s.speaker !== 'customer' || !statesDeadline(s)) continue;
    const resolved = resolveDeadline(s.text, new Date(s.at), options);
    if (resolved?.past) continue;
    found.push({
      order: s.eventIndex * 1000 + s.index,
      item: {
        text: s.text,
        sources: [{ eventId: s.eventId, at: s.at, author: s.speaker }],
        ...(resolved ? { phrase: resolved.phrase } : {}),
        ...(resolved?.due ? { due: resolved.due } : {}),
      },
    });
  }
  events.forEach((event, eventIndex) => {
    if (event.type !== 'crm_update') return;
    for (const [key, value] of Object.entries(event.fields as Record<string, unknown>)) {
      if (!CRM_DEADLINE_FIELDS.has(normalize(key).replace(/[^a-z]/g, ''))) continue;
      if (typeof value !== 'string' || !value.trim()) continue;
      const due = crmDue(value, options.timeZone);
      found.push({
        order: eventIndex * 1000,
        item: {
          text: `${key}: ${value}`,
          sources: [{ eventId: event.id, at: event.at, author: event.author.kind }],
          phrase: value,
          ...(due ? { due } : {}),
        },
      });
    }
  });
  found.sort((a, b) => b.order - a.order);
  return found.slice(0, 1).map((f) => f.item);
}

/** A CRM deadline value: an ISO date ("2026-03-20") or instant ("2026-03-20T16:00:00Z"). */
function crmDue(value: string, customerZone: string | null | undefined): BriefDue | null {
  const timeZone = validZone(customerZone) ?? 'UTC';
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (dateOnly) {
    const date = { y: Number(dateOnly[1]), m: Number(dateOnly[2]), d: Number(dateOnly[3]) };
    return { date: value.trim(), timeZone, label: label(date, undefined, timeZone) };
  }
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim()) || Number.isNaN(t)) return null;
  const p = localParts(new Date(t), timeZone);
  const time = `${pad(Math.floor(p.minute / 60))}:${pad(p.minute % 60)}`;
  return {
    date: `${p.today.y}-${pad(p.today.m)}-${pad(p.today.d)}`,
    time,
    at: new Date(t).toISOString(),
    timeZone,
    label: label(p.today, time, timeZone),
  };
}
