import { describe, expect, it } from 'vitest';
import { newId, UlidGenerator } from './ids.ts';

describe('ids', () => {
  it('are prefixed ULIDs whose first ten characters encode the time', () => {
    const ulid = new UlidGenerator();
    // Reference values from the ulid package's encodeTime.
    expect(ulid.next(Date.UTC(2026, 0, 1))).toMatch(/^01KDVDNA00[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(new UlidGenerator().next(1000).slice(0, 10)).toBe('00000000Z8');
    expect(newId('iss')).toMatch(/^iss_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sort by time and stay unique and monotonic within one millisecond', () => {
    const ulid = new UlidGenerator();
    const ids = Array.from({ length: 2000 }, (_, i) => ulid.next(1_800_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('never go back in time when the clock does', () => {
    const ulid = new UlidGenerator();
    const later = ulid.next(5_000);
    expect(ulid.next(4_000) > later).toBe(true);
  });
});
