import { describe, expect, it } from 'vitest';
import { cloneJson } from '../embedded/json.ts';
import { StoreQueryError } from '../port.ts';
import { encodeJsonDocument, NOT_PLAIN, plainJsonCopy, toPlainJson } from './encode.ts';

/** What the port promises a stored document is: the JSON round trip of what the caller gave. */
const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

// A hole at index 1 (written this way because a literal hole reads like a typo).
const sparse: unknown[] = [1];
sparse[2] = 3;

const withProtoKey = JSON.parse('{"_id":"p","__proto__":{"polluted":true},"n":1}');

const cases: Array<[string, Record<string, unknown>]> = [
  [
    'plain nested data',
    {
      _id: 'a',
      s: 'ü€😀',
      n: 1.5,
      t: true,
      f: false,
      z: null,
      list: [1, 'two', { three: 3 }],
      o: { p: { q: [] } },
    },
  ],
  [
    'undefined, functions and symbols',
    { _id: 'a', u: undefined, fn: () => 1, sym: Symbol('s'), list: [undefined, () => 1, Symbol('s'), 2] },
  ],
  [
    'numbers JSON cannot hold',
    {
      _id: 'a',
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      negZero: -0,
      list: [-0, Number.NEGATIVE_INFINITY],
    },
  ],
  ['a sparse array', { _id: 'a', holes: sparse }],
  ['Dates', { _id: 'a', at: new Date('2026-12-06T10:00:00Z'), deep: { list: [new Date(0)] } }],
  [
    'a class instance and boxed values',
    { _id: 'a', point: new Point(1, 2), boxed: [new String('s'), new Number(2), new Boolean(false)] },
  ],
  ['a toJSON method', { _id: 'a', custom: { toJSON: () => 'custom', hidden: 1 } }],
  ['a toJSON field that is not a function', { _id: 'a', o: { toJSON: 'just data' } }],
  ['a null-prototype object', { _id: 'a', bare: Object.assign(Object.create(null), { k: 1 }) }],
  ['Maps, Sets and a RegExp', { _id: 'a', map: new Map([[1, 2]]), set: new Set([1]), re: /x/g }],
  ['a "__proto__" field', withProtoKey],
  ['integer-like keys (JSON orders them first)', { _id: 'a', b: 1, 2: 'two', 1: 'one' }],
  ['symbol keys', { _id: 'a', [Symbol('top')]: 1, nested: { [Symbol('inner')]: 2, kept: 3 } }],
];

describe('encodeJsonDocument', () => {
  it.each(cases)('stores %s exactly as the JSON round trip would', (_name, doc) => {
    const { doc: stored, json } = encodeJsonDocument<Record<string, unknown>>(doc);
    const expected = roundTrip(doc);
    expect(stored).toStrictEqual(expected);
    expect(json).toBe(JSON.stringify(expected));
    expect(Object.keys(stored)).toEqual(Object.keys(expected));
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.getOwnPropertySymbols(stored)).toEqual([]);
    expect(Object.getOwnPropertySymbols(cloneJson(stored))).toEqual([]);
  });

  it('takes only the document’s own fields, even with a field put on Object.prototype', () => {
    Object.defineProperty(Object.prototype, 'polluted', {
      value: { x: 1 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    try {
      const { doc, json } = encodeJsonDocument<Record<string, unknown>>({ _id: 'a', n: 1, o: { m: 2 } });
      expect(Object.hasOwn(doc, 'polluted')).toBe(false);
      expect(Object.hasOwn(doc.o as object, 'polluted')).toBe(false);
      expect(Object.hasOwn(cloneJson(doc), 'polluted')).toBe(false);
      expect(json).toBe('{"_id":"a","n":1,"o":{"m":2}}');
    } finally {
      delete (Object.prototype as { polluted?: unknown }).polluted;
    }
  });

  it('keeps a "__proto__" field as a field, never as the prototype', () => {
    const { doc } = encodeJsonDocument<Record<string, unknown>>(withProtoKey);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.hasOwn(doc, '__proto__')).toBe(true);
    expect((doc as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('copies a wide document (more than 16 fields) for a reader as deeply as a narrow one', () => {
    const wide: Record<string, unknown> = JSON.parse('{"_id":"w","__proto__":{"polluted":true}}');
    for (let i = 0; i < 20; i++) wide[`f${i}`] = i % 2 ? { nested: [i] } : `v${i}`;
    const { doc } = encodeJsonDocument<Record<string, unknown>>(wide);
    const copy = cloneJson(doc);
    expect(copy).toStrictEqual(roundTrip(wide));
    expect(Object.keys(copy)).toEqual(Object.keys(wide));
    expect(copy.f1).not.toBe(doc.f1);
    expect((copy.f1 as { nested: unknown }).nested).not.toBe((doc.f1 as { nested: unknown }).nested);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    const own = (o: object) => Object.getOwnPropertyDescriptor(o, '__proto__')?.value;
    expect(own(copy)).toStrictEqual({ polluted: true });
    expect(own(copy)).not.toBe(own(doc));
  });

  it('keeps it a field when a stored document is copied for a reader too', () => {
    const copy = cloneJson(encodeJsonDocument<Record<string, unknown>>(withProtoKey).doc);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(copy).toStrictEqual(roundTrip(withProtoKey));
  });

  it('copies: nothing of the caller’s objects is shared with what is stored', () => {
    const caller = { _id: 'a', o: { list: [{ n: 1 }] } };
    const { doc } = encodeJsonDocument<typeof caller>(caller);
    caller.o.list[0]!.n = 2;
    caller.o.list.push({ n: 3 });
    expect(doc.o.list).toEqual([{ n: 1 }]);
  });

  it('leaves what is not plain data to JSON itself, which names the problem', () => {
    const cyclic: Record<string, unknown> = { _id: 'a' };
    cyclic.self = cyclic;
    expect(() => encodeJsonDocument(cyclic)).toThrow(StoreQueryError);
    expect(() => encodeJsonDocument({ _id: 'a', big: 1n })).toThrow(/not JSON-serialisable/);
    expect(() => encodeJsonDocument({ n: 1 })).toThrow(StoreQueryError); // no string _id
  });

  it('gives up copying documents nested deeper than real ones are, and still stores them', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 150; i++) deep = { next: deep };
    expect(plainJsonCopy(deep)).toBe(NOT_PLAIN);
    const doc = { _id: 'deep', deep };
    expect(encodeJsonDocument(doc).doc).toStrictEqual(roundTrip(doc));
  });
});

describe('toPlainJson', () => {
  it('turns an update operand into what JSON would store', () => {
    expect(toPlainJson(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(toPlainJson({ at: new Date(0), gone: undefined })).toStrictEqual({
      at: '1970-01-01T00:00:00.000Z',
    });
    expect(toPlainJson([undefined, Number.NaN])).toStrictEqual([null, null]);
    expect(toPlainJson(undefined)).toBeUndefined();
    expect(toPlainJson(() => 1)).toBeUndefined();
    expect(() => toPlainJson(1n)).toThrow(StoreQueryError);
  });
});
