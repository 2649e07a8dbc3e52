import type { SlaClockView } from '@baton/schemas/types';

export const METRIC_LABELS: Record<string, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  handoffCompletion: 'Handoff completion',
  resolution: 'Resolution',
  customerUpdate: 'Customer update',
};

/** How close to its target a clock runs; "warning" from 75% used (the policy's usual first threshold). */
export type SlaTone = 'ok' | 'warning' | 'breached' | 'met' | 'paused' | 'none';

const WARN_PERCENT = 75;
/** "Breaching soon": less than this left, or the warning threshold passed. */
export const BREACHING_SOON_MS = 60 * 60_000;

/** Time left right now: from the due time when the server gave one (wall clock), else as it was read. */
export function remainingNow(clock: SlaClockView, now: number, readAt: number): number | undefined {
  if (clock.state === 'running' && clock.dueAt) return Date.parse(clock.dueAt) - now;
  if (clock.remainingMs === undefined) return undefined;
  return clock.state === 'running' ? clock.remainingMs - (now - readAt) : clock.remainingMs;
}

export function toneOf(clock: SlaClockView, remaining: number | undefined): SlaTone {
  if (clock.state === 'stopped' || clock.state === 'cancelled') return clock.breached ? 'breached' : 'met';
  if (clock.breached || (remaining !== undefined && remaining <= 0)) return 'breached';
  if (clock.state === 'paused') return 'paused';
  if (remaining === undefined || clock.targetMs === undefined) return 'none';
  const used = ((clock.targetMs - remaining) / Math.max(1, clock.targetMs)) * 100;
  return used >= WARN_PERCENT || remaining < BREACHING_SOON_MS / 4 ? 'warning' : 'ok';
}

export function isBreachingSoon(clock: SlaClockView, now: number, readAt: number): boolean {
  const remaining = remainingNow(clock, now, readAt);
  const tone = toneOf(clock, remaining);
  return (
    tone === 'breached' || tone === 'warning' || (remaining !== undefined && remaining < BREACHING_SOON_MS)
  );
}
