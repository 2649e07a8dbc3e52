/**
 * The brief engine: the one place that reads an issue's timeline for the next owner. Handoffs, the
 * API (`/api/issues/:id/brief`) and the `summarize` node kind all call {@link buildBrief}.
 *
 * Extractive on purpose: every item is a sentence of a real event, quoted verbatim with the event's
 * id, so the next owner can check it in a click and nothing is invented. The only composed items are
 * suggested next steps (`kind: suggested`), each built around — and linked to — the event it acts on.
 * Cue patterns (cues.ts) run on normalised text, in English and German (urgency in every language
 * the tokenizer knows).
 *
 * - customer: tier, plan, value, local time — from the customer record and the newest CRM updates.
 * - deadlines: what the customer said they need by when.
 * - questions answered / open unknowns: customer questions paired by content with what the customer
 *   was told (questions.ts) — internal notes never answer; agent questions still waiting for the
 *   customer; notes that say something is unknown.
 * - steps tried (notes, decisions, calls), commitments (concrete promises made to the customer —
 *   "I'll send the summary today", not "I'll look into it"), next steps.
 * - urgency: the issue's priority, raised by the customer's urgency cues; sentiment: the customer's
 *   tone, newest messages weighted most, with its trend.
 * - executive variant: at most a third of the full brief's text.
 */
import type { BriefItem, Customer, HandoffBrief, Issue, Priority, TimelineEvent } from '@baton/schemas';
import { merge } from '../../shared/merge.ts';
import { normalize, words } from '../text/normalize.ts';
import { detectLanguage, tokenize } from '../text/tokenize.ts';
import { customerContext } from './context.ts';
import {
  CONCRETE,
  NEGATIVE,
  NEXT_STEP,
  NOT_A_PROMISE,
  POSITIVE,
  PROMISE,
  STEP_TRIED,
  UNKNOWN,
  URGENT,
} from './cues.ts';
import { findDeadlines } from './deadlines.ts';
import { isFillerSentence, isQuestion, pairQuestions } from './questions.ts';
import { type Sentence, sentencesOf } from './sentences.ts';

const PRIORITY_SCORE: Record<Priority, number> = { low: 0.2, medium: 0.4, high: 0.7, critical: 0.9 };

export interface BriefOptions {
  variant?: 'full' | 'executive';
  now?: Date;
  /** The issue's customer (tier, plan, value, time zone); CRM updates on the timeline add to it. */
  customer?: Customer | null;
}

/** A promise made to the customer that says what or when — not "I'll look into it". */
export function isCommitment(s: Sentence): boolean {
  if (!s.toCustomer || isQuestion(s)) return false;
  if (!PROMISE.test(s.norm) || NOT_A_PROMISE.test(s.norm)) return false;
  return CONCRETE.test(s.norm) || !isFillerSentence(s);
}

export function buildBrief(
  issue: Issue,
  events: readonly TimelineEvent[],
  options: BriefOptions = {},
): HandoffBrief {
  const variant = options.variant ?? 'full';
  const now = options.now ?? new Date();
  const sentences = sentencesOf(events, { customerName: options.customer?.name });
  const item = (s: Sentence): BriefItem => ({
    text: s.text,
    sources: [{ eventId: s.eventId, at: s.at, author: s.speaker }],
  });
  const fromCustomer = (s: Sentence) => s.speaker === 'customer';
  const fromTeam = (s: Sentence) => s.speaker !== 'customer' && s.speaker !== 'system';

  // Questions: the customer's, paired by content with what they were told.
  const questionsAnswered: HandoffBrief['questionsAnswered'] = [];
  const openUnknowns: BriefItem[] = [];
  for (const pairing of pairQuestions(sentences)) {
    if (pairing.answer)
      questionsAnswered.push({ question: item(pairing.question), answer: item(pairing.answer) });
    else openUnknowns.push(item(pairing.question));
  }
  // The team's questions to the customer that no customer message followed.
  const lastCustomerEvent = Math.max(-1, ...sentences.filter(fromCustomer).map((s) => s.eventIndex));
  for (const s of sentences) {
    if (s.toCustomer && isQuestion(s) && s.eventIndex > lastCustomerEvent) openUnknowns.push(item(s));
  }
  for (const s of sentences) {
    if (fromTeam(s) && s.eventType === 'internal_note' && UNKNOWN.test(s.norm) && !isQuestion(s)) {
      openUnknowns.push(item(s));
    }
  }

  // What anyone tried or did: the customer ("we already restarted …"), notes, calls, replies.
  const stepsTried = sentences
    .filter((s) => STEP_TRIED.test(s.norm) && !isQuestion(s) && !isFillerSentence(s))
    .map(item);
  const commitments = sentences.filter(isCommitment).map(item);
  const nextSteps: BriefItem[] = sentences
    .filter(
      (s) =>
        fromTeam(s) &&
        !s.toCustomer &&
        NEXT_STEP.test(s.norm) &&
        (s.eventType === 'internal_note' ||
          s.eventType === 'decision' ||
          s.eventType === 'workspace_comment'),
    )
    .map(item);
  nextSteps.push(...suggestions(sentences, openUnknowns, commitments, events));

  // The deadline in force: the latest the customer stated (deadlines.ts).
  const deadlines = findDeadlines(sentences, events, { timeZone: options.customer?.timeZone });

  const summary = summarize(issue, sentences).map(item);
  const urgency = assessUrgency(issue, sentences, item);
  const sentiment = assessSentiment(sentences.filter(fromCustomer), item);
  // Detected from the words alone: tokenizing would stem every word only for the stems to go unread.
  const language =
    issue.language ?? detectLanguage(words(normalize(sentences.map((s) => s.text).join(' ')))) ?? undefined;

  const stats = {
    events: events.length,
    customerMessages: events.filter((e) => e.type === 'customer_message').length,
    agentReplies: events.filter((e) => e.type === 'agent_reply').length,
    notes: events.filter((e) => e.type === 'internal_note').length,
  };
  const brief: HandoffBrief = {
    issueId: issue.id,
    variant,
    generatedAt: now.toISOString(),
    ...(language ? { language } : {}),
    summary,
    questionsAnswered: dedupePairs(questionsAnswered),
    openUnknowns: dedupe(openUnknowns),
    stepsTried: dedupe(stepsTried),
    commitments: dedupe(commitments),
    nextSteps: dedupe(nextSteps),
    urgency,
    sentiment,
    customer: customerContext(options.customer, events, now),
    deadlines,
    stats,
  };
  if (variant === 'executive') return executive(brief);
  return brief;
}

/** Characters of quoted text in a brief: what "a third of the full brief" is measured in. */
export function briefLength(brief: HandoffBrief): number {
  let n = 0;
  const add = (i: BriefItem | undefined) => {
    n += i?.text.length ?? 0;
  };
  add(brief.headline);
  for (const list of [
    brief.summary,
    brief.openUnknowns,
    brief.stepsTried,
    brief.commitments,
    brief.nextSteps,
    brief.deadlines,
    brief.urgency.signals,
    brief.sentiment.signals,
  ])
    for (const i of list) add(i);
  for (const qa of brief.questionsAnswered) {
    add(qa.question);
    add(qa.answer);
  }
  return n;
}

/**
 * For critical escalations: the problem in one line, the deadline, what is still open and what was
 * promised — and at most a third of the full brief's text (items are dropped, least needed first,
 * until it fits; each kept item is still quoted whole). The customer context always stays.
 */
function executive(full: HandoffBrief): HandoffBrief {
  const budget = Math.floor(briefLength(full) / 3);
  const headline = full.summary[0];
  // merge, not a literal opening with `...full`: V8 takes a slow path for each field after it.
  const brief: HandoffBrief = merge(full, {
    summary: [],
    questionsAnswered: full.questionsAnswered.slice(-1),
    openUnknowns: full.openUnknowns.filter((i) => i.sources[0]?.author === 'customer').slice(-2),
    stepsTried: full.stepsTried.slice(-1),
    commitments: full.commitments.slice(-2),
    nextSteps: [],
    deadlines: full.deadlines.slice(0, 1),
    urgency: merge(full.urgency, { signals: full.urgency.signals.slice(-1) }),
    sentiment: merge(full.sentiment, { signals: [] }),
    // Last, like every spread here: fields after a spread take the slow path too. `headline` is new to
    // the brief, so it lands after the full brief's fields either way.
    ...(headline ? { headline } : {}),
  });
  // Least needed first: sentiment, steps, answered questions, urgency signals, commitments, open
  // questions, then the headline; the deadline goes last.
  const drops: Array<() => boolean> = [
    () => brief.stepsTried.splice(0).length > 0,
    () => brief.questionsAnswered.splice(0).length > 0,
    () => brief.urgency.signals.splice(0).length > 0,
    () => brief.commitments.splice(0, 1).length > 0,
    () => brief.commitments.splice(0).length > 0,
    () => brief.openUnknowns.splice(0, 1).length > 0,
    () => brief.openUnknowns.splice(0).length > 0,
    () => {
      if (!brief.headline) return false;
      delete brief.headline;
      return true;
    },
    () => brief.deadlines.splice(0).length > 0,
  ];
  for (const drop of drops) {
    if (briefLength(brief) <= budget) break;
    drop();
  }
  return brief;
}

function termSet(s: Sentence): Set<string> {
  return new Set(tokenize(s.text).terms);
}

/**
 * The problem and the latest state: the opening message's sentences ranked by how many of the
 * message's own content words they share (a light centrality), then the newest content sentence.
 */
function summarize(issue: Issue, sentences: readonly Sentence[]): Sentence[] {
  if (sentences.length === 0) return [];
  const first = sentences[0] as Sentence;
  const opening = sentences.filter((s) => s.eventId === first.eventId);
  // Each sentence's terms once: they count towards the frequencies and then score the sentence.
  const termSets = opening.map(termSet);
  const freq = new Map<string, number>();
  for (const terms of termSets) for (const t of terms) freq.set(t, (freq.get(t) ?? 0) + 1);
  for (const t of tokenize(issue.subject).terms) freq.set(t, (freq.get(t) ?? 0) + 2);
  const ranked = opening
    .map((s, i) => {
      const terms = [...(termSets[i] as Set<string>)];
      const score = terms.reduce((sum, t) => sum + (freq.get(t) ?? 0), 0) / Math.sqrt(terms.length + 1);
      return { s, score: score + (s.index === 0 ? 0.5 : 0) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 2)
    .map((r) => r.s)
    .sort((a, b) => a.index - b.index);
  const latest = [...sentences]
    .reverse()
    .find((s) => s.eventId !== first.eventId && s.eventType !== 'system_event' && s.text.length > 20);
  return latest ? [...ranked, latest] : ranked;
}

function assessUrgency(
  issue: Issue,
  sentences: readonly Sentence[],
  item: (s: Sentence) => BriefItem,
): HandoffBrief['urgency'] {
  const signals = sentences.filter((s) => s.speaker === 'customer' && URGENT.test(s.norm));
  const base = PRIORITY_SCORE[issue.priority];
  const score = Math.min(1, base + Math.min(0.3, signals.length * 0.1));
  const level: Priority =
    score >= 0.85 ? 'critical' : score >= 0.6 ? 'high' : score >= 0.35 ? 'medium' : 'low';
  const order: Priority[] = ['low', 'medium', 'high', 'critical'];
  const final = order[Math.max(order.indexOf(level), order.indexOf(issue.priority))] as Priority;
  return { level: final, score: round(score), signals: signals.map(item) };
}

function assessSentiment(
  customer: readonly Sentence[],
  item: (s: Sentence) => BriefItem,
): HandoffBrief['sentiment'] {
  const byEvent = new Map<string, { score: number; index: number }>();
  const signals: Sentence[] = [];
  for (const s of customer) {
    const neg = (s.norm.match(new RegExp(NEGATIVE.source, 'gu')) ?? []).length;
    const pos = (s.norm.match(new RegExp(POSITIVE.source, 'gu')) ?? []).length;
    if (neg || pos) signals.push(s);
    const entry = byEvent.get(s.eventId) ?? { score: 0, index: s.eventIndex };
    entry.score += pos - neg;
    byEvent.set(s.eventId, entry);
  }
  const perEvent = [...byEvent.values()].sort((a, b) => a.index - b.index).map((e) => Math.tanh(e.score / 2));
  if (perEvent.length === 0) return { label: 'neutral', score: 0, trend: 'steady', signals: [] };
  // Newer messages weigh more (weights 1, 2, 3, …).
  let sum = 0;
  let weights = 0;
  perEvent.forEach((v, i) => {
    sum += v * (i + 1);
    weights += i + 1;
  });
  const score = sum / weights;
  const firstScore = perEvent[0] as number;
  const lastScore = perEvent[perEvent.length - 1] as number;
  const trend =
    perEvent.length < 2 || Math.abs(lastScore - firstScore) < 0.2
      ? 'steady'
      : lastScore > firstScore
        ? 'improving'
        : 'worsening';
  const label = score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
  return { label, score: round(score), trend, signals: signals.map(item) };
}

/** Next steps that follow from the record: answer what is open, keep what was promised, reply. */
function suggestions(
  sentences: readonly Sentence[],
  open: readonly BriefItem[],
  commitments: readonly BriefItem[],
  events: readonly TimelineEvent[],
): BriefItem[] {
  const out: BriefItem[] = [];
  for (const q of open.filter((o) => o.sources[0]?.author === 'customer').slice(0, 3)) {
    out.push({
      kind: 'suggested',
      text: `Answer the customer's open question: "${q.text}"`,
      sources: q.sources,
    });
  }
  const lastCustomer = [...events].reverse().find((e) => e.type === 'customer_message');
  const lastTeam = [...events].reverse().find((e) => e.type === 'agent_reply');
  if (
    lastCustomer &&
    (!lastTeam || lastTeam.at < lastCustomer.at || events.indexOf(lastTeam) < events.indexOf(lastCustomer))
  ) {
    const s = [...sentences].reverse().find((x) => x.eventId === lastCustomer.id);
    // Already asked of the agent above: the same sentence twice is noise, not a second step.
    if (!s || !out.some((o) => o.text.includes(`"${s.text}"`)))
      out.push({
        kind: 'suggested',
        text: `Reply to the customer's latest message${s ? `: "${s.text}"` : ''}`,
        sources: [{ eventId: lastCustomer.id, at: lastCustomer.at, author: 'customer' }],
      });
  }
  for (const c of commitments.slice(-2)) {
    out.push({
      kind: 'suggested',
      text: `Keep the commitment made to the customer: "${c.text}"`,
      sources: c.sources,
    });
  }
  return out;
}

function dedupe(items: BriefItem[]): BriefItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.sources[0]?.eventId}\u0000${i.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupePairs(items: HandoffBrief['questionsAnswered']): HandoffBrief['questionsAnswered'] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.question.sources[0]?.eventId}\u0000${i.question.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
