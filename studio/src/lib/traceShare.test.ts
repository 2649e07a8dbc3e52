import { describe, expect, it } from 'vitest';
import { shareInWords, untilInWords } from './traceShare.ts';

describe('a share of live runs in words', () => {
  it('says off and every run at the ends', () => {
    expect(shareInWords(0)).toBe('off');
    expect(shareInWords(100)).toBe('every run');
  });

  it('says one in N where a share divides a hundred, else the percentage', () => {
    expect(shareInWords(10)).toBe('1 in 10 runs');
    expect(shareInWords(1)).toBe('1 in 100 runs');
    expect(shareInWords(50)).toBe('1 in 2 runs');
    expect(shareInWords(30)).toBe('30 % of runs');
  });
});

describe('when a share ends, in words', () => {
  const at = (h: number, m = 0, day = 7) => new Date(2026, 11, day, h, m).getTime();

  it('says the time and what is left when it ends today', () => {
    const text = untilInWords(new Date(at(16, 30)).toISOString(), at(15, 32));
    expect(text).toMatch(/^until 0?4:30|^until 16:30/);
    expect(text).toContain('(58 min left)');
  });

  it('names the day when it ends on another', () => {
    const text = untilInWords(new Date(at(9, 0, 8)).toISOString(), at(16, 0));
    expect(text).toMatch(/^until \w{3} /);
    expect(text).toContain('(17 h left)');
  });
});
