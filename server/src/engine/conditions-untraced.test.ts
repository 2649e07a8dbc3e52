/**
 * Untraced conditions are decided by Baton's plan (json-rules-engine's all/any/not algorithm over its
 * own Condition leaves) instead of `Rule.evaluate`, which copies the whole tree per evaluation for a
 * result tree only traces read. These tests pin that both give the same answer: for every condition
 * of every shipped flow against varied issues, and for the engine's corner cases (priorities, a
 * short-circuit that leaves a fact unread, an operator that returns a truthy non-boolean).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Customer, Issue, RuleCondition } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import type { ConditionEngine } from './conditions.ts';
import { type FactSource, summarizeTimeline } from './facts.ts';

const PLAYBOOKS = join(import.meta.dirname, '../../../playbooks');
const clock = new ManualClock('2026-01-07T10:30:00.000Z');
let baton: TestBaton;
let conditions: ConditionEngine;

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  conditions = baton.services.engine.conditions;
});
afterAll(() => baton.close());

/** Every condition a flow document holds: trigger filters, condition and wait nodes, switch cases. */
function conditionsOf(doc: { nodes: Array<{ id: string; type: string; data: Record<string, unknown> }> }) {
  const found: Array<{ where: string; condition: RuleCondition }> = [];
  for (const node of doc.nodes) {
    const data = node.data as {
      filter?: RuleCondition;
      condition?: RuleCondition;
      cases?: Array<{ id: string; condition: RuleCondition }>;
    };
    if (data.filter) found.push({ where: `${node.id}/filter`, condition: data.filter });
    if (data.condition) found.push({ where: node.id, condition: data.condition });
    for (const c of data.cases ?? []) found.push({ where: `${node.id}/${c.id}`, condition: c.condition });
  }
  return found;
}

const SUBJECTS = [
  ['Site is down for our whole team', 'Since 9:00 every page returns error 503.'],
  ['Refund for a double charge', 'We were charged twice for the annual subscription.'],
  ['Suspicious login from abroad', 'Somebody logged into my account, I think I was hacked.'],
  ['How do I add a teammate?', 'help'],
  ['Kündigung zum Monatsende', 'Bitte bestätigen Sie die Kündigung unseres Vertrags.'],
] as const;
const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
const TIERS = ['free', 'standard', 'premium', 'enterprise'] as const;

function issues(): Array<{ issue: Issue; customer: Customer }> {
  const out: Array<{ issue: Issue; customer: Customer }> = [];
  let i = 0;
  for (const [subject, body] of SUBJECTS)
    for (const priority of PRIORITIES) {
      const at = new Date(Date.parse('2026-01-05T06:00:00.000Z') + i * 7 * 3_600_000).toISOString();
      const customer: Customer = {
        id: `cus_${i}`,
        name: `Customer ${i}`,
        tier: TIERS[i % TIERS.length]!,
        createdAt: at,
        updatedAt: at,
      };
      out.push({
        customer,
        issue: {
          id: `iss_${i}`,
          subject,
          body,
          channel: (['email', 'chat', 'phone', 'web'] as const)[i % 4]!,
          customerId: customer.id,
          priority,
          status: i % 3 === 0 ? 'open' : 'new',
          tags: i % 5 === 0 ? ['security', 'vip'] : i % 2 ? ['billing'] : [],
          ...(i % 4 === 1 ? { queue: 'Billing and Payments' } : {}),
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
        },
      });
      i++;
    }
  return out;
}

async function both(
  condition: RuleCondition,
  issue: Issue,
  customer: Customer | null,
  event = 'issue.created',
) {
  const compiled = conditions.compile(condition, 'test');
  const source: FactSource = {
    customer: async () => customer,
    timeline: async () => summarizeTimeline([{ type: 'customer_message', at: issue.createdAt }]),
  };
  const outcome = async (trace: boolean) => {
    const now = clock.now();
    const almanac = conditions.almanac({ issue, now, source }, { issue, event: { eventType: event }, now });
    try {
      return (await conditions.evaluate(compiled, almanac, trace)).result;
    } catch (err) {
      return `error: ${(err as Error).message}`;
    }
  };
  return { untraced: await outcome(false), traced: await outcome(true) };
}

describe('untraced conditions decide as json-rules-engine does', () => {
  it('for every condition of every shipped flow, on varied issues', async () => {
    const files = readdirSync(PLAYBOOKS).filter((f) => f.endsWith('.json'));
    let compared = 0;
    const seen = new Set<unknown>();
    for (const file of files) {
      const doc = JSON.parse(readFileSync(join(PLAYBOOKS, file), 'utf8'));
      for (const { where, condition } of conditionsOf(doc)) {
        for (const { issue, customer } of issues()) {
          for (const event of ['issue.created', 'issue.updated']) {
            const { untraced, traced } = await both(condition, issue, customer, event);
            expect(untraced, `${file} ${where} on ${issue.subject} (${issue.priority})`).toEqual(traced);
            seen.add(untraced);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    // The issues reach both outcomes, so the comparison is not between two constant answers.
    expect(seen).toContain(true);
    expect(seen).toContain(false);
  });

  it('honours priorities: a decided higher group leaves a lower one unevaluated', async () => {
    let customerReads = 0;
    const { issue, customer } = issues()[0]!;
    const condition = {
      all: [
        { fact: 'customer', path: '$.tier', operator: 'equal', value: 'enterprise' },
        { fact: 'issue', path: '$.priority', operator: 'equal', value: 'nope', priority: 10 },
      ],
    } as unknown as RuleCondition;
    const compiled = conditions.compile(condition, 'prio');
    const now = clock.now();
    const source: FactSource = {
      customer: async () => {
        customerReads++;
        return customer;
      },
      timeline: async () => summarizeTimeline([]),
    };
    for (const trace of [false, true]) {
      const almanac = conditions.almanac({ issue, now, source }, { issue, event: { eventType: 'x' }, now });
      expect((await conditions.evaluate(compiled, almanac, trace)).result).toBe(false);
    }
    expect(customerReads).toBe(0);
  });

  it('computes no fact for a group its run-fact leaves already decide, and the same answer', async () => {
    const { issue, customer } = issues()[0]!; // low priority, a long body
    let reads = 0;
    const source: FactSource = {
      customer: async () => {
        reads++;
        return customer;
      },
      timeline: async () => {
        reads++;
        return summarizeTimeline([{ type: 'customer_message', at: issue.createdAt }]);
      },
    };
    const decided = async (condition: unknown, trace: boolean) => {
      const compiled = conditions.compile(condition as RuleCondition, 'short');
      const now = clock.now();
      const almanac = conditions.almanac({ issue, now, source }, { issue, event: { eventType: 'x' }, now });
      return (await conditions.evaluate(compiled, almanac, trace)).result;
    };
    const timelineLeaf = { fact: 'timeline', path: '$.awaitingReply', operator: 'equal', value: true };
    const tierLeaf = { fact: 'customer', path: '$.tier', operator: 'in', value: ['premium', 'enterprise'] };
    // The shipped "needs info" and "VIP" shapes, with the computed fact first: order does not matter.
    const settled = [
      {
        all: [timelineLeaf, { fact: 'issue', path: '$.body', operator: 'matches', value: '^[\\s\\S]{0,5}$' }],
      },
      { all: [tierLeaf, { fact: 'issue', path: '$.priority', operator: 'in', value: ['high', 'critical'] }] },
      { any: [tierLeaf, { fact: 'issue', path: '$.priority', operator: 'equal', value: issue.priority }] },
    ];
    for (const condition of settled) {
      reads = 0;
      const untraced = await decided(condition, false);
      expect(reads, JSON.stringify(condition)).toBe(0);
      expect(untraced).toBe(await decided(condition, true));
    }
    // Left open by the run's facts, the computed fact is read and decides.
    reads = 0;
    const open = {
      all: [tierLeaf, { fact: 'issue', path: '$.priority', operator: 'equal', value: issue.priority }],
    };
    expect(await decided(open, false)).toBe(await decided(open, true));
    expect(reads).toBe(2);
  });

  it('treats only `true` from an operator as passing, in all, any and not', async () => {
    conditions.addOperator({
      name: 'answersOne',
      description: 'test: returns 1',
      evaluate: () => 1 as unknown as boolean,
    });
    const { issue, customer } = issues()[1]!;
    const one = {
      fact: 'issue',
      path: '$.priority',
      operator: 'answersOne',
      value: null,
    } as unknown as RuleCondition;
    const yes = {
      fact: 'issue',
      path: '$.priority',
      operator: 'equal',
      value: issue.priority,
    } as unknown as RuleCondition;
    const cases = [
      one,
      { all: [one] },
      { any: [one, yes] },
      { all: [one, yes] },
      { not: one },
      { not: { any: [one] } },
      { all: [] },
      { any: [] },
    ] as unknown as RuleCondition[];
    for (const condition of cases) {
      const { untraced, traced } = await both(condition, issue, customer);
      expect(untraced, JSON.stringify(condition)).toEqual(traced);
    }
  });

  it('decides leaves over the run facts as json-rules-engine does, beside computed facts and fact-valued leaves', async () => {
    const leaf = (fact: string, path: string | undefined, operator: string, value: unknown) => ({
      fact,
      ...(path ? { path } : {}),
      operator,
      value,
    });
    const cases = [
      // A path into a string (not an object): the fact itself is compared.
      leaf('now', '$.whatever', 'equal', clock.now().toISOString()),
      leaf('issue', '$.tags', 'contains', 'billing'),
      leaf('issue', '$.missing.deeper', 'equal', null),
      leaf('issue', undefined, 'notEqual', null),
      leaf('event', '$.eventType', 'in', ['issue.created', 'sla.breached']),
      // A numeric operator on a string fails its validator rather than comparing.
      leaf('issue', '$.priority', 'greaterThan', 1),
      // The value names a fact: json-rules-engine reads it.
      leaf('issue', '$.customerId', 'equal', { fact: 'customer', path: '$.id' }),
      {
        all: [
          leaf('issue', '$.priority', 'in', ['high', 'critical']),
          leaf('customer', '$.tier', 'equal', 'premium'),
        ],
      },
      {
        any: [
          leaf('customer', '$.tier', 'equal', 'free'),
          { not: leaf('issue', '$.status', 'equal', 'new') },
        ],
      },
      leaf('issue', '$.priority', 'noSuchOperator', 'x'),
      leaf('noSuchFact', '$.x', 'equal', 'x'),
    ] as unknown as RuleCondition[];
    const outcomes = new Set<unknown>();
    for (const { issue, customer } of issues()) {
      for (const condition of cases) {
        const { untraced, traced } = await both(condition, issue, customer);
        expect(untraced, `${JSON.stringify(condition)} on ${issue.id}`).toEqual(traced);
        outcomes.add(untraced);
      }
    }
    // Both answers and the engine's errors (unknown operator, undefined fact) were compared.
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
    expect([...outcomes].filter((o) => typeof o === 'string')).toHaveLength(2);
  });
});
