import { describe, expect, it } from 'vitest';
import { shareInWords } from './share.ts';

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
