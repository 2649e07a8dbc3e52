/**
 * Scores the brief engine against the hand-written expectations of `conversations.json`:
 * precision and recall of answered-question pairs, open questions and commitments; whether the
 * stated deadline and the customer context (tier, plan, value, local time) are present; and how long
 * the executive variant is against the full brief. Per split: `tune` (used while developing the
 * engine) and `held-out` (not looked at while tuning; report both).
 *
 * Matching is by substring: an expected item names a part of the sentence it means, so a brief that
 * quotes the whole sentence matches, and one that quotes a different sentence does not.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, BriefItem, Customer, HandoffBrief, Issue, TimelineEvent } from '@baton/schemas';
import { briefLength, buildBrief } from '../brief.ts';

export type EvalEvent =
  | { c: string }
  | { a: string; who: string }
  | { n: string; who: string }
  | { call: Array<[speaker: string, text: string]>; who: string }
  | { crm: Record<string, string | number | boolean | null> };

export interface EvalConversation {
  id: string;
  split: 'tune' | 'held-out';
  language: string;
  channel: Issue['channel'];
  subject: string;
  priority: Issue['priority'];
  customer: {
    name: string;
    company: string | null;
    tier: string;
    timeZone: string;
    attributes: Record<string, string | number | boolean>;
  };
  events: EvalEvent[];
  expected: {
    answered: Array<{ q: string; a: string }>;
    open: string[];
    commitments: string[];
    deadline: string | null;
    customer: { tier: string; plan: string; value: string | null } | null;
  };
}

export interface FieldScore {
  precision: number | null;
  recall: number | null;
  /** Items the engine produced / items expected / correct ones. */
  predicted: number;
  expected: number;
  correct: number;
}

export interface SplitReport {
  split: string;
  conversations: number;
  qaPairs: FieldScore;
  openQuestions: FieldScore;
  commitments: FieldScore;
  /** Share of conversations with a stated deadline whose brief carries it. */
  deadlinePresent: number | null;
  /** Deadline items that are not the expected deadline (wrong or extra), over all deadline items. */
  deadline: FieldScore;
  /** Share of briefs with the expected tier, plan, value and a local time. */
  customerContextPresent: number;
  /** Largest executive length / full length over the split (must stay ≤ 1/3). */
  executiveRatioMax: number;
}

export interface EvalResult {
  splits: SplitReport[];
  /** Per conversation misses, for the tuning split only (the held-out one is reported as numbers). */
  misses: Array<{ id: string; field: string; detail: string }>;
}

export const CONVERSATIONS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'conversations.json');

export function loadConversations(file = CONVERSATIONS_FILE): EvalConversation[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { conversations: EvalConversation[] };
  return parsed.conversations;
}

const BASE = Date.parse('2026-03-04T08:00:00.000Z');

/** The conversation as an issue, its customer and its timeline, the way Baton stores them. */
export function materialize(conv: EvalConversation): {
  issue: Issue;
  customer: Customer;
  events: TimelineEvent[];
} {
  const customerId = `cus_${conv.id}`;
  const issueId = `iss_${conv.id}`;
  const at = (i: number) => new Date(BASE + i * 11 * 60_000).toISOString();
  const customerActor: Actor = { kind: 'customer', id: customerId, name: conv.customer.name };
  const agent = (name: string): Actor => ({ kind: 'agent', id: `agt_${name.replace(/\W/g, '')}`, name });
  const first = conv.events.find((e): e is { c: string } => 'c' in e);
  const customer: Customer = {
    id: customerId,
    name: conv.customer.name,
    ...(conv.customer.company ? { company: conv.customer.company } : {}),
    tier: conv.customer.tier as Customer['tier'],
    timeZone: conv.customer.timeZone,
    language: conv.language,
    attributes: conv.customer.attributes,
    createdAt: at(0),
    updatedAt: at(0),
  };
  const issue: Issue = {
    id: issueId,
    subject: conv.subject,
    body: first?.c ?? conv.subject,
    channel: conv.channel,
    status: 'open',
    priority: conv.priority,
    customerId,
    language: conv.language,
    tags: [],
    createdAt: at(0),
    updatedAt: at(conv.events.length),
    lastActivityAt: at(conv.events.length),
  } as Issue;
  const events: TimelineEvent[] = conv.events.map((e, i) => {
    const meta = { id: `evt_${conv.id}_${i}`, issueId, customerId, at: at(i) };
    if ('c' in e)
      return {
        ...meta,
        author: customerActor,
        type: 'customer_message',
        text: e.c,
        channel: conv.channel,
      } as TimelineEvent;
    if ('a' in e)
      return {
        ...meta,
        author: agent(e.who),
        type: 'agent_reply',
        text: e.a,
        channel: conv.channel,
      } as TimelineEvent;
    if ('n' in e) return { ...meta, author: agent(e.who), type: 'internal_note', text: e.n } as TimelineEvent;
    if ('call' in e) {
      return {
        ...meta,
        author: agent(e.who),
        type: 'call_transcript',
        durationSec: e.call.length * 20,
        segments: e.call.map(([speaker, text], j) => ({
          speaker,
          startSec: j * 20,
          endSec: j * 20 + 18,
          text,
        })),
      } as TimelineEvent;
    }
    return {
      ...meta,
      author: { kind: 'integration', name: 'Salesforce' },
      type: 'crm_update',
      source: 'Salesforce',
      fields: e.crm,
    } as TimelineEvent;
  });
  return { issue, customer, events };
}

const includes = (item: BriefItem | undefined, part: string) =>
  Boolean(item?.text.toLowerCase().includes(part.toLowerCase()));

function score(
  predicted: number,
  expected: number,
  correctPredicted: number,
  foundExpected: number,
): FieldScore {
  return {
    precision: predicted ? round(correctPredicted / predicted) : null,
    recall: expected ? round(foundExpected / expected) : null,
    predicted,
    expected,
    correct: correctPredicted,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A conversation's brief against its expectations: counts per field, and what was missed. */
export function judge(conv: EvalConversation, brief: HandoffBrief, executiveBrief: HandoffBrief) {
  const misses: Array<{ field: string; detail: string }> = [];
  const exp = conv.expected;
  // Answered pairs.
  const pairs = brief.questionsAnswered;
  let pairCorrect = 0;
  for (const p of pairs) {
    const ok = exp.answered.some((e) => includes(p.question, e.q) && includes(p.answer, e.a));
    if (ok) pairCorrect++;
    else misses.push({ field: 'qaPairs', detail: `wrong pair: "${p.question.text}" → "${p.answer.text}"` });
  }
  let pairFound = 0;
  for (const e of exp.answered) {
    if (pairs.some((p) => includes(p.question, e.q) && includes(p.answer, e.a))) pairFound++;
    else misses.push({ field: 'qaPairs', detail: `missing pair: "${e.q}" → "${e.a}"` });
  }
  // Open questions: the customer's.
  const open = brief.openUnknowns.filter((i) => i.sources[0]?.author === 'customer');
  let openCorrect = 0;
  for (const o of open) {
    if (exp.open.some((e) => includes(o, e))) openCorrect++;
    else misses.push({ field: 'openQuestions', detail: `not open: "${o.text}"` });
  }
  let openFound = 0;
  for (const e of exp.open) {
    if (open.some((o) => includes(o, e))) openFound++;
    else misses.push({ field: 'openQuestions', detail: `missing open: "${e}"` });
  }
  // Commitments.
  let comCorrect = 0;
  for (const c of brief.commitments) {
    if (exp.commitments.some((e) => includes(c, e))) comCorrect++;
    else misses.push({ field: 'commitments', detail: `not a commitment: "${c.text}"` });
  }
  let comFound = 0;
  for (const e of exp.commitments) {
    if (brief.commitments.some((c) => includes(c, e))) comFound++;
    else misses.push({ field: 'commitments', detail: `missing commitment: "${e}"` });
  }
  // Deadline.
  const deadline = exp.deadline;
  const deadlineOk = deadline ? brief.deadlines.some((d) => includes(d, deadline)) : null;
  if (deadline && !deadlineOk) misses.push({ field: 'deadline', detail: `missing deadline: "${deadline}"` });
  const deadlineCorrect = deadline ? brief.deadlines.filter((d) => includes(d, deadline)).length : 0;
  for (const d of brief.deadlines)
    if (!deadline || !includes(d, deadline))
      misses.push({ field: 'deadline', detail: `not the deadline: "${d.text}"` });
  // Customer context.
  const ctx = brief.customer;
  const want = exp.customer;
  const digits = (v: string | null) => (v ?? '').replace(/\D/g, '');
  const contextOk = Boolean(
    want &&
      ctx.tier === want.tier &&
      ctx.plan === want.plan &&
      (want.value === null || digits(ctx.value).includes(digits(want.value))) &&
      ctx.localTime,
  );
  if (!contextOk)
    misses.push({ field: 'customer', detail: `context ${JSON.stringify(ctx)} ≠ ${JSON.stringify(want)}` });
  const full = briefLength(brief);
  return {
    misses,
    counts: {
      pairs: [pairs.length, exp.answered.length, pairCorrect, pairFound],
      open: [open.length, exp.open.length, openCorrect, openFound],
      commitments: [brief.commitments.length, exp.commitments.length, comCorrect, comFound],
      deadline: [brief.deadlines.length, deadline ? 1 : 0, deadlineCorrect, deadlineOk ? 1 : 0],
    } as Record<string, [number, number, number, number]>,
    deadlineOk,
    contextOk,
    executiveRatio: full ? briefLength(executiveBrief) / full : 0,
  };
}

export function evaluateBriefs(
  conversations: readonly EvalConversation[],
  splits: readonly string[],
): EvalResult {
  const now = new Date(BASE + 6 * 3600_000);
  const result: EvalResult = { splits: [], misses: [] };
  for (const split of splits) {
    const convs = conversations.filter((c) => split === 'all' || c.split === split);
    const sums: Record<string, [number, number, number, number]> = {};
    let withDeadline = 0;
    let deadlinesFound = 0;
    let contexts = 0;
    let ratioMax = 0;
    for (const conv of convs) {
      const { issue, customer, events } = materialize(conv);
      const brief = buildBrief(issue, events, { customer, now });
      const exec = buildBrief(issue, events, { customer, now, variant: 'executive' });
      const judged = judge(conv, brief, exec);
      for (const [field, c] of Object.entries(judged.counts)) {
        const before = sums[field] ?? [0, 0, 0, 0];
        sums[field] = [before[0] + c[0], before[1] + c[1], before[2] + c[2], before[3] + c[3]];
      }
      if (judged.deadlineOk !== null) {
        withDeadline++;
        if (judged.deadlineOk) deadlinesFound++;
      }
      if (judged.contextOk) contexts++;
      ratioMax = Math.max(ratioMax, judged.executiveRatio);
      if (conv.split === 'tune' && split !== 'held-out')
        for (const m of judged.misses) result.misses.push({ id: conv.id, ...m });
    }
    const field = (name: string) => {
      const [p, e, c, f] = sums[name] ?? [0, 0, 0, 0];
      return score(p, e, c, f);
    };
    result.splits.push({
      split,
      conversations: convs.length,
      qaPairs: field('pairs'),
      openQuestions: field('open'),
      commitments: field('commitments'),
      deadlinePresent: withDeadline ? round(deadlinesFound / withDeadline) : null,
      deadline: field('deadline'),
      customerContextPresent: convs.length ? round(contexts / convs.length) : 0,
      executiveRatioMax: round(ratioMax),
    });
  }
  return result;
}
