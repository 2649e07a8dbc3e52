/**
 * The customer's questions and what they were told in answer.
 *
 * A question is answered only by something the customer heard or read (an agent's reply, the
 * agent's side of a call) after it — never by an internal note, which is a step tried. The answer
 * is chosen by content, not by adjacency: every later sentence told to the customer is scored by the
 * words it shares with the question (and, for a short question, with the sentence before it: "Is
 * this from you?" is about the email just described) and by whether it has the shape the question
 * asks for — yes or no, a time, a duration, an amount, a cause, a person, steps or a value. Filler
 * ("I will check the logs", "Next update in 20 minutes") never answers. A reply that only has the
 * right shape ("Yes, …") but shares nothing with the question counts only as the first substantive
 * reply after it. Each sentence answers one question: where two compete, the closer question wins.
 * A question nothing scores high enough for stays open.
 */
import { tokenize } from '../text/tokenize.ts';
import {
  ACTION_DONE,
  AMOUNT,
  ASKS_AMOUNT,
  ASKS_CAUSE,
  ASKS_DURATION,
  ASKS_PROCEDURE,
  ASKS_TIME,
  ASKS_VALUE,
  ASKS_WHO,
  CAUSE,
  DURATION,
  FILLER,
  PERSON,
  PROCEDURE,
  PROMISE,
  QUESTION_START,
  REQUEST_QUESTION,
  TIME_EXPRESSION,
  YES_NO_ANSWER,
  YES_NO_QUESTION,
} from './cues.ts';
import { type Sentence, withoutGreeting } from './sentences.ts';

export interface Pairing {
  question: Sentence;
  answer: Sentence | null;
  score: number;
}

/** An answer needs this much: some shared content and a fitting shape, or a strong shape right after. */
const MIN_SCORE = 2;
/** The first substantive reply after a question is a little more likely its answer. */
const IMMEDIATE = 0.5;

export function isQuestion(s: Sentence): boolean {
  return s.text.trimEnd().endsWith('?') || QUESTION_START.test(withoutGreeting(s.norm));
}

export function isFillerSentence(s: Sentence): boolean {
  return FILLER.test(s.norm) || FILLER.test(withoutGreeting(s.norm));
}

/**
 * The question without what leads into it — a greeting, "also", "thanks.", "while you check:" — so
 * its shape ("is there …", "how do I …") is read from the words that ask.
 */
export function questionBody(norm: string): string {
  let body = withoutGreeting(norm).replace(/^please answer my question: /, '');
  // "While you check: is there …", "And the PO question — will it …": the question is after the cut.
  const cut = /(: | [—–-] )/u.exec(body);
  if (cut && cut.index > 0 && cut.index < 40) {
    const rest = body.slice(cut.index + cut[0].length);
    if (QUESTION_START.test(rest)) body = rest;
  }
  return body.replace(LEAD_IN, '');
}
const LEAD_IN =
  /^((and|but|also|so|ok|okay|thanks|thank you|great|good|sure|und|aber|also|gut|danke|super|noch eine frage)\b[,.!:]?\s+)+/u;

/** "Any update on …?", "Gibt es Neuigkeiten zu …?": asking again, not asking something new. */
const CHASER =
  /^(any (news|update|progress)|is there (any )?(news|update)|gibt es (schon )?(neuigkeiten|neues)|schon (neuigkeiten|was neues))\b/u;

/** A later question asking what an earlier one asked: most of the shorter one's words are shared. */
function asksAgain(later: { q: Sentence; own: Set<string> }, earlier: { q: Sentence; own: Set<string> }) {
  if (later.q.eventId === earlier.q.eventId) return false;
  let shared = 0;
  for (const t of later.own) if (earlier.own.has(t)) shared++;
  if (CHASER.test(questionBody(later.q.norm))) return shared >= 1;
  // "Who created that key?" and "Can you list the keys they created?" share words, not the question.
  if (questionKind(later.q.norm) !== questionKind(earlier.q.norm)) return false;
  if (shared >= 2) return shared / Math.min(later.own.size, earlier.own.size) >= 0.5;
  // A short follow-up ("So, will it happen again?", "Aber sind die Anhänge dabei?") leans on the
  // earlier question for its meaning: half its words are the earlier question's.
  return shared === 1 && later.own.size <= 2;
}

const WH: Array<[kind: string, re: RegExp]> = [
  ['why', /\b(why|how come|warum|wieso|weshalb)\b/u],
  ['who', /\b(who|whom|wer|wem)\b/u],
  ['when', /\b(when|wann)\b/u],
  ['where', /\b(where|wo)\b/u],
  ['how', /\b(how|wie)\b/u],
  ['what', /\b(what|which|was|welche[rsmn]?)\b/u],
];

/** What a question asks for: yes or no (or that something be done), or a why, who, when, … */
function questionKind(norm: string): string {
  const body = questionBody(norm);
  if (YES_NO_QUESTION.test(body) || REQUEST_QUESTION.test(body)) return 'closed';
  let best = 'other';
  let at = Number.POSITIVE_INFINITY;
  for (const [kind, re] of WH) {
    const i = re.exec(body)?.index;
    if (i !== undefined && i < at) {
      at = i;
      best = kind;
    }
  }
  return best;
}

function contentTerms(text: string): Set<string> {
  return new Set(tokenize(text).terms.filter((t) => t.length > 1));
}

/** "What would it cost, and can it happen without downtime?": two questions, each a verbatim slice. */
const COMPOUND =
  /,? (and|und) (?=(can|could|will|would|is|are|do|does|did|how|what|when|where|why|which|who|should|kann|konnen|wird|werden|ist|sind|gibt|wie|was|wann|wo|warum|welche)\b)/u;

function splitCompound(q: Sentence): Sentence[] {
  const m = COMPOUND.exec(q.norm);
  // Normalising keeps lengths for Latin text, so the cut in `norm` is the cut in `text`.
  if (!m || q.norm.length !== q.text.length) return [q];
  const cut = m.index;
  const second = cut + m[0].length;
  // Both halves must be questions of their own ("Who created it and when?" is one).
  const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
  if (words(q.norm.slice(0, cut)) < 3 || words(q.norm.slice(second)) < 4) return [q];
  const text1 = q.text.slice(0, cut);
  const text2 = q.text.slice(second);
  return [
    { ...q, text: text1, norm: q.norm.slice(0, cut) },
    { ...q, text: text2, norm: q.norm.slice(second), index: q.index + 0.5 },
  ];
}

/**
 * How well `a` answers `q` (0 when it cannot), and whether only its shape speaks for it. A reply
 * that opens with "yes" or "no" answers the question just asked: it only counts when `immediate`.
 */
function answerScore(
  q: Sentence,
  qTerms: Set<string>,
  a: Sentence,
  immediate: boolean,
): { score: number; shapeOnly: boolean } {
  if (isFillerSentence(a) || isQuestion(a)) return { score: 0, shapeOnly: true };
  const body = withoutGreeting(a.norm);
  const aTerms = contentTerms(a.text);
  let shared = 0;
  for (const t of aTerms) if (qTerms.has(t)) shared++;
  const qn = questionBody(q.norm);
  const yesNoQuestion = YES_NO_QUESTION.test(qn);
  let shape = 0;
  // The question word that comes first decides: "Why wasn't it disabled when we removed him?" asks why.
  const at = (re: RegExp) => re.exec(qn)?.index ?? Number.POSITIVE_INFINITY;
  if (at(ASKS_CAUSE) < Math.min(at(ASKS_TIME), at(ASKS_DURATION), at(ASKS_AMOUNT)))
    shape = CAUSE.test(body) ? 2 : -1;
  else if (ASKS_DURATION.test(qn)) shape = DURATION.test(body) ? 2 : -1;
  else if (ASKS_TIME.test(qn)) shape = TIME_EXPRESSION.test(body) ? 2 : -1;
  else if (ASKS_AMOUNT.test(qn)) shape = AMOUNT.test(body) ? 2 : -1;
  else if (ASKS_CAUSE.test(qn)) shape = CAUSE.test(body) ? 2 : -1;
  else if (ASKS_WHO.test(qn)) shape = PERSON.test(body) ? 2 : 0;
  else if (ASKS_PROCEDURE.test(qn)) shape = PROCEDURE.test(body) ? 1.5 : 0;
  else if (ASKS_VALUE.test(qn)) shape = /\d/.test(body) ? 1.5 : 0;
  else if (yesNoQuestion) {
    const opensWithYesNo = /^(yes|no|yep|nope|sure|ja|nein)\b/.test(body);
    shape = YES_NO_ANSWER.test(body) && (immediate || !opensWithYesNo) ? 2 : 0;
    // A request is answered by doing it or promising it.
    if (
      REQUEST_QUESTION.test(qn) &&
      (PROMISE.test(body) || ACTION_DONE.test(body) || /^(please|bitte) /.test(body))
    )
      shape = Math.max(shape, 2);
  }
  // "Our side or yours?": naming one of the alternatives answers it.
  const alternative = / or (?:\w+ ){0,3}\w+\?*$| oder (?:\w+ ){0,3}\w+\?*$/u.test(qn);
  if (yesNoQuestion && alternative && shared > 0 && shape <= 0) shape = 1.5;
  // "Yes, …" answers a yes/no question, not a "what" or "how".
  if (!yesNoQuestion && /^(yes|no|ja|nein)\b/.test(body)) shape -= 1;
  // A promise tells the customer what will happen, not what they asked ("Which data was read?" is
  // not answered by "I'll email you the access log") — unless it has the shape asked for.
  if (!yesNoQuestion && shape <= 0 && PROMISE.test(body)) return { score: -1, shapeOnly: true };
  if (aTerms.size < 2 && shape <= 0) return { score: 0, shapeOnly: true };
  return { score: shared + shape, shapeOnly: shared === 0 };
}

/** The agent's next turn on a call, right after the question: a live answer, if it is one. */
const LIVE = 1.5;

/**
 * Pairs every customer question with its best answer (or none). A question asked again later
 * ("But is there a size limit or not?", "Any update on the permissions question?") is one question:
 * it is listed once, as first asked, and what was told after either asking can answer it.
 */
export function pairQuestions(sentences: readonly Sentence[]): Pairing[] {
  const questions: Array<{
    q: Sentence;
    terms: Set<string>;
    own: Set<string>;
    group: number;
    thread: number;
  }> = [];
  sentences.forEach((s, i) => {
    if (s.speaker !== 'customer' || !isQuestion(s)) return;
    for (const q of splitCompound(s)) {
      const own = contentTerms(q.text);
      const terms = new Set(own);
      // A short question leans on the sentence before it in the same message.
      const before = sentences[i - 1];
      if (terms.size < 3 && before && before.eventId === s.eventId && before.speaker === 'customer')
        for (const t of contentTerms(before.text)) terms.add(t);
      if (terms.size < 2) continue;
      const entry = { q, terms, own, group: i, thread: questions.length };
      const earlier = questions.find((e) => e.thread === questions.indexOf(e) && asksAgain(entry, e));
      if (earlier) entry.thread = earlier.thread;
      questions.push(entry);
    }
  });
  const replies = sentences.filter((s) => s.toCustomer);
  const position = new Map(sentences.map((s, i) => [s, i]));
  const customerQuestionAt = sentences.map((s) => s.speaker === 'customer' && isQuestion(s));
  /** No newer customer question between the question and the reply (a "yes" answers the latest). */
  const latestQuestion = (q: Sentence, a: Sentence) => {
    const from =
      (position.get(sentences.find((s) => s.eventId === q.eventId && s.index === Math.floor(q.index)) ?? q) ??
        0) + 1;
    const to = position.get(a) ?? 0;
    // Questions asked together in one message are answered together; a later message's question
    // is the one a bare "yes" answers.
    for (let i = from; i < to; i++)
      if (customerQuestionAt[i] && sentences[i]?.eventId !== q.eventId) return false;
    return true;
  };
  /** On a call, the agent's next turn after the question (past any holding line) is the reply. */
  const nextOnCall = (q: Sentence, a: Sentence) => {
    if (a.eventType !== 'call_transcript' || a.eventId !== q.eventId) return false;
    const i = position.get(
      sentences.find((s) => s.eventId === q.eventId && s.index === Math.floor(q.index)) ?? q,
    );
    if (i === undefined) return false;
    // Holding lines ("give me a moment …") may come between the question and the reply.
    for (let j = i + 1; j < sentences.length; j++) {
      const s = sentences[j] as Sentence;
      if (s === a) return true;
      if (s.eventId !== q.eventId || s.speaker === 'customer' || !isFillerSentence(s)) return false;
    }
    return false;
  };
  const candidates: Array<{ qi: number; a: Sentence; score: number; distance: number }> = [];
  questions.forEach(({ q, terms }, qi) => {
    const after = replies.filter(
      (a) => a.eventIndex > q.eventIndex || (a.eventIndex === q.eventIndex && a.index > q.index),
    );
    const first = after.find((a) => !isFillerSentence(a) && !isQuestion(a));
    for (const a of after) {
      const immediate = first !== undefined && a.eventId === first.eventId && latestQuestion(q, a);
      const live = immediate && a === first && nextOnCall(q, a);
      const { score, shapeOnly } = answerScore(q, terms, a, immediate);
      if (shapeOnly && !immediate) continue;
      if (score < 0) continue;
      const total = score + (immediate ? IMMEDIATE : 0) + (live ? LIVE : 0);
      if (total >= MIN_SCORE) {
        const distance = (a.eventIndex - q.eventIndex) * 1000 + (a.index - q.index);
        candidates.push({ qi, a, score: total, distance });
      }
    }
  });
  // Best pairs first; a sentence answers one question, a question takes one answer.
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance);
  // The halves of one compound question may share a sentence that answers both; the askings of
  // one question (its thread) take one answer between them.
  const answered = new Map<number, { a: Sentence; score: number }>();
  const usedBy = new Map<Sentence, number>();
  for (const c of candidates) {
    const entry = questions[c.qi];
    const group = entry?.group ?? c.qi;
    const thread = entry?.thread ?? c.qi;
    const owner = usedBy.get(c.a);
    if (answered.has(thread) || (owner !== undefined && owner !== group)) continue;
    answered.set(thread, { a: c.a, score: c.score });
    usedBy.set(c.a, group);
  }
  const out: Pairing[] = [];
  questions.forEach(({ q, thread }, qi) => {
    if (thread !== qi) return;
    const hit = answered.get(thread);
    out.push(
      hit ? { question: q, answer: hit.a, score: hit.score } : { question: q, answer: null, score: 0 },
    );
  });
  return out;
}
