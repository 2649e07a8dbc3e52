import { describe, expect, it } from 'vitest';
import { FreshCache } from './fresh-cache.ts';

describe('FreshCache', () => {
  it('reads once while fresh, again after an invalidation', async () => {
    const cache = new FreshCache<{ n: number }>();
    let reads = 0;
    const load = async () => ({ n: ++reads });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    cache.invalidate();
    expect(await cache.get('k', load)).toEqual({ n: 2 });
  });

  it('reads again once an entry is older than maxAgeMs (another instance may have written)', async () => {
    const cache = new FreshCache<number>(0);
    let reads = 0;
    await cache.get('k', async () => ++reads);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(await cache.get('k', async () => ++reads)).toBe(2);
  });

  it('does not keep a read that an invalidation overtook', async () => {
    const cache = new FreshCache<string>();
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
    cache.invalidate(); // a write lands while the read is under way
    release();
    expect(await slow).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('hands out frozen values, so no caller can change what the others read', async () => {
    const cache = new FreshCache<{ list: number[] }>();
    const value = await cache.get('k', async () => ({ list: [1] }));
    expect(() => value.list.push(2)).toThrow(TypeError);
  });
});
