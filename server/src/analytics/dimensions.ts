/**
 * What the numbers can be grouped by. The first seven describe an issue (who owns it, where it waits,
 * how it came in, which flow or playbook acted); the rest describe a handoff's trigger, a flow node,
 * a playbook step or an hour of the week, and only some reports offer them.
 */
export const ISSUE_DIMENSIONS = [
  'team',
  'queue',
  'agent',
  'channel',
  'priority',
  'flow',
  'playbook',
] as const;
export const EXTRA_DIMENSIONS = ['reason', 'node', 'event', 'step', 'hour', 'metric'] as const;
export type Dimension = (typeof ISSUE_DIMENSIONS)[number] | (typeof EXTRA_DIMENSIONS)[number];
export type Dims = Record<Dimension, string>;

/** The row every increment also lands in: the totals. */
export const ALL = 'all' as const;

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** `mon-14`: the UTC weekday and hour of a moment, for "hours of the week when offers expire". */
export function hourOfWeek(at: string): string {
  const d = new Date(at);
  return `${DAYS[d.getUTCDay()]}-${String(d.getUTCHours()).padStart(2, '0')}`;
}

/** A handoff reason reduced to a stable trigger key: lower case, single spaces, at most 80 characters. */
export function reasonKey(reason: string): string {
  return reason.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 80);
}
