import { describeMs } from './duration.ts';

/** A share of runs in words: "off", "1 in 10 runs", "every run", "25 % of runs". */
export function shareInWords(percent: number): string {
  if (percent <= 0) return 'off';
  if (percent >= 100) return 'every run';
  const oneIn = 100 / percent;
  return Number.isInteger(oneIn) ? `1 in ${oneIn} runs` : `${percent} % of runs`;
}

/** How long a flow keeps a share it is given, offered in the Runs tab (minutes; null: until changed). */
export const KEEP_FOR = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
  { minutes: 10080, label: '1 week' },
  { minutes: null, label: 'Until changed' },
] as const;

/**
 * When a flow's share ends, in words: "until 16:30 (58 min left)", with the day when it is not
 * today ("until Tue 09:00 (17 h left)").
 */
export function untilInWords(untilIso: string, now: number): string {
  const until = new Date(untilIso);
  const sameDay = until.toDateString() === new Date(now).toDateString();
  const time = until.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  const day = sameDay ? '' : `${until.toLocaleDateString(undefined, { weekday: 'short' })} `;
  return `until ${day}${time} (${describeMs(Math.max(0, until.getTime() - now))} left)`;
}
