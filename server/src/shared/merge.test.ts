import { describe, expect, it } from 'vitest';
import { merge } from './merge.ts';

describe('merge', () => {
  it('gives what a spread gives: both objects’ fields in order, the second’s winning', () => {
    const base = { id: 'r', status: 'new', tags: ['a'], gone: undefined };
    const extra = { status: 'done', endedAt: 'now' };
    const merged = merge(base, extra);
    expect(merged).toStrictEqual({ ...base, ...extra });
    expect(Object.keys(merged)).toEqual(['id', 'status', 'tags', 'gone', 'endedAt']);
    expect(merged.tags).toBe(base.tags); // shallow, as a spread is
    expect(base).toStrictEqual({ id: 'r', status: 'new', tags: ['a'], gone: undefined });
  });

  it('keeps an own "__proto__" field a field, never the prototype', () => {
    const fromJson = JSON.parse('{"__proto__":{"polluted":true},"n":1}') as object;
    const merged = merge(fromJson, { m: 2 });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merge({ n: 1 }, fromJson))).toBe(Object.prototype);
  });
});
