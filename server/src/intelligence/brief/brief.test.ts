/**
 * The brief engine on the issue that showed what was wrong (filler and internal notes paired as
 * answers, no customer context or deadline, no urgency for "412 orders stuck", an executive brief
 * barely shorter), and the evaluation set's targets on both splits.
 */
import type { TimelineEvent } from '@baton/schemas';
import { describe, expect, it } from 'vitest';
import { resolutionSteps } from '../kb/articles.ts';
import { briefLength, buildBrief } from './brief.ts';
import { evaluateBriefs, loadConversations, materialize } from './eval/evaluate.ts';
import { sentencesOf } from './sentences.ts';

const conversations = loadConversations();
const now = new Date('2026-03-04T14:00:00.000Z');

function outage() {
  const conv = conversations.find((c) => c.id === 'en-outage-scanners');
  if (!conv) throw new Error('the outage conversation is missing');
  return materialize(conv);
}

describe('the brief engine', () => {
  it('answers questions only with what the customer was told, judged by content', () => {
    const { issue, customer, events } = outage();
    const brief = buildBrief(issue, events, { customer, now });
    const pairs = brief.questionsAnswered.map((p) => [p.question.text, p.answer.text]);
    expect(pairs).toContainEqual([
      'Are the updates our scanners sent during the outage lost, or will they retry?',
      "No, you don't need to re-scan: the scanners keep failed updates on the device and retry on their own for up to six hours.",
    ]);
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const { answer } of brief.questionsAnswered) {
      const source = byId.get(answer.sources[0]?.eventId ?? '') as TimelineEvent;
      // Never an internal note; never filler.
      expect(source.type === 'agent_reply' || source.type === 'call_transcript').toBe(true);
      expect(answer.text).not.toMatch(/next update|I will check the logs/i);
    }
  });

  it('always carries the customer context and the deadline they stated, and urgency in their words', () => {
    const { issue, customer, events } = outage();
    const brief = buildBrief(issue, events, { customer, now });
    expect(brief.customer).toMatchObject({
      name: 'Maya Patel',
      tier: 'enterprise',
      plan: 'Enterprise',
      value: 'ARR 186,000',
      timeZone: 'America/Chicago',
      localTime: 'Wed 08:00',
    });
    expect(brief.deadlines[0]?.text).toBe('Our trucks leave at 14:00 and they must be loaded by then.');
    // Said at 02:44 in Chicago: 14:00 the same day, Chicago time.
    expect(brief.deadlines[0]?.due).toMatchObject({
      date: '2026-03-04',
      time: '14:00',
      at: '2026-03-04T20:00:00.000Z',
      timeZone: 'America/Chicago',
    });
    expect(brief.urgency.signals.map((s) => s.text)).toContain(
      'Our scanners cannot post updates and 412 orders are stuck at the dock.',
    );
  });

  it('takes tier, plan and value from the newest CRM update over the customer record', () => {
    const { issue, customer, events } = outage();
    const crm = {
      id: 'evt_crm',
      issueId: issue.id,
      customerId: issue.customerId,
      at: '2026-03-04T13:00:00.000Z',
      author: { kind: 'integration', name: 'Salesforce' },
      type: 'crm_update',
      source: 'Salesforce',
      fields: { Tier: 'premium', plan_name: 'Business', ARR: 54000 },
    } as TimelineEvent;
    const brief = buildBrief(issue, [...events, crm], { customer, now });
    expect(brief.customer).toMatchObject({ tier: 'premium', plan: 'Business', value: 'ARR 54,000' });
    expect(brief.customer.sources.map((s) => s.eventId)).toEqual(['evt_crm']);
  });

  it('never suggests replying to a sign-off, nor asks for the same sentence twice', () => {
    const conv = {
      ...(conversations.find((c) => c.id === 'en-outage-scanners') as (typeof conversations)[number]),
      events: [
        {
          c: 'Hello, a trainee joins us on Monday. How do I add her so she can read but not reply? Thanks, Oliver',
        },
      ],
    };
    const { issue, customer, events } = materialize(conv);
    const steps = buildBrief(issue, events, { customer, now }).nextSteps.map((s) => s.text);
    expect(steps.join('\n')).not.toMatch(/Thanks, Oliver/);
    const quoted = steps.flatMap((s) => s.match(/"[^"]+"/g) ?? []);
    expect(new Set(quoted).size).toBe(quoted.length);
    expect(steps[0]).toBe(
      `Answer the customer's open question: "How do I add her so she can read but not reply?"`,
    );
  });

  it('keeps the executive variant within a third of the full brief', () => {
    for (const conv of conversations) {
      const { issue, customer, events } = materialize(conv);
      const full = buildBrief(issue, events, { customer, now });
      const exec = buildBrief(issue, events, { customer, now, variant: 'executive' });
      expect(briefLength(exec), conv.id).toBeLessThanOrEqual(briefLength(full) / 3);
      expect(exec.customer).toEqual(full.customer);
    }
  });

  it('meets its targets on the evaluation set, tune and held-out', () => {
    const { splits } = evaluateBriefs(conversations, ['tune', 'held-out']);
    for (const split of splits) {
      expect(split.qaPairs.precision, split.split).toBeGreaterThanOrEqual(0.9);
      expect(split.openQuestions.recall, split.split).toBeGreaterThanOrEqual(0.8);
      expect(split.customerContextPresent, split.split).toBe(1);
      expect(split.deadlinePresent, split.split).toBe(1);
    }
  });
});

describe('KB resolution', () => {
  it('is the agent message the customer confirmed, never filler', () => {
    const conv = conversations.find((c) => c.id === 'de-drucker');
    if (!conv) throw new Error('the printer conversation is missing');
    const { customer, events } = materialize(conv);
    const steps = resolutionSteps(sentencesOf(events, { customerName: customer.name }));
    expect(steps.map((s) => s.text)).toEqual([
      'Ja, das Problem kommt vom Druckertreiber 4.2 aus unserem Update am Dienstag.',
      'Bitte installieren Sie die Version 4.1 aus dem Download-Bereich, dann druckt der Drucker wieder.',
    ]);
  });

  it('without a confirmation, is the newest agent message that says what was done, never "Next update in 20 minutes"', () => {
    const { events } = outage();
    const texts = resolutionSteps(sentencesOf(events, { customerName: 'Maya Patel' })).map((s) => s.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(/next update|check the logs/i);
  });
});
