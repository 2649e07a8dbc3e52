/**
 * The plain-arithmetic path for `$inc`, `$max` and `$min` against mingo's operators, on random
 * documents with nested objects, arrays, strings and missing fields: the same document and the same
 * "did anything change" answer, whichever path an update takes.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { $inc, $max, $min } from 'mingo/operators/update';
import { describe, expect, it } from 'vitest';
import type { Update } from '../port.ts';
import { StoreQueryError } from '../port.ts';
import type { Doc } from './json.ts';
import { applyUpdate } from './update.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIELDS = ['a', 'b', 'c'];

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (r < 0.45) return Math.floor(rnd() * 10) - 3;
  if (r < 0.55) return 'text';
  if (r < 0.62) return [1, { a: 2 }];
  if (r < 0.66) return null;
  if (depth >= 2) return 1.5;
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (rnd() < 0.6) out[f] = randomValue(rnd, depth + 1);
  return out;
}

function randomPath(rnd: () => number): string {
  const depth = 1 + Math.floor(rnd() * 3);
  return Array.from({ length: depth }, () => FIELDS[Math.floor(rnd() * FIELDS.length)]!).join('.');
}

/** mingo's own operators on a copy: what the update did before the plain path existed. */
function throughMingo(doc: Doc, op: '$inc' | '$max' | '$min', expr: Record<string, number>) {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const operator = { $inc, $max, $min }[op];
  const changed = operator(expr)(copy).length > 0;
  return changed ? copy : null;
}

describe('numeric update operators without mingo', () => {
  it('give the same document and change answer as mingo', () => {
    const rnd = random(7);
    let compared = 0;
    for (let i = 0; i < 4000; i++) {
      const doc = { _id: 'd', ...(randomValue(rnd, 0) as object) } as Doc;
      const op = (['$inc', '$max', '$min'] as const)[i % 3]!;
      const expr: Record<string, number> = {};
      const first = randomPath(rnd);
      expr[first] = Math.floor(rnd() * 7) - 3;
      // A second field when it does not overlap the first (MongoDB refuses overlapping paths).
      const second = randomPath(rnd);
      if (!second.startsWith(first) && !first.startsWith(second)) expr[second] = Math.floor(rnd() * 7) - 3;
      let ours: Doc | null;
      try {
        ours = applyUpdate(doc, { [op]: expr } as Update)?.doc ?? null;
      } catch (error) {
        // What MongoDB refuses (a path through a scalar, $inc of a string) is refused before either path.
        expect(error).toBeInstanceOf(StoreQueryError);
        continue;
      }
      expect(ours, JSON.stringify({ doc, op, expr })).toEqual(throughMingo(doc, op, expr));
      compared++;
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('creates the objects on a missing path and changes nothing when the value stays', () => {
    const doc = { _id: 'd', c: { handoffs: 2 }, m: { wait: 10 } } as Doc;
    expect(applyUpdate(doc, { $inc: { 'c.handoffs': 1, 'n.new.count': 3 } })?.doc).toEqual({
      _id: 'd',
      c: { handoffs: 3 },
      m: { wait: 10 },
      n: { new: { count: 3 } },
    });
    expect(applyUpdate(doc, { $max: { 'm.wait': 5 } })).toBeNull();
    expect(applyUpdate(doc, { $min: { 'm.wait': 5 } })?.doc).toMatchObject({ m: { wait: 5 } });
    expect(applyUpdate(doc, { $inc: { 'c.handoffs': 0 } })).toBeNull();
  });
});

describe('top-level $set and $unset', () => {
  it('leave the stored version as it was, and give the text of exactly the document they give', () => {
    const stored = { _id: 'i', status: 'new', tags: ['a'], assignee: { agentId: 'x' }, gone: 1 } as Doc;
    const before = structuredClone(stored);
    const operand = { status: 'open', extra: { nested: [1, 2] }, at: new Date('2026-01-02T03:04:05Z') };
    const result = applyUpdate(stored, { $set: operand, $unset: { gone: '' } });
    expect(stored).toEqual(before);
    expect(result?.doc).toEqual({
      _id: 'i',
      status: 'open',
      tags: ['a'],
      assignee: { agentId: 'x' },
      extra: { nested: [1, 2] },
      at: '2026-01-02T03:04:05.000Z',
    });
    expect(JSON.parse(result!.json)).toEqual(result!.doc);
    // The set values are copies: changing the caller's object later changes nothing stored.
    operand.extra.nested.push(3);
    expect(result?.doc.extra).toEqual({ nested: [1, 2] });
    expect(applyUpdate(result!.doc, { $set: { status: 'open' } })).toBeNull();
  });

  it('unset only fields the document has, beside any other operator, keeping the rest in order', () => {
    const stored = { _id: 'c', state: 'running', runningSince: 't0', dueAt: 't1', log: [1] } as Doc;
    expect(applyUpdate(stored, { $unset: { missing: '' } })).toBeNull();
    const paused = applyUpdate(stored, {
      $set: { state: 'paused' },
      $unset: { runningSince: '', dueAt: '', missing: '' },
      $push: { log: 2 },
    });
    expect(paused?.doc).toStrictEqual({ _id: 'c', state: 'paused', log: [1, 2] });
    expect(Object.keys(paused!.doc)).toEqual(['_id', 'state', 'log']);
    expect(JSON.parse(paused!.json)).toStrictEqual(paused!.doc);
    expect(stored).toStrictEqual({ _id: 'c', state: 'running', runningSince: 't0', dueAt: 't1', log: [1] });
    expect(() => applyUpdate(stored, { $set: { dueAt: 't2' }, $unset: { dueAt: '' } })).toThrow(/conflict/);
  });

  it('unset an own "__proto__" field as the field it is', () => {
    const stored = JSON.parse('{"_id":"p","__proto__":{"x":1},"n":1}') as Doc;
    const result = applyUpdate(stored, { $unset: { ['__proto__']: '' } });
    expect(Object.hasOwn(result!.doc, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(result!.doc)).toBe(Object.prototype);
    expect(result!.doc).toStrictEqual({ _id: 'p', n: 1 });
  });

  // V8 turns an object that loses a field to `delete` into a dictionary, for as long as it is stored.
  it('leave a fast-mode object behind (V8 says so)', () => {
    const script = `
      const { applyUpdate } = await import(${JSON.stringify(fileURLToPath(new URL('./update.ts', import.meta.url)))});
      const fast = new Function('o', 'return %HasFastProperties(o)');
      const doc = JSON.parse('{"_id":"c","state":"running","runningSince":"t0","dueAt":"t1","n":1}');
      const topLevel = applyUpdate(doc, { $set: { state: 'paused' }, $unset: { runningSince: '' } }).doc;
      const withPush = applyUpdate(doc, { $unset: { dueAt: '' }, $push: { log: 1 } }).doc;
      console.log(JSON.stringify([fast(topLevel), fast(withPush)]));`;
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([true, true]);
  });
});
