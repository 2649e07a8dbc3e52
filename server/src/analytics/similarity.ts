/**
 * Context loss: does a customer message restate something the customer already said?
 *
 * Method (docs/decisions.md, "Analytics: context loss"): both texts are lower-cased and split into
 * words (letters and digits of any script); stopwords and one-letter words are dropped and a plural
 * `s` is trimmed. Each text becomes a set of shingles — its remaining words and every pair of
 * neighbouring words. The later message restates the earlier one when at least `threshold` of its
 * shingles already appear in the earlier text (containment, not Jaccard: a restatement is usually
 * shorter than the story it repeats) and it has at least `minShingles` of them (so "thanks, any
 * news?" never counts).
 */

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers him his how i if in into is it its itself just me more most my myself no nor
  not now of off on once only or other our ours out over own same she should so some such than that the
  their them then there these they this those through to too under until up very was we were what when
  where which while who whom why will with would you your yours yourself hi hello hey dear thanks thank
  please regards kind best again still also already said say told tell as per mentioned earlier before
  ok okay yes sorry just really`.split(/\s+/),
);

export interface RepeatOptions {
  /** Share of the later message's shingles found in the earlier text. Default 0.6. */
  threshold?: number;
  /** Fewest shingles a message needs to be judged at all. Default 4. */
  minShingles?: number;
}

export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

export function shingles(text: string): Set<string> {
  const words = contentWords(text);
  const out = new Set(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** The share of `later`'s shingles that `earlier` already holds (0 when `later` is too short to judge). */
export function containment(later: Set<string>, earlier: Set<string>, minShingles = 4): number {
  if (later.size < minShingles) return 0;
  let shared = 0;
  for (const s of later) if (earlier.has(s)) shared++;
  return shared / later.size;
}

/** Whether `later` restates any of `earlier` (see the module comment). */
export function restates(later: string, earlier: readonly string[], options: RepeatOptions = {}): boolean {
  const { threshold = 0.6, minShingles = 4 } = options;
  const mine = shingles(later);
  return earlier.some((text) => containment(mine, shingles(text), minShingles) >= threshold);
}
