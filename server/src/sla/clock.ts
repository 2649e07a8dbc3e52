/**
 * The SLA clock as a pure state machine. A clock measures one metric of one issue in business time:
 *
 *   (none) ─start→ running ─pause→ paused ─resume→ running
 *   running | paused ─stop→ stopped (met or not)      running | paused ─cancel→ cancelled
 *   any ─reset→ running from zero (e.g. the periodic customer update after each reply)
 *
 * Elapsed time is kept as `elapsedMs` (business ms before `runningSince`) plus, while running, the
 * business time since `runningSince` — so nothing ticks in the store, and "now" is always computed.
 * Every transition bumps `gen` and appends to the clock's log; thresholds (warnings, the breach at
 * 100 %) are not transitions: they only append to the log and record themselves in `fired`.
 */
import type { SlaClock, SlaClockEvent, SlaClockState, SlaClockView } from '@baton/schemas';
import { type BusinessCalendar, calendarOf } from '../calendar/calendar.ts';

export type ClockAction = 'pause' | 'resume' | 'stop' | 'cancel' | 'reset';

/** The states each action may leave. */
export const ALLOWED_FROM: Record<ClockAction, readonly SlaClockState[]> = {
  pause: ['running'],
  resume: ['paused'],
  stop: ['running', 'paused'],
  cancel: ['running', 'paused'],
  reset: ['running', 'paused', 'stopped', 'cancelled'],
};

const LOGGED: Record<ClockAction, SlaClockEvent['type']> = {
  pause: 'paused',
  resume: 'resumed',
  stop: 'stopped',
  cancel: 'cancelled',
  reset: 'reset',
};

/** Running or paused: a clock still measuring (stopped and cancelled ones are settled). */
export function isLive(clock: Pick<SlaClock, 'state'>): boolean {
  return clock.state === 'running' || clock.state === 'paused';
}

export class ClockTransitionError extends Error {
  override readonly name = 'ClockTransitionError';
}

/** The calendar a clock measures on: its business calendar, or around the clock in its zone. */
export function clockCalendar(clock: Pick<SlaClock, 'businessHours' | 'calendar'>): BusinessCalendar {
  return clock.businessHours ? calendarOf(clock.calendar) : calendarOf({ timeZone: clock.calendar.timeZone });
}

export function elapsedAt(clock: SlaClock, now: number): number {
  if (clock.state !== 'running' || !clock.runningSince) return clock.elapsedMs;
  return clock.elapsedMs + clockCalendar(clock).between(Date.parse(clock.runningSince), now);
}

/** Every threshold of a clock in percent, ascending; the breach (100) is always one. */
export function thresholds(clock: Pick<SlaClock, 'warnAt'>): number[] {
  return [...new Set([...clock.warnAt, 100])].sort((a, b) => a - b);
}

/** Business ms at which a threshold is reached. */
export function thresholdMs(targetMs: number, percent: number): number {
  return Math.ceil((targetMs * percent) / 100);
}

/** The next threshold not yet fired and when (wall time) a running clock reaches it. */
export function nextThreshold(clock: SlaClock): { percent: number; at: number } | null {
  if (clock.state !== 'running' || clock.targetMs === undefined || !clock.runningSince) return null;
  const percent = thresholds(clock).find((p) => !clock.fired.includes(p));
  if (percent === undefined) return null;
  const remaining = thresholdMs(clock.targetMs, percent) - clock.elapsedMs;
  return { percent, at: clockCalendar(clock).add(Date.parse(clock.runningSince), Math.max(0, remaining)) };
}

/** When a running clock breaches (wall time), if it has a target. */
export function dueAtOf(clock: SlaClock): string | undefined {
  if (clock.state !== 'running' || clock.targetMs === undefined || !clock.runningSince) return undefined;
  const remaining = clock.targetMs - clock.elapsedMs;
  if (remaining <= 0) return clock.breachedAt;
  return new Date(clockCalendar(clock).add(Date.parse(clock.runningSince), remaining)).toISOString();
}

/**
 * The fields a transition sets, and its log entry. Throws {@link ClockTransitionError} when the
 * action is not allowed from the clock's state.
 */
export function transition(
  clock: SlaClock,
  action: ClockAction,
  now: Date,
  reason?: string,
): { set: Partial<SlaClock>; unset: Array<keyof SlaClock>; entry: SlaClockEvent; next: SlaClock } {
  if (!ALLOWED_FROM[action].includes(clock.state)) {
    throw new ClockTransitionError(`cannot ${action} a ${clock.state} ${clock.metric} clock`);
  }
  const at = now.toISOString();
  const elapsed = elapsedAt(clock, now.getTime());
  const set: Partial<SlaClock> = { gen: clock.gen + 1, updatedAt: at };
  const unset: Array<keyof SlaClock> = [];
  switch (action) {
    case 'pause':
      Object.assign(set, { state: 'paused', elapsedMs: elapsed });
      unset.push('runningSince', 'dueAt');
      break;
    case 'resume':
      Object.assign(set, { state: 'running', runningSince: at });
      break;
    case 'stop':
      Object.assign(set, { state: 'stopped', elapsedMs: elapsed, stoppedAt: at });
      if (clock.targetMs !== undefined) set.met = elapsed <= clock.targetMs;
      unset.push('runningSince', 'dueAt');
      break;
    case 'cancel':
      Object.assign(set, { state: 'cancelled', elapsedMs: elapsed, stoppedAt: at });
      unset.push('runningSince', 'dueAt');
      break;
    case 'reset':
      Object.assign(set, { state: 'running', elapsedMs: 0, runningSince: at, fired: [], startedAt: at });
      unset.push('stoppedAt', 'breachedAt', 'met', 'dueAt');
      break;
  }
  const entry: SlaClockEvent = {
    at,
    type: LOGGED[action],
    elapsedMs: action === 'reset' ? elapsed : (set.elapsedMs ?? elapsed),
    ...(reason ? { reason } : {}),
  };
  const next = { ...clock, ...set } as SlaClock;
  for (const field of unset) delete next[field];
  const due = dueAtOf(next);
  if (due) {
    set.dueAt = due;
    next.dueAt = due;
    const i = unset.indexOf('dueAt');
    if (i >= 0) unset.splice(i, 1);
  }
  next.log = [...clock.log, entry];
  return { set, unset, entry, next };
}

/** What a policy asks of one metric's clock for an issue's priority: the terms {@link retarget} replaces. */
export type ClockTerms = Pick<
  SlaClock,
  'policyId' | 'priority' | 'target' | 'targetMs' | 'businessHours' | 'calendar' | 'warnAt'
>;

/**
 * A live clock (running or paused) moved onto another policy's terms: the business time it has
 * measured so far is kept, measured on its old calendar up to `now` and on the new one after.
 * Thresholds it already fired that the new terms also reach stay fired (no second warning); those
 * the new terms reach and it never fired are left to fire at once (a stricter policy can make an
 * issue late now); a breach the new target no longer holds is forgotten. Throws
 * {@link ClockTransitionError} for a stopped or cancelled clock: its result stands.
 */
export function retarget(
  clock: SlaClock,
  terms: ClockTerms,
  now: Date,
  reason?: string,
): { set: Partial<SlaClock>; unset: Array<keyof SlaClock>; entry: SlaClockEvent; next: SlaClock } {
  if (!isLive(clock)) {
    throw new ClockTransitionError(`cannot move a ${clock.state} ${clock.metric} clock to another policy`);
  }
  const at = now.toISOString();
  const elapsed = elapsedAt(clock, now.getTime());
  const reached = (percent: number) =>
    terms.targetMs !== undefined && elapsed >= thresholdMs(terms.targetMs, percent);
  const set: Partial<SlaClock> = {
    policyId: terms.policyId,
    priority: terms.priority,
    businessHours: terms.businessHours,
    calendar: terms.calendar,
    warnAt: terms.warnAt,
    fired: clock.fired.filter((p) => thresholds(terms).includes(p) && reached(p)),
    elapsedMs: elapsed,
    gen: clock.gen + 1,
    updatedAt: at,
  };
  const unset: Array<keyof SlaClock> = [];
  if (terms.target !== undefined && terms.targetMs !== undefined) {
    set.target = terms.target;
    set.targetMs = terms.targetMs;
  } else unset.push('target', 'targetMs');
  if (clock.breachedAt && !reached(100)) unset.push('breachedAt');
  if (clock.state === 'running') set.runningSince = at;
  const entry: SlaClockEvent = { at, type: 'retargeted', elapsedMs: elapsed, ...(reason ? { reason } : {}) };
  const next = { ...clock, ...set } as SlaClock;
  for (const field of unset) delete next[field];
  delete next.dueAt;
  const due = dueAtOf(next);
  if (due) {
    set.dueAt = due;
    next.dueAt = due;
  } else if (clock.dueAt) unset.push('dueAt');
  next.log = [...clock.log, entry];
  return { set, unset, entry, next };
}

/** The thresholds a running clock has reached by `now` that it has not yet recorded. */
export function reachedThresholds(clock: SlaClock, now: number): number[] {
  if (clock.state !== 'running' || clock.targetMs === undefined) return [];
  const elapsed = elapsedAt(clock, now);
  return thresholds(clock).filter(
    (p) => !clock.fired.includes(p) && elapsed >= thresholdMs(clock.targetMs!, p),
  );
}

/** A clock as of `now`, for the API and for facts. */
export function viewOf(clock: SlaClock, now: number): SlaClockView {
  const elapsed = elapsedAt(clock, now);
  const view: SlaClockView = {
    id: clock.id,
    metric: clock.metric,
    state: clock.state,
    elapsedMs: elapsed,
    breached: clock.breachedAt !== undefined || (clock.targetMs !== undefined && elapsed > clock.targetMs),
    timeZone: clock.calendar.timeZone,
    businessHours: clock.businessHours,
    startedAt: clock.startedAt,
    log: clock.log,
  };
  if (clock.ref) view.ref = clock.ref;
  if (clock.target) view.target = clock.target;
  if (clock.targetMs !== undefined) {
    view.targetMs = clock.targetMs;
    view.remainingMs = clock.targetMs - elapsed;
    view.percent = clock.targetMs === 0 ? 100 : Math.round((elapsed / clock.targetMs) * 10_000) / 100;
  }
  const due = dueAtOf(clock);
  if (due) view.dueAt = due;
  if (clock.breachedAt) view.breachedAt = clock.breachedAt;
  if (clock.met !== undefined) view.met = clock.met;
  if (clock.stoppedAt) view.stoppedAt = clock.stoppedAt;
  return view;
}
