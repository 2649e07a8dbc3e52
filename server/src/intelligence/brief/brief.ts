/**
 * The handoff brief, extracted from an issue's timeline (English and German cue patterns; the text
 * is normalised first, so "prüfen" and "prufen" match alike). Extractive on purpose: every item is a
 * sentence of a real event, quoted verbatim with the event's id, so the next owner can check it in a
 * click and nothing is invented. The only composed items are suggested next steps (`kind:
 * suggested`), and each of those is built around — and linked to — the event it acts on.
 *
 * - summary: the problem (subject and the opening message's most central sentences) and the latest
 *   state (the newest agent or customer sentence that carries content).
 * - questions answered / open unknowns: customer questions, answered when an agent replied after
 *   them (the reply sentence sharing most words with the question is the answer); agent questions
 *   still waiting for the customer; notes that say something is unknown.
 * - steps tried, commitments (agents' promises), next steps (notes and replies that plan work).
 * - urgency: the issue's priority, raised by urgency cues; sentiment: the customer's tone, newest
 *   messages weighted most, with its trend.
 */
import type { BriefItem, HandoffBrief, Issue, Priority, TimelineEvent } from '@baton/schemas';
import { detectLanguage, tokenize } from '../text/tokenize.ts';
import { type Sentence, sentencesOf } from './sentences.ts';

const cue = (...patterns: string[]) => new RegExp(patterns.join('|'), 'u');

const QUESTION_START = cue(
  '^(can|could|would|will|is|are|do|does|did|how|what|when|where|why|which|who|should|may)\\b[^.!]*$',
  '^(konnen|konnten|wurden|ist|sind|gibt|wie|was|wann|wo|warum|wieso|welche[rsmn]?|wer|sollte[n]?|durfen|haben sie)\\b[^.!]*$',
);
const STEP_TRIED = cue(
  '\\b(tried|attempted|restarted|rebooted|reinstalled|re-installed|reset|cleared|updated|upgraded|checked|verified|applied|disabled|enabled|rolled back|workaround|temporary (fix|solution))\\b',
  "\\b(we|i) ?(have|had|'ve) (already )?(\\w+ed|done|run|made|taken)\\b",
  '\\b(versucht|probiert|neu ?gestartet|neugestartet|neu installiert|zuruckgesetzt|geloscht|aktualisiert|uberpruft|gepruft|kontrolliert|angewandt|angewendet|deaktiviert|aktiviert|umgehungslosung|vorubergehende losung|ubergangslosung)\\b',
  '\\b(bereits|schon) [^.!?]{0,60}\\b(ge\\w+t|ge\\w+en)\\b',
);
const COMMITMENT = cue(
  "\\b(i|we) ?('ll| will| shall| am going to| are going to)\\b",
  '\\b(will (get back|follow up|send|contact|call|update|keep you|let you know|investigate|escalate|look into|provide|check|review))\\b',
  '\\b(by (tomorrow|monday|tuesday|wednesday|thursday|friday|end of (the )?(day|week))|within \\d+ ?(hours?|days?|business days?))\\b',
  '\\b(ich werde|wir werden|werde ich|werden wir|melde mich|melden uns|melden wir uns|melde ich mich|erhalten sie|senden (ihnen|wir)|bis morgen|innerhalb (von )?\\d+ ?(stunden|tagen|werktagen))\\b',
);
const NEXT_STEP = cue(
  '\\b(next steps?|next:|to ?do|need to|needs to|have to|has to|should|plan to|going to|escalate to|follow[- ]up|action item|please (send|provide|share|confirm|check|try))\\b',
  '\\b(nachste[rn]? schritte?|als nachstes|mussen|muss|sollten|sollte|planen|eskalieren|bitte (senden|schicken|teilen|bestatigen|prufen|versuchen|geben))\\b',
);
const UNKNOWN = cue(
  "\\b(unknown|unclear|not sure|no idea|need to find out|still investigating|root cause|cannot reproduce|can't reproduce|waiting for|pending)\\b",
  '\\b(unbekannt|unklar|nicht sicher|noch offen|ursache|nicht reproduzier\\w*|warten auf|ausstehend)\\b',
);
const URGENT = cue(
  "\\b(urgent(ly)?|asap|as soon as possible|immediately|critical|emergency|outage|down|blocked|blocking|cannot work|can't work|production|deadline|severe|data loss|security (breach|incident)|breach)\\b",
  '\\b(dringend\\w*|sofort\\w*|umgehend\\w*|kritisch\\w*|notfall|ausfall|ausgefallen|blockiert|produktion\\w*|frist|schnellstmoglich|eilig|schwerwiegend\\w*|datenverlust|sicherheitslucke|sicherheitsverletzung)\\b',
);
const NEGATIVE = cue(
  '\\b(frustrat\\w*|angry|annoy\\w*|disappoint\\w*|unacceptable|terrible|awful|worst|upset|complain\\w*|cancel\\w*|still not|again|unhappy|ridiculous|useless|losing)\\b',
  '\\b(verargert|entt?ausch\\w*|frustriert\\w*|inakzeptabel|unzufrieden|argerlich|leider|schon wieder|immer noch|beschwerde|kundigen|katastroph\\w*|unmoglich|verlieren)\\b',
);
const POSITIVE = cue(
  '\\b(thanks a lot|thank you so much|great|appreciate\\w*|perfect|works now|working now|resolved|happy|excellent|awesome|fantastic|helpful|glad)\\b',
  '\\b(super|perfekt|funktioniert (jetzt|wieder)|zufrieden|hervorragend|toll|prima|klasse|geholfen|gelost|freue)\\b',
);

const PRIORITY_SCORE: Record<Priority, number> = { low: 0.2, medium: 0.4, high: 0.7, critical: 0.9 };

export interface BriefOptions {
  variant?: 'full' | 'executive';
  now?: Date;
}

export function buildBrief(
  issue: Issue,
  events: readonly TimelineEvent[],
  options: BriefOptions = {},
): HandoffBrief {
  const variant = options.variant ?? 'full';
  const sentences = sentencesOf(events);
  const item = (s: Sentence): BriefItem => ({
    text: s.text,
    sources: [{ eventId: s.eventId, at: s.at, author: s.speaker }],
  });
  const fromCustomer = (s: Sentence) => s.speaker === 'customer';
  const fromTeam = (s: Sentence) => s.speaker !== 'customer' && s.speaker !== 'system';
  const isQuestion = (s: Sentence) => s.text.trimEnd().endsWith('?') || QUESTION_START.test(s.norm);

  // Questions and their answers.
  const questionsAnswered: HandoffBrief['questionsAnswered'] = [];
  const openUnknowns: BriefItem[] = [];
  for (const q of sentences.filter((s) => isQuestion(s))) {
    const laterReplies = sentences.filter(
      (s) => s.eventIndex > q.eventIndex && (fromCustomer(q) ? s.speaker === 'agent' : fromCustomer(s)),
    );
    if (laterReplies.length === 0) {
      if (fromCustomer(q) || q.speaker === 'agent') openUnknowns.push(item(q));
      continue;
    }
    if (!fromCustomer(q)) continue; // an agent's question the customer answered is history, not a gap
    const firstReplyEvent = (laterReplies[0] as Sentence).eventIndex;
    const candidates = laterReplies.filter((s) => s.eventIndex === firstReplyEvent && !isQuestion(s));
    const answer = bestOverlap(q, candidates) ?? candidates[0];
    if (answer) questionsAnswered.push({ question: item(q), answer: item(answer) });
  }
  for (const s of sentences) {
    if (fromTeam(s) && s.eventType === 'internal_note' && UNKNOWN.test(s.norm) && !isQuestion(s)) {
      openUnknowns.push(item(s));
    }
  }

  const stepsTried = sentences.filter((s) => STEP_TRIED.test(s.norm) && !isQuestion(s)).map(item);
  const commitments = sentences
    .filter((s) => s.speaker === 'agent' || s.speaker === 'user')
    .filter((s) => s.eventType !== 'internal_note' && COMMITMENT.test(s.norm) && !isQuestion(s))
    .map(item);
  const nextSteps: BriefItem[] = sentences
    .filter(
      (s) =>
        fromTeam(s) &&
        NEXT_STEP.test(s.norm) &&
        (s.eventType === 'internal_note' ||
          s.eventType === 'decision' ||
          s.eventType === 'workspace_comment' ||
          !COMMITMENT.test(s.norm)),
    )
    .map(item);
  nextSteps.push(...suggestions(sentences, openUnknowns, commitments, events));

  const summary = summarize(issue, sentences).map(item);
  const urgency = assessUrgency(issue, sentences, item);
  const sentiment = assessSentiment(sentences.filter(fromCustomer), item);
  const language =
    issue.language ?? detectLanguage(tokenize(sentences.map((s) => s.text).join(' ')).words) ?? undefined;

  const stats = {
    events: events.length,
    customerMessages: events.filter((e) => e.type === 'customer_message').length,
    agentReplies: events.filter((e) => e.type === 'agent_reply').length,
    notes: events.filter((e) => e.type === 'internal_note').length,
  };
  const brief: HandoffBrief = {
    issueId: issue.id,
    variant,
    generatedAt: (options.now ?? new Date()).toISOString(),
    ...(language ? { language } : {}),
    summary,
    questionsAnswered: dedupePairs(questionsAnswered),
    openUnknowns: dedupe(openUnknowns),
    stepsTried: dedupe(stepsTried),
    commitments: dedupe(commitments),
    nextSteps: dedupe(nextSteps),
    urgency,
    sentiment,
    stats,
  };
  if (variant === 'executive') return executive(brief);
  return brief;
}

/** For critical escalations: the problem in one line, then only the newest few items of each kind. */
function executive(brief: HandoffBrief): HandoffBrief {
  const newest = <T>(items: T[], n: number) => items.slice(-n);
  const headline = brief.summary[0];
  return {
    ...brief,
    ...(headline ? { headline } : {}),
    summary: brief.summary
      .slice(0, 2)
      .concat(brief.summary.length > 2 ? newest(brief.summary.slice(2), 1) : []),
    questionsAnswered: newest(brief.questionsAnswered, 2),
    openUnknowns: newest(brief.openUnknowns, 3),
    stepsTried: newest(brief.stepsTried, 3),
    commitments: newest(brief.commitments, 3),
    nextSteps: brief.nextSteps.slice(0, 3),
    urgency: { ...brief.urgency, signals: brief.urgency.signals.slice(0, 3) },
    sentiment: { ...brief.sentiment, signals: newest(brief.sentiment.signals, 2) },
  };
}

function termSet(s: Sentence): Set<string> {
  return new Set(tokenize(s.text).terms);
}

function bestOverlap(q: Sentence, candidates: readonly Sentence[]): Sentence | undefined {
  const qt = termSet(q);
  let best: Sentence | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    let shared = 0;
    for (const t of termSet(c)) if (qt.has(t)) shared++;
    if (shared > bestScore) {
      best = c;
      bestScore = shared;
    }
  }
  return best;
}

/**
 * The problem and the latest state: the opening message's sentences ranked by how many of the
 * message's own content words they share (a light centrality), then the newest content sentence.
 */
function summarize(issue: Issue, sentences: readonly Sentence[]): Sentence[] {
  if (sentences.length === 0) return [];
  const first = sentences[0] as Sentence;
  const opening = sentences.filter((s) => s.eventId === first.eventId);
  const freq = new Map<string, number>();
  for (const s of opening) for (const t of termSet(s)) freq.set(t, (freq.get(t) ?? 0) + 1);
  for (const t of tokenize(issue.subject).terms) freq.set(t, (freq.get(t) ?? 0) + 2);
  const ranked = opening
    .map((s) => {
      const terms = [...termSet(s)];
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
