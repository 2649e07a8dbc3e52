/**
 * The query-sized score table: what it sums must be what a plain map sums, slots kept in the order
 * they were first touched, whatever the table's size was for the query before.
 */
import { describe, expect, it } from 'vitest';
import { ScoreAccumulator } from './score-accumulator.ts';

/** A deterministic pseudo-random sequence (tests must not depend on Math.random). */
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    yield x / 2 ** 32;
  }
}

function sums(table: ScoreAccumulator): Array<[number, number]> {
  return Array.from({ length: table.size }, (_, i) => [table.slotAt(i), table.scoreAt(i)]);
}

describe('score accumulator', () => {
  it('sums like a map, in first-touch order, query after query', () => {
    const table = new ScoreAccumulator();
    const random = lcg(42);
    for (const [adds, range] of [
      [5000, 100_000],
      [40, 50],
      [3000, 1_000_000],
      [1, 1],
    ] as const) {
      table.reset(adds);
      const reference = new Map<number, number>();
      for (let i = 0; i < adds; i++) {
        const slot = Math.floor((random.next().value as number) * range);
        const value = random.next().value as number;
        table.add(slot, value);
        reference.set(slot, (reference.get(slot) ?? 0) + value);
      }
      expect(sums(table)).toEqual([...reference]);
    }
  });

  it('keeps slot 0 and neighbouring slots apart', () => {
    const table = new ScoreAccumulator().reset(4);
    for (const slot of [0, 1, 0, 2]) table.add(slot, 1);
    expect(sums(table)).toEqual([
      [0, 2],
      [1, 1],
      [2, 1],
    ]);
  });
});
