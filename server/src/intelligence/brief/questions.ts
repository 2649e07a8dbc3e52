/**
 * The customer's questions and what they were told in answer.
 *
 * A question is answered only by something the customer heard or read (an agent's reply, the
 * agent's side of a call) after it — never by an internal note, which is a step tried. The answer
 * is chosen by content, not by adjacency: among every later sentence told to the customer, the one
 * that shares the question's words and has the shape its kind of question needs (yes/no, a time,
 * an amount, a cause, a person, steps) — filler such as "I will check the logs" or "Next update in
 * 20 minutes" never answers. A question nothing scores high enough for stays open.
 */
import { tokenize } from '../text/tokenize.ts';
import {
  AMOUNT,
  ASKS_AMOUNT,
  ASKS_CAUSE,
  ASKS_PROCEDURE,
  ASKS_TIME,
  ASKS_WHO,
  CAUSE,
  FILLER,
  PERSON,
  PROCEDURE,
  QUESTION_START,
  TIME_EXPRESSION,
  YES_NO_ANSWER,
  YES_NO_QUESTION,
} from './cues.ts';
import type { Sentence } from './sentences.ts';

export interface Pairing {
  question: Sentence;
  answer: Sentence | null;
  score: number;
}

/** Below this an answer is not taken: a question needs both some shared content and a fitting shape. */
const MIN_SCORE = 2;

export function isQuestion(s: Sentence): boolean {
  return s.text.trimEnd().endsWith('?') || QUESTION_START.test(s.norm);
}

/** "Any news?", "OK?": asks nothing a brief could track. */
function contentTerms(s: Sentence): Set<string> {
  return new Set(tokenize(s.text).terms.filter((t) => t.length > 1));
}

export function isFillerSentence(s: Sentence): boolean {
  return FILLER.test(s.norm);
}

/** How well `a` answers `q` (0 when it cannot). */
export function answerScore(q: Sentence, qTerms: Set<string>, a: Sentence): number {
  if (isFillerSentence(a) || isQuestion(a)) return 0;
  const aTerms = contentTerms(a);
  let shared = 0;
  for (const t of aTerms) if (qTerms.has(t)) shared++;
  let shape = 0;
  const qn = q.norm.replace(/^please answer my question: /, '');
  if (ASKS_TIME.test(qn)) shape = TIME_EXPRESSION.test(a.norm) ? 2 : -1;
  else if (ASKS_AMOUNT.test(qn)) shape = AMOUNT.test(a.text) ? 2 : -1;
  else if (ASKS_CAUSE.test(qn)) shape = CAUSE.test(a.norm) ? 2 : -1;
  else if (ASKS_WHO.test(qn)) shape = PERSON.test(a.norm) ? 2 : 0;
  else if (ASKS_PROCEDURE.test(qn)) shape = PROCEDURE.test(a.norm) ? 1.5 : 0;
  else if (YES_NO_QUESTION.test(qn)) shape = YES_NO_ANSWER.test(a.norm) ? 1.5 : 0;
  // A sentence too short to carry an answer of its own ("Yes.") still counts when it fits the shape.
  if (aTerms.size < 2 && shape <= 0) return 0;
  return shared + shape;
}

/** Pairs every customer question with its best answer (or none). */
export function pairQuestions(sentences: readonly Sentence[]): Pairing[] {
  const out: Pairing[] = [];
  for (const q of sentences) {
    if (q.speaker !== 'customer' || !isQuestion(q)) continue;
    const qTerms = contentTerms(q);
    if (qTerms.size < 2) continue;
    let best: Sentence | null = null;
    let bestScore = 0;
    for (const a of sentences) {
      if (!a.toCustomer || a.eventIndex < q.eventIndex) continue;
      if (a.eventIndex === q.eventIndex && a.index <= q.index) continue;
      const score = answerScore(q, qTerms, a);
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    out.push(bestScore >= MIN_SCORE ? { question: q, answer: best, score: bestScore } : { question: q, answer: null, score: bestScore });
  }
  return out;
}
