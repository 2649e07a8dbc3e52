import { describe, expect, it } from 'vitest';
import { QueuedMemo } from './queued-memo.ts';

const waiting = { reason: 'no eligible agent', candidates: [] };

describe('remembered "queued" decisions', () => {
  it('are reused under the same key inside the window, and not after it', () => {
    const memo = new QueuedMemo(2000);
    memo.remember('iss_1', 'k', 10_000, undefined, waiting);
    expect(memo.recall('iss_1', 'k', 11_999)).toBe(waiting);
    memo.remember('iss_1', 'k', 10_000, undefined, waiting);
    expect(memo.recall('iss_1', 'k', 12_000)).toBeUndefined();
    expect(memo.recall('iss_1', 'k', 10_500)).toBeUndefined(); // dropped once it failed
  });

  it('are reused once: the routing right after is what they are for', () => {
    const memo = new QueuedMemo(2000);
    memo.remember('iss_1', 'k', 10_000, undefined, waiting);
    expect(memo.recall('iss_1', 'k', 10_010)).toBe(waiting);
    expect(memo.recall('iss_1', 'k', 10_020)).toBeUndefined();
    expect(memo.size).toBe(0);
  });

  it('are not reused under another key (something they read has changed), nor once a shift starts', () => {
    const memo = new QueuedMemo(2000);
    memo.remember('iss_1', 'k', 10_000, undefined, waiting);
    expect(memo.recall('iss_1', 'k2', 10_001)).toBeUndefined();
    memo.remember('iss_2', 'k', 10_000, 10_500, waiting);
    expect(memo.recall('iss_2', 'k', 10_499)).toBe(waiting);
    memo.remember('iss_2', 'k', 10_000, 10_500, waiting);
    expect(memo.recall('iss_2', 'k', 10_500)).toBeUndefined();
  });

  it('keep only what is still within its window as new decisions come', () => {
    const memo = new QueuedMemo(2000);
    for (let i = 0; i < 100; i++) memo.remember(`iss_${i}`, 'k', 10_000 + i * 100, undefined, waiting);
    // Remembered at 10,000 + i·100, each expires 2 s later: at 19,900 those made after 17,900 remain.
    expect(memo.size).toBe(20);
    expect(memo.recall('iss_99', 'k', 19_950)).toBe(waiting);
  });
});
