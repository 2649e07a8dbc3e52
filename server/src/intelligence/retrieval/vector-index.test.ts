/**
 * The lexical vector index's bounded query: each feature's postings are read newest first up to
 * `maxPostingsPerFeature`, so a query's cost stops growing with the history, and below the window
 * the answers are those of a full read.
 */
import { describe, expect, it } from 'vitest';
import { FeatureCounts } from '../text/features.ts';
import { VectorIndex } from './vector-index.ts';

/** Feature counts by hand: each feature once. */
const doc = (...features: number[]) =>
  new FeatureCounts(Int32Array.from(features), new Float64Array(features.length).fill(1));

/** Documents `d0…d{n-1}` that share feature 1, each with a feature of its own (100 + i). */
function history(index: VectorIndex, n: number): void {
  for (let i = 0; i < n; i++) index.add(`d${i}`, doc(1, 100 + i));
}

describe('vector index search window', () => {
  it('reads a shared feature only in the most recently indexed documents once it outgrows the window', () => {
    const index = new VectorIndex({ maxDfRatio: 1, maxPostingsPerFeature: 3 });
    history(index, 10);
    const hits = index.search(doc(1), 10).map((h) => h.id);
    expect(hits.sort()).toEqual(['d7', 'd8', 'd9']);
  });

  it('still finds an old document through a feature whose list fits the window', () => {
    const index = new VectorIndex({ maxDfRatio: 1, maxPostingsPerFeature: 3 });
    history(index, 10);
    // d2 is old, but its own feature 102 has one posting: the window does not hide it.
    expect(index.search(doc(1, 102), 1).map((h) => h.id)).toEqual(['d2']);
  });

  it('answers exactly as a full read while every list read is within the window', () => {
    const bounded = new VectorIndex({ maxDfRatio: 1, maxPostingsPerFeature: 10 });
    const full = new VectorIndex({ maxDfRatio: 1, maxPostingsPerFeature: Number.POSITIVE_INFINITY });
    history(bounded, 10);
    history(full, 10);
    const query = doc(1, 103, 105);
    expect(bounded.search(query, 5)).toEqual(full.search(query, 5));
  });

  it('keeps the newest entries newest after a document is replaced (it moves to the end)', () => {
    const index = new VectorIndex({ maxDfRatio: 1, maxPostingsPerFeature: 3 });
    history(index, 10);
    index.add('d0', doc(1, 100), doc(1, 100));
    expect(
      index
        .search(doc(1), 10)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['d0', 'd8', 'd9']);
  });
});

describe('vector index scores', () => {
  it('ranks equal scores in the order their documents were indexed, as a dense accumulator did', () => {
    const index = new VectorIndex({ maxDfRatio: 1 });
    for (let i = 0; i < 6; i++) index.add(`twin${i}`, doc(7, 8));
    index.add('other', doc(7, 9));
    expect(index.search(doc(7, 8), 3).map((h) => h.id)).toEqual(['twin0', 'twin1', 'twin2']);
  });

  it('leaves out excluded and removed documents and fills k from the next best, in order', () => {
    const index = new VectorIndex({ maxDfRatio: 1 });
    for (let i = 0; i < 6; i++) index.add(`twin${i}`, doc(7, 8));
    index.add('near', doc(7, 8, 9));
    index.remove('twin1', doc(7, 8));
    const hits = index.search(doc(7, 8), 3, new Set(['twin0', 'absent']));
    expect(hits.map((h) => h.id)).toEqual(['twin2', 'twin3', 'twin4']);
    expect(index.search(doc(7, 8), 0)).toEqual([]);
  });

  it('sums a document over every feature it shares with the query, across thousands of documents', () => {
    const index = new VectorIndex({ maxDfRatio: 1, maxPostingsPerFeature: Number.POSITIVE_INFINITY });
    // Document i holds features i mod 7, i mod 11 and i mod 13 (offset so they do not collide).
    for (let i = 0; i < 3000; i++) index.add(`d${i}`, doc(i % 7, 100 + (i % 11), 200 + (i % 13)));
    const hits = index.search(doc(3, 105, 209), 5);
    // Only documents with all three (i ≡ 3 mod 7, 5 mod 11, 9 mod 13: 269, 1270, 2271) share the
    // whole query; they lead, the rest share two features at most.
    expect(
      hits
        .slice(0, 3)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['d1270', 'd2271', 'd269']);
    expect(hits[3]!.score).toBeLessThan(hits[2]!.score * 0.9);
  });
});
