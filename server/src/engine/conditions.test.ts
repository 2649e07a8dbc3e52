import type { FactCondition, RuleCondition } from '@baton/schemas';
import { Almanac } from 'json-rules-engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { pathResolver } from './conditions.ts';
import { parseDuration } from './duration.ts';
import { FlowEngine } from './engine.ts';
import { type FactSource, summarizeTimeline } from './facts.ts';
import { LocalClock } from './operators.ts';

const issue = {
  id: 'iss_1',
  subject: 'Refund for a double charge',
  body: 'I was charged twice for my subscription, please refund one invoice.',
  channel: 'email' as const,
  customerId: 'cus_1',
  priority: 'medium' as const,
  status: 'new' as const,
  tags: ['billing', 'eu'],
  createdAt: '2026-01-05T07:30:00.000Z',
  updatedAt: '2026-01-05T07:30:00.000Z',
  lastActivityAt: '2026-01-05T07:30:00.000Z',
};

let clock: ManualClock;
let engine: FlowEngine;
let reads: string[];
const source: FactSource = {
  async customer(id) {
    reads.push(`customer:${id}`);
    return { id, name: 'Ada', tier: 'premium', createdAt: issue.createdAt, updatedAt: issue.createdAt };
  },
  async timeline(issueId) {
    reads.push(`timeline:${issueId}`);
    return summarizeTimeline([{ type: 'customer_message', at: issue.createdAt }]);
  },
};

beforeEach(() => {
  clock = new ManualClock('2026-01-05T09:00:00.000Z');
  engine = new FlowEngine(clock);
  reads = [];
});

async function check(condition: RuleCondition, trace = false) {
  const compiled = engine.conditions.compile(condition, 'test');
  const now = clock.now();
  const almanac = engine.conditions.almanac(
    { issue, now, source },
    { issue, event: { eventType: 'issue.created' }, now },
  );
  return engine.conditions.evaluate(compiled, almanac, trace);
}

const leaf = (
  path: string,
  operator: string,
  value: FactCondition['value'],
  fact = 'issue',
): RuleCondition => ({
  fact,
  path,
  operator,
  value,
});

describe('support operators', () => {
  it('matches: case-insensitive for a string, exact flags for { pattern, flags }, any item of a list', async () => {
    expect((await check(leaf('$.subject', 'matches', '^refund\\b'))).result).toBe(true);
    expect((await check(leaf('$.subject', 'matches', { pattern: '^refund', flags: '' }))).result).toBe(false);
    expect((await check(leaf('$.subject', 'matches', { pattern: '^Refund', flags: '' }))).result).toBe(true);
    expect((await check(leaf('$.tags', 'matches', '^e.$'))).result).toBe(true);
    expect((await check(leaf('$.queue', 'matches', '.*'))).result).toBe(false);
  });

  it('containsAny / containsAll: on lists by membership, on text by case-insensitive substring', async () => {
    expect((await check(leaf('$.tags', 'containsAny', ['vip', 'eu']))).result).toBe(true);
    expect((await check(leaf('$.tags', 'containsAll', ['billing', 'vip']))).result).toBe(false);
    expect((await check(leaf('$.body', 'containsAny', ['outage', 'INVOICE']))).result).toBe(true);
    expect((await check(leaf('$.body', 'containsAll', ['charged', 'refund', 'subscription']))).result).toBe(
      true,
    );
    expect((await check(leaf('$.body', 'containsAll', ['charged', 'outage']))).result).toBe(false);
  });

  it('withinBusinessHours: in the given time zone, from inclusive, to exclusive', async () => {
    const berlin = {
      timeZone: 'Europe/Berlin',
      hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    };
    // 07:30Z is 08:30 in Berlin (winter): closed. 09:00Z is 10:00: open.
    expect((await check(leaf('$.createdAt', 'withinBusinessHours', berlin))).result).toBe(false);
    expect((await check({ fact: 'now', operator: 'withinBusinessHours', value: berlin })).result).toBe(true);
    clock.set('2026-01-05T16:00:00.000Z'); // 17:00 Berlin: closed
    expect((await check({ fact: 'now', operator: 'withinBusinessHours', value: berlin })).result).toBe(false);
    clock.set('2026-01-10T10:00:00.000Z'); // a Saturday
    expect((await check({ fact: 'now', operator: 'withinBusinessHours', value: berlin })).result).toBe(false);
    const tokyo = { timeZone: 'Asia/Tokyo', hours: [{ days: ['sat'], from: '18:00', to: '20:00' }] };
    expect((await check({ fact: 'now', operator: 'withinBusinessHours', value: tokyo })).result).toBe(true);
  });

  it('reads local time as Intl does at every instant, though it formats a zone once a minute', () => {
    const reused = new LocalClock();
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Africa/Monrovia',
    ];
    const instants = [
      '2026-03-29T00:59:59.999Z', // Berlin's clocks go forward at 01:00Z
      '2026-03-29T01:00:00.000Z',
      '2026-03-08T06:59:30.000Z', // New York's at 07:00Z
      '2026-03-08T07:00:00.000Z',
      '2026-04-04T14:59:00.000Z', // Lord Howe goes back half an hour at 15:00Z
      '2026-04-04T15:00:59.000Z',
      // Monrovia was 44 min 30 s behind until 1972: its local minute turns at 30 s past each UTC minute.
      '1971-06-01T12:00:10.000Z',
      '1971-06-01T12:00:40.000Z',
    ].map(Date.parse);
    for (const zone of zones) {
      for (const at of instants) {
        for (const t of [at, at + 1])
          expect(reused.at(t, zone), `${zone} ${t}`).toEqual(new LocalClock().at(t, zone));
      }
    }
  });

  it('olderThan: measured from the injected clock', async () => {
    // created 07:30, now 09:00: 90 minutes old
    expect((await check(leaf('$.createdAt', 'olderThan', 'PT1H'))).result).toBe(true);
    expect((await check(leaf('$.createdAt', 'olderThan', 'PT2H'))).result).toBe(false);
    clock.advance(60 * 60_000);
    expect((await check(leaf('$.createdAt', 'olderThan', 'PT2H'))).result).toBe(true);
    expect((await check(leaf('$.resolvedAt', 'olderThan', 'PT1H'))).result).toBe(false);
  });

  it('works with json-rules-engine decorators (not:)', async () => {
    expect((await check(leaf('$.tags', 'not:containsAny', ['vip']))).result).toBe(true);
  });

  it('parses ISO-8601 durations in weeks, days, hours, minutes and seconds only', () => {
    expect(parseDuration('PT4H')).toBe(4 * 3_600_000);
    expect(parseDuration('P1DT12H30M')).toBe(36.5 * 3_600_000);
    expect(parseDuration('P2W')).toBe(14 * 86_400_000);
    expect(parseDuration('PT1.5S')).toBe(1500);
    for (const bad of ['P', 'PT', 'P1M', 'P1Y', '4h', 'PT4', '']) expect(parseDuration(bad)).toBeNull();
  });
});

describe('conditions on json-rules-engine', () => {
  it('records per leaf whether it held and the fact value it saw, and the facts read', async () => {
    const outcome = await check(
      {
        all: [
          leaf('$.priority', 'in', ['medium', 'high']),
          {
            any: [
              leaf('$.tier', 'equal', 'enterprise', 'customer'),
              leaf('$.tier', 'equal', 'premium', 'customer'),
            ],
          },
        ],
      },
      true,
    );
    expect(outcome.result).toBe(true);
    expect(outcome.trace?.conditions).toMatchObject({
      result: true,
      all: [
        { fact: 'issue', path: '$.priority', factResult: 'medium', result: true },
        {
          result: true,
          any: [
            { fact: 'customer', factResult: 'premium', result: false },
            { fact: 'customer', factResult: 'premium', result: true },
          ],
        },
      ],
    });
    expect(outcome.trace?.facts).toEqual({ 'issue.priority': 'medium', 'customer.tier': 'premium' });
  });

  it('computes a contributed fact only when a condition reads it, once per run', async () => {
    await check(leaf('$.priority', 'equal', 'medium'));
    expect(reads).toEqual([]);
    await check({
      all: [leaf('$.tier', 'equal', 'premium', 'customer'), leaf('$.name', 'equal', 'Ada', 'customer')],
    });
    expect(reads).toEqual(['customer:cus_1']);
  });

  it('takes module facts from the registry, lazily', async () => {
    let calls = 0;
    engine.facts.register({
      id: 'agentLoad',
      description: 'open issues per agent',
      compute: (scope) => {
        calls++;
        return { open: scope.issue.tags.length * 3 };
      },
    });
    expect((await check(leaf('$.priority', 'equal', 'medium'))).result).toBe(true);
    expect(calls).toBe(0);
    expect((await check(leaf('$.open', 'greaterThan', 5, 'agentLoad'))).result).toBe(true);
    expect(calls).toBe(1);
    expect(() => engine.facts.register({ id: 'issue', description: 'x', compute: () => 1 })).toThrow(
      /already/,
    );
  });

  it('accepts a bare leaf at the top (wrapped in all)', async () => {
    expect((await check(leaf('$.channel', 'equal', 'email'))).result).toBe(true);
  });

  it('resolves simple paths exactly as json-rules-engine’s JSONPath does', () => {
    const jsonPath = (new Almanac() as unknown as { pathResolver: typeof pathResolver }).pathResolver;
    const value = { a: { b: [1, 2], c: null, d: { e: 'x' } }, tags: ['a'], n: 0 };
    for (const path of [
      '$.a',
      '$.a.b',
      '$.a.c',
      '$.a.d.e',
      '$.tags',
      '$.n',
      '$.missing',
      '$.a.missing.deeper',
      '$.a.b[0]',
    ]) {
      expect(pathResolver(value, path), path).toEqual(jsonPath(value, path));
      // Again, from the keys it remembered for the path, on another value.
      const other = { a: { b: 'y', d: { e: 7 } }, n: 1 };
      expect(pathResolver(other, path), `${path} again`).toEqual(jsonPath(other, path));
    }
  });

  it('reports unknown facts and operators and unusable values with pointers', () => {
    const problems = engine.conditions.check(
      {
        all: [
          leaf('$.x', 'equal', 1, 'nosuchfact'),
          leaf('$.subject', 'resembles', 'x'),
          leaf('$.subject', 'matches', '(unclosed'),
          leaf('$.createdAt', 'olderThan', '4 hours'),
          leaf('$.createdAt', 'withinBusinessHours', { timeZone: 'Mars/Olympus', hours: [] }),
        ],
      },
      '/condition',
    );
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/condition/all/0/fact', 'unknown-fact'],
      ['/condition/all/1/operator', 'unknown-operator'],
      ['/condition/all/2/value', 'invalid-operator-value'],
      ['/condition/all/3/value', 'invalid-operator-value'],
      ['/condition/all/4/value', 'invalid-operator-value'],
    ]);
  });
});
