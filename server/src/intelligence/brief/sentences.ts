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
  /**
   * The customer heard or read it: an agent's reply or what the agent said on a call. Internal
   * notes, decisions and comments never are — they are steps tried, never answers.
   */
  toCustomer: boolean;
}

export interface SentenceOptions {
  /** The customer's name: call segments by that speaker (or their first name) are the customer's. */
  customerName?: string | undefined;
}

const BOUNDARY = /(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"„“'(¿¡])/gu;

/** A greeting in front of the content: "Hi Carmen, no, your account …" keeps what follows the comma. */
const GREETING =
  /^(dear|hello|hi|hey|greetings|good (morning|afternoon|evening)|sehr geehrte[rs]?|liebe[rs]?|hallo|guten (tag|morgen|abend)|estimado|hola|bonjour|ola)\b[^,!.:]{0,40}[,!.:]?\s*/u;

const FILLER = new RegExp(
  [
    '^(best|kind|warm)? ?regards\\b',
    '^(sincerely|cheers|thanks( again)?|thank you( (very|so) much)?( for[^.!?]{0,60})?)[,.! ]*$',
    '^(mit )?(freundlichen|besten|herzlichen|vielen) (grussen|gruss|dank)\\b',
    '^(danke|vielen dank)( (im voraus|fur[^.!?]{0,60}))?[,.! ]*$',
    // A sign-off with the writer's name ("Thanks, Oliver", "Cheers, Dana Whitfield", "Danke, Jonas").
    // Words that make it a reply instead ("thanks, that works", "danke, klappt") are not names.
    "^(thanks|thank you|many thanks|cheers|best|danke|gruss)[,!]? (?!(for|fur|that|this|it|its|all|so|very|a|again|works?|worked|perfect|great|fixed|solved|sorted|done|ok|okay|yes|no|much|everyone|team|both|klappt|passt|super|alles|das|es|ja|nein)\\b)[\\p{L}'-]+( [\\p{L}'-]+)?[.! ]*$",
    '^(saludos|atentamente|cordialement|atenciosamente|obrigad)',
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

/** The sentence without a greeting in front ("hi carmen, no, your account …" → "no, your account …"). */
export function withoutGreeting(norm: string): string {
  return norm.replace(GREETING, '');
}

export function isFiller(norm: string): boolean {
  const rest = norm.replace(GREETING, '');
  return FILLER.test(rest) || rest.replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N}]/gu, '').length < 3;
}

function speakerOf(event: TimelineEvent): Speaker {
  return event.author.kind;
}

/**
 * Who spoke a call segment: the customer when the speaker is the customer (by name or first name),
 * the agent when it is the agent who logged the call or reads like a role ("Agent", "Support");
 * without a customer name, anyone but the logging agent is taken for the customer.
 */
function callSide(speaker: string, event: TimelineEvent, customerName: string | undefined): Speaker {
  const name = normalize(speaker).trim();
  const first = (n: string) => n.split(/\s+/)[0] ?? n;
  if (customerName) {
    const customer = normalize(customerName).trim();
    if (name === customer || name === first(customer) || first(name) === first(customer)) return 'customer';
  }
  const author = event.author.name ? normalize(event.author.name).trim() : '';
  if (author && (name === author || first(name) === first(author))) return 'agent';
  if (/\b(agent|support|rep|advisor|berater|mitarbeiter\w*|engineer|techniker)\b/.test(name)) return 'agent';
  if (/\b(customer|client|caller|kunde|kundin|anrufer\w*)\b/.test(name)) return 'customer';
  return customerName ? 'agent' : 'customer';
}

/** "Agent: …" at the start of a line: a speaker label of at most four words. */
const SPEAKER_LINE = /^\s*([\p{L}][\p{L}.'’-]*(?: [\p{L}][\p{L}.'’-]*){0,3})\s*:\s+(\S.*)$/u;

/**
 * The turns of a transcript written as labelled lines, or null when the text is not one (at least
 * two labelled lines, and every non-empty line labelled or continuing the turn before). Each turn's
 * text is a slice of the line, so quotes stay verbatim.
 */
export function speakerLines(text: string): Array<{ speaker: string; text: string }> | null {
  const lines = text.split(/\n+/).filter((l) => l.trim());
  const turns: Array<{ speaker: string; text: string }> = [];
  let labelled = 0;
  for (const line of lines) {
    const m = SPEAKER_LINE.exec(line);
    if (m) {
      labelled++;
      turns.push({ speaker: m[1] as string, text: m[2] as string });
    } else if (turns.length)
      turns.push({ speaker: (turns[turns.length - 1] as { speaker: string }).speaker, text: line.trim() });
    else return null;
  }
  return labelled >= 2 ? turns : null;
}

/** Every content sentence of the events, in timeline order. */
export function sentencesOf(events: readonly TimelineEvent[], options: SentenceOptions = {}): Sentence[] {
  const out: Sentence[] = [];
  events.forEach((event, eventIndex) => {
    const pieces: Array<{ text: string; speaker: Speaker; toCustomer: boolean }> = [];
    switch (event.type) {
      case 'customer_message':
        pieces.push({ text: event.text, speaker: speakerOf(event), toCustomer: false });
        break;
      case 'agent_reply':
        pieces.push({ text: event.text, speaker: speakerOf(event), toCustomer: true });
        break;
      case 'internal_note':
      case 'workspace_comment':
      case 'decision':
        pieces.push({ text: event.text, speaker: speakerOf(event), toCustomer: false });
        break;
      case 'call_transcript':
        for (const segment of event.segments) {
          // A whole call pasted as one segment ("Agent: …\nCustomer: …"): each line has its speaker.
          for (const turn of speakerLines(segment.text) ?? [
            { speaker: segment.speaker, text: segment.text },
          ]) {
            const speaker = callSide(turn.speaker, event, options.customerName);
            pieces.push({ text: turn.text, speaker, toCustomer: speaker === 'agent' });
          }
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
          toCustomer: piece.toCustomer,
        });
      }
    }
  });
  return out;
}
