import { describe, expect, it } from 'vitest';
import { describeDuration, isoSeconds, toAmount, toIso } from './duration.ts';

describe('durations in the user’s words', () => {
  it('reads a stored duration in the largest exact unit', () => {
    expect(toAmount('PT10M')).toEqual({ amount: 10, unit: 'minutes' });
    expect(toAmount('PT90M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(toAmount('PT2H')).toEqual({ amount: 2, unit: 'hours' });
    expect(toAmount('P1DT12H')).toEqual({ amount: 36, unit: 'hours' });
    expect(toAmount('P2W')).toEqual({ amount: 2, unit: 'weeks' });
    expect(toAmount('P7D')).toEqual({ amount: 1, unit: 'weeks' });
    expect(toAmount('later')).toBeNull();
  });

  it('writes what the person typed as ISO-8601 the server accepts', () => {
    expect(toIso({ amount: 10, unit: 'minutes' })).toBe('PT10M');
    expect(toIso({ amount: 4, unit: 'hours' })).toBe('PT4H');
    expect(toIso({ amount: 2, unit: 'days' })).toBe('P2D');
    expect(toIso({ amount: 1, unit: 'weeks' })).toBe('P1W');
    // The API takes whole hours and minutes (only seconds may have a fraction).
    expect(toIso({ amount: 1.5, unit: 'hours' })).toBe('PT2H');
    expect(isoSeconds(toIso({ amount: 45, unit: 'seconds' }))).toBe(45);
  });

  it('describes a duration for a summary', () => {
    expect(describeDuration('PT10M')).toBe('10 minutes');
    expect(describeDuration('PT1H')).toBe('1 hour');
    expect(describeDuration('PT90M')).toBe('1 hour 30 minutes');
    expect(describeDuration('P1DT2H3M')).toBe('1 day 2 hours');
    expect(describeDuration(undefined)).toBe('—');
    expect(describeDuration('soon')).toBe('soon');
  });
});
