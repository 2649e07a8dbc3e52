/**
 * A text's feature counts: distinct features in first-seen order with their counts, the same
 * whichever counter counts them and however many texts it counted before.
 */
import { describe, expect, it } from 'vitest';
import { FeatureCounter, featureCounts } from './features.ts';

const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}x`).join(' ');

describe('feature counts', () => {
  it('list each feature once, in the order first seen, with how often it occurs', () => {
    const once = featureCounts({ subject: '', body: 'printer' });
    const thrice = featureCounts({ subject: '', body: 'printer printer printer' });
    expect(new Set(thrice.features).size).toBe(thrice.size);
    expect([...thrice.features.slice(0, once.size)]).toEqual([...once.features]);
    // Each of the word's own features (the word, its n-grams) three times; the bigram "printer printer" twice.
    expect([...thrice.counts.slice(0, once.size)]).toEqual(Array.from({ length: once.size }, () => 3));
    expect([...thrice.counts.slice(once.size)]).toEqual([2]);
  });

  it('come out the same from a counter reused between texts, however many features a text has', () => {
    const long = { subject: 'Invoice totals', body: `${words(900)} ${words(300, 100)}` };
    const fresh = featureCounts(long);
    expect(fresh.size).toBeGreaterThan(2000); // past the counter's first tables (1,024 cells, 512 features)
    const counter = new FeatureCounter();
    counter.count({ subject: 'Refund', body: 'Please refund order 42' });
    for (let round = 0; round < 2; round++) {
      const again = counter.count(long);
      expect([...again.features]).toEqual([...fresh.features]);
      expect([...again.counts]).toEqual([...fresh.counts]);
    }
    const short = counter.count({ subject: 'Refund', body: 'Please refund order 42' });
    expect([...short.features]).toEqual([
      ...featureCounts({ subject: 'Refund', body: 'Please refund order 42' }).features,
    ]);
  });

  it('name each feature after the words it came from when asked to explain', () => {
    const names = new Map<number, string>();
    const counts = new FeatureCounter().count({ subject: '', body: 'reset password' }, names);
    expect(names.size).toBe(counts.size);
    expect([...names.values()]).toContain('reset password');
  });
});
