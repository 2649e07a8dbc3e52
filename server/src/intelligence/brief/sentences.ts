/**
 * Sentences of timeline events, kept verbatim (every brief item must be found in its event as
 * written), with who said them. Greetings, sign-offs and anonymisation placeholders are dropped:
 * they are in nearly every message and never what a reader needs.
 */
import type { TimelineEvent } from '@baton/schemas';
import { normalize } from '../text/normalize.ts';

export type Speaker = 'customer' | 'agent' | 'user' | 'integration' | 'system';

export interface Sentence {
  text: string;
  /** Lower case, diacritics folded: what cue patterns match against. */
  norm: string;
  eventId: string;
  at: string;
  speaker: Speaker;
  eventType: TimelineEvent['type'];
  /** Position of the event in the timeline. */
  eventIndex: number;
  /** Position within its event. */
  index: number;
}

const BOUNDARY = /(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"„“'(¿¡])/gu;

const FILLER = new RegExp(
  [
    '^(dear|hello|hi|hey|greetings|good (morning|afternoon|evening))\\b',
    '^(best|kind|warm)? ?regards\\b',
    '^(sincerely|cheers|thanks( again)?|thank you( (very|so) much)?( for[^.!?]{0,60})?)[,.! ]*$',
    '^(sehr geehrte|liebe[rs]?|hallo|guten (tag|morgen|abend))\\b',
    '^(mit )?(freundlichen|besten|herzlichen|vielen) (grussen|gruss|dank)\\b',
    '^(danke|vielen dank)( (im voraus|fur[^.!?]{0,60}))?[,.! ]*$',
    '^(estimado|hola|saludos|atentamente|bonjour|cordialement|ola|atenciosamente|obrigad)',
    '^<[^>]+>[,. ]*$',
  ].join('|'),
  'u',
);

/** A part that ends like this did not end a sentence: an ordinal or date ("im 2. Stock") or an abbreviation. */
const NOT_AN_END =
  /((?:^|\s)\d{1,2}\.|\b(z\.b|e\.g|i\.e|bzw|ca|dr|mr|mrs|ms|nr|no|vs|etc|usw|inkl|evtl|ggf|sog|u\.a|d\.h)\.)$/iu;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const keep = (part: string) => {
    const s = part.trim();
    if (s.length >= 3 && /[\p{L}\p{N}]/u.test(s)) out.push(s);
  };
  for (const line of text.split(/\n+/)) {
    // Cut at boundaries, slicing the line itself so every sentence stays verbatim.
    let start = 0;
    for (const match of line.matchAll(BOUNDARY)) {
      const end = match.index as number;
      if (NOT_AN_END.test(line.slice(start, end))) continue;
      keep(line.slice(start, end));
      start = end + match[0].length;
    }
    keep(line.slice(start));
  }
  return out;
}

export function isFiller(norm: string): boolean {
  return FILLER.test(norm) || norm.replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N}]/gu, '').length < 3;
}

function speakerOf(event: TimelineEvent): Speaker {
  return event.author.kind;
}

/** Every content sentence of the events, in timeline order. */
export function sentencesOf(events: readonly TimelineEvent[]): Sentence[] {
  const out: Sentence[] = [];
  events.forEach((event, eventIndex) => {
    const pieces: Array<{ text: string; speaker: Speaker }> = [];
    switch (event.type) {
      case 'customer_message':
      case 'agent_reply':
      case 'internal_note':
      case 'workspace_comment':
      case 'decision':
        pieces.push({ text: event.text, speaker: speakerOf(event) });
        break;
      case 'call_transcript':
        for (const segment of event.segments) {
          const agentSide = /agent|support|rep|advisor|berater|mitarbeiter/i.test(segment.speaker);
          pieces.push({ text: segment.text, speaker: agentSide ? 'agent' : 'customer' });
        }
        break;
      default:
        return;
    }
    let index = 0;
    for (const piece of pieces) {
      for (const text of splitSentences(piece.text)) {
        const norm = normalize(text);
        if (isFiller(norm)) continue;
        out.push({
          text,
          norm,
          eventId: event.id,
          at: event.at,
          speaker: piece.speaker,
          eventType: event.type,
          eventIndex,
          index: index++,
        });
      }
    }
  });
  return out;
}
