import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SlaClock } from '@baton/schemas';
import { describe, expect, it } from 'vitest';
import { clockFromStored, clockToStored } from '../sla/clock-docs.ts';
import { fromStored, toStored } from './documents.ts';

describe('stored documents', () => {
  it('rename id to _id and back, the key first and every other field in its order', () => {
    const doc = { status: 'new', id: 'iss_1', subject: 'Refund', tags: ['billing'] };
    const stored = toStored(doc);
    expect(Object.keys(stored)).toEqual(['_id', 'status', 'subject', 'tags']);
    expect(stored).toStrictEqual({ _id: 'iss_1', status: 'new', subject: 'Refund', tags: ['billing'] });
    expect(fromStored(stored)).toStrictEqual({
      id: 'iss_1',
      status: 'new',
      subject: 'Refund',
      tags: ['billing'],
    });
  });

  it('keep an own "__proto__" field a field', () => {
    const doc = JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as { id: string };
    const stored = toStored(doc);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.hasOwn(stored, '__proto__')).toBe(true);
    expect(Object.hasOwn(fromStored(stored), '__proto__')).toBe(true);
  });

  it('store an issue’s own SLA clock with an empty ref, and read it back without one', () => {
    const clock = { id: 'sla_1', issueId: 'iss_1', metric: 'firstResponse' } as SlaClock;
    const stored = clockToStored(clock);
    expect(stored).toStrictEqual({ _id: 'sla_1', ref: '', issueId: 'iss_1', metric: 'firstResponse' });
    expect(clockFromStored(stored)).toStrictEqual(clock);
    const handoffClock = { ...clock, ref: 'hnd_1' };
    expect(clockFromStored(clockToStored(handoffClock))).toStrictEqual(handoffClock);
  });

  // V8 turns an object built by one keyed store per field into a dictionary past 16 fields (slow to
  // read, ~100× slower to spread); an SLA clock has 17–21. Only V8 itself can tell, so ask it.
  it('stay fast-mode objects with more than 16 fields, stored and read back (V8 says so)', () => {
    const script = `
      const { toStored, fromStored } = await import(${JSON.stringify(fileURLToPath(new URL('./documents.ts', import.meta.url)))});
      const { cloneJson } = await import(${JSON.stringify(fileURLToPath(new URL('../store/embedded/json.ts', import.meta.url)))});
      const doc = { id: 'x' };
      for (let i = 0; i < 24; i++) doc['field' + i] = i;
      const fast = new Function('o', 'return %HasFastProperties(o)');
      console.log(JSON.stringify([fast(toStored(doc)), fast(fromStored(toStored(doc))), fast(cloneJson(toStored(doc)))]));`;
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });
});
