import { describe, expect, it } from 'vitest';
import { durationTicks, formatDuration, formatDurationTick } from './format.ts';

describe('duration axes in the user’s words', () => {
  const labels = (maxMs: number) => durationTicks(maxMs).map(formatDurationTick);

  it('steps by a round duration of the unit the values are read in', () => {
    expect(labels(280)).toEqual(['0', '100 ms', '200 ms', '300 ms']);
    expect(labels(55_000)).toEqual(['0', '15 s', '30 s', '45 s', '1 min']);
    expect(labels(90 * 60_000)).toEqual(['0', '30 min', '1 h', '1 h 30 min']);
    expect(labels(30 * 3_600_000)).toEqual(['0', '12 h', '24 h', '36 h']);
    expect(labels(9 * 24 * 3_600_000)).toEqual(['0', '3 days', '6 days', '9 days']);
  });

  it('never gives two ticks the same label', () => {
    for (let max = 1; max < 60 * 24 * 3_600_000; max = Math.ceil(max * 1.37)) {
      const shown = labels(max);
      expect(new Set(shown).size, `max ${max} ms: ${shown.join(', ')}`).toBe(shown.length);
      expect(durationTicks(max).at(-1)).toBeGreaterThanOrEqual(max);
    }
  });

  it('writes less than a second in milliseconds', () => {
    expect(formatDuration(280)).toBe('280 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
  });
});
