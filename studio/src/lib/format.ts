import type { Channel, IssueStatus, Priority, TimelineEventType } from '../api/types.ts';

export const STATUS_LABELS: Record<IssueStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  chat: 'Chat',
  phone: 'Phone',
  web: 'Web',
  api: 'API',
  crm: 'CRM',
};

export const EVENT_TYPE_LABELS: Record<TimelineEventType, string> = {
  customer_message: 'Customer message',
  agent_reply: 'Reply',
  internal_note: 'Internal note',
  call_transcript: 'Call transcript',
  crm_update: 'CRM update',
  system_event: 'System event',
  workspace_comment: 'Workspace comment',
  decision: 'Decision',
};

/** A label for a value that may be outside the known set (a newer server). */
export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? humanize(value);
}

/** `on_hold` / `statusChanged` / `status-changed` → `On hold` / `Status changed`. */
export function humanize(value: string): string {
  const spaced = value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  const words = spaced.replace(/\b[a-z]+\b/g, (w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Words that read as letters (`arr` → `ARR`) wherever a key is turned into a label. */
const ACRONYMS = new Set(['arr', 'mrr', 'csm', 'sla', 'id', 'url', 'api', 'crm', 'sso', 'ip', 'po', 'vip']);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact relative time for dense lists: `now`, `5m`, `3h`, `2d`, then a date. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const diff = now - then;
  const abs = Math.abs(diff);
  const suffix = diff < 0 ? ' from now' : ' ago';
  if (abs < MINUTE) return 'just now';
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)}m${suffix}`;
  if (abs < DAY) return `${Math.floor(abs / HOUR)}h${suffix}`;
  if (abs < 7 * DAY) return `${Math.floor(abs / DAY)}d${suffix}`;
  const date = new Date(then);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

export function absoluteTime(iso: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  return new Date(then).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `75` → `1:15`, `3725` → `1:02:05`. */
export function clockDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The current wall-clock time in an IANA zone, or null when the zone is unknown to the browser. */
export function localTimeIn(timeZone: string, now: number = Date.now()): string | null {
  try {
    return new Date(now).toLocaleTimeString(undefined, { timeZone, hour: '2-digit', minute: '2-digit' });
  } catch {
    return null;
  }
}

/**
 * A time zone as people say it — "Pacific Time", "Central European Time", "UTC" — rather than its
 * IANA id (`America/Los_Angeles`); the city of the id ("Kolkata") when the browser only knows an
 * offset for it, and the id itself if it is not a zone at all.
 */
export function zoneName(timeZone: string, at: number = Date.now()): string {
  if (/^(Etc\/)?(UTC|GMT|Zulu|Universal)$/i.test(timeZone)) return 'UTC';
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
    return timeZone.split('/').pop()!.replace(/_/g, ' ');
  } catch {
    return timeZone;
  }
}

/**
 * When a customer's deadline falls, in their time zone and in words: "Tue, Dec 8, 8:00 AM (Pacific
 * Time)", or the day alone when they named no time. `at` is the instant (when a time was stated),
 * `date` the local calendar day.
 */
export function deadlineInWords(due: { date: string; at?: string; timeZone: string }): string {
  const zone = zoneName(due.timeZone, due.at ? Date.parse(due.at) : Date.now());
  try {
    if (due.at) {
      const when = new Date(due.at).toLocaleString(undefined, {
        timeZone: due.timeZone,
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      });
      return `${when} (${zone})`;
    }
    // A calendar day, read at noon UTC so that no zone moves it to the day before or after.
    const day = new Date(`${due.date}T12:00:00Z`).toLocaleDateString(undefined, {
      timeZone: 'UTC',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    });
    return `${day} (${zone})`;
  } catch {
    return `${due.date} (${zone})`;
  }
}

/** Renders an arbitrary JSON value in one line, for CRM fields and system event data. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  // Amounts get separators (310,000); smaller numbers, years among them, stay as written.
  if (typeof value === 'number')
    return Math.abs(value) >= 10_000 ? value.toLocaleString('en') : String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  // A nested record reads as its fields, never as JSON.
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${humanize(key)}: ${displayValue(inner)}`)
    .join(' · ');
}

/** Up to two initials from the name's words, ignoring punctuation: `Administrator (token)` → `AT`. */
export function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [...(words[0] ?? '').slice(0, 2)];
  return letters.join('').toUpperCase() || '?';
}
