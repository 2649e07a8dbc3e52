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
  const qn = withoutGreeting(q.norm).replace(/^(please answer my question: |and |und )/, '');
  const yesNoQuestion = YES_NO_QUESTION.test(qn);
  let shape = 0;
  if (ASKS_DURATION.test(qn)) shape = DURATION.test(body) ? 2 : -1;
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
  // "Yes, …" answers a yes/no question, not a "what" or "how".
  if (!yesNoQuestion && /^(yes|no|ja|nein)\b/.test(body)) shape -= 1;
  if (aTerms.size < 2 && shape <= 0) return { score: 0, shapeOnly: true };
  return { score: shared + shape, shapeOnly: shared === 0 };
}

/** Pairs every customer question with its best answer (or none). */
export function pairQuestions(sentences: readonly Sentence[]): Pairing[] {
  const questions: Array<{ q: Sentence; terms: Set<string>; group: number }> = [];
  sentences.forEach((s, i) => {
    if (s.speaker !== 'customer' || !isQuestion(s)) return;
    for (const q of splitCompound(s)) {
      const terms = contentTerms(q.text);
      // A short question leans on the sentence before it in the same message.
      const before = sentences[i - 1];
      if (terms.size < 3 && before && before.eventId === s.eventId && before.speaker === 'customer')
        for (const t of contentTerms(before.text)) terms.add(t);
      if (terms.size >= 2) questions.push({ q, terms, group: i });
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
  const candidates: Array<{ qi: number; a: Sentence; score: number; distance: number }> = [];
  questions.forEach(({ q, terms }, qi) => {
    const after = replies.filter(
      (a) => a.eventIndex > q.eventIndex || (a.eventIndex === q.eventIndex && a.index > q.index),
    );
    const first = after.find((a) => !isFillerSentence(a) && !isQuestion(a));
    for (const a of after) {
      const immediate = first !== undefined && a.eventId === first.eventId && latestQuestion(q, a);
      const { score, shapeOnly } = answerScore(q, terms, a, immediate);
      if (shapeOnly && !immediate) continue;
      const total = score + (immediate ? IMMEDIATE : 0);
      if (total >= MIN_SCORE) {
        const distance = (a.eventIndex - q.eventIndex) * 1000 + (a.index - q.index);
        candidates.push({ qi, a, score: total, distance });
      }
    }
  });
  // Best pairs first; a sentence answers one question, a question takes one answer.
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance);
  // The halves of one compound question may share a sentence that answers both.
  const answered = new Map<number, { a: Sentence; score: number }>();
  const usedBy = new Map<Sentence, number>();
  for (const c of candidates) {
    const group = questions[c.qi]?.group ?? c.qi;
    const owner = usedBy.get(c.a);
    if (answered.has(c.qi) || (owner !== undefined && owner !== group)) continue;
    answered.set(c.qi, { a: c.a, score: c.score });
    usedBy.set(c.a, group);
  }
  return questions.map(({ q }, qi) => {
    const hit = answered.get(qi);
    return hit ? { question: q, answer: hit.a, score: hit.score } : { question: q, answer: null, score: 0 };
  });
}
