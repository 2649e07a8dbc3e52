/**
 * The posting arena of the retrieval indexes against plain arrays: lists that grow and move, packs
 * that drop removed documents (loose and tight), keys far apart.
 */
import { describe, expect, it } from 'vitest';
import { PostingArena } from './postings.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function listOf(arena: PostingArena, key: number): Array<[number, number]> {
  const start = arena.start(key);
  return Array.from({ length: arena.length(key) }, (_, i) => [
    arena.slots[start + i] as number,
    arena.vals[start + i] as number,
  ]);
}

describe('posting arena', () => {
  it('holds exactly what was pushed, in order, through moves and packs', () => {
    const rnd = random(5);
    const keys = 3000;
    const arena = new PostingArena(16);
    const expected: Array<Array<[number, number]>> = Array.from({ length: keys }, () => []);
    const removed = new Set<number>();
    for (let slot = 0; slot < 60_000; slot++) {
      // A few long lists and many short ones, like common and rare features.
      const key = Math.floor(rnd() ** 3 * keys);
      const value = Math.fround(rnd());
      arena.push(key, slot, value);
      expected[key]!.push([slot, value]);
      if (slot % 20_000 === 19_999) {
        for (let s = slot - 19_999; s < slot - 15_000; s++) removed.add(s);
        arena.pack((s) => !removed.has(s), slot === 59_999);
        for (const list of expected) {
          for (let i = list.length - 1; i >= 0; i--) if (removed.has(list[i]![0])) list.splice(i, 1);
        }
      }
    }
    for (let key = 0; key < keys; key++) expect(listOf(arena, key)).toEqual(expected[key]);
    // The last pack was tight: exactly the entries, no room to spare.
    const entries = expected.reduce((n, list) => n + list.length, 0);
    expect(arena.slots.length).toBe(entries);
    // Pushing after a tight pack moves a list again, and keeps it whole.
    arena.push(0, 99_999, 0.5);
    expect(listOf(arena, 0)).toEqual([...expected[0]!, [99_999, 0.5]]);
  });

  it('grows its key space for keys it has not seen', () => {
    const arena = new PostingArena(2);
    arena.push(10_000, 1, 1);
    arena.push(3, 2, 2);
    arena.push(10_000, 3, 3);
    expect(listOf(arena, 10_000)).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(listOf(arena, 3)).toEqual([[2, 2]]);
    expect(arena.length(5)).toBe(0);
  });
});

describe('posting arena while loading', () => {
  it('grows in place, and its first tight pack moves it to plain arrays and gives the loading buffers back', () => {
    const arena = new PostingArena(64, 16);
    expect(arena.loading).toBe(true);
    const buffers = new Set<ArrayBuffer>();
    let grewInPlace = 0;
    for (let slot = 0; slot < 5000; slot++) {
      const before = arena.slots.buffer as ArrayBuffer;
      const room = arena.slots.length;
      arena.push(slot % 64, slot, slot / 2);
      if (arena.slots.buffer === before && arena.slots.length > room) grewInPlace++;
      buffers.add(arena.slots.buffer as ArrayBuffer).add(arena.vals.buffer as ArrayBuffer);
    }
    expect(grewInPlace).toBeGreaterThan(0);
    expect([...buffers].every((buffer) => buffer.resizable)).toBe(true);

    arena.pack();
    expect(arena.loading).toBe(false);
    expect((arena.slots.buffer as ArrayBuffer).resizable).toBe(false);
    expect((arena.vals.buffer as ArrayBuffer).resizable).toBe(false);
    // Every buffer it loaded into holds nothing now (a loose pack on the way gave its own back then).
    expect([...buffers].map((buffer) => buffer.byteLength)).toEqual([...buffers].map(() => 0));
    expect(arena.slots.length).toBe(5000);
    const seventh: Array<[number, number]> = [];
    for (let slot = 7; slot < 5000; slot += 64) seventh.push([slot, slot / 2]);
    expect(listOf(arena, 7)).toEqual(seventh);
    // Growing after it allocates plain arrays again.
    arena.push(7, 6000, 1);
    expect((arena.slots.buffer as ArrayBuffer).resizable).toBe(false);
    expect(listOf(arena, 7)).toEqual([...seventh, [6000, 1]]);
  });
});
