/**
 * Hashed lexical features (the "hashing trick"): stemmed word unigrams and bigrams, subject words
 * apart from body words, and character 3–5-grams of each content word. Character n-grams carry
 * German compounds ("Rechnungsadresse" shares "rechn" with "Rechnung"), typos and the languages
 * without a stemmer; words and bigrams carry the rest. Hashing keeps the feature space fixed
 * (no vocabulary to store or grow) at the cost of rare collisions, which a 2^18 space keeps small.
 *
 * Vectors are TF-IDF with sublinear term frequency, L2-normalised; the IDF table is learned from the
 * training documents ({@link fitIdf}).
 */
import { type Tokens, tokenize } from './tokenize.ts';

export const DEFAULT_BITS = 18;

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface FeatureOptions {
  bits: number;
  /** Character n-gram lengths (inclusive range); [0, 0] turns them off. */
  charMin: number;
  charMax: number;
  bigrams: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = { bits: DEFAULT_BITS, charMin: 3, charMax: 5, bigrams: true };

export interface TicketText {
  subject: string;
  body: string;
  language?: string | undefined;
}

/** FNV-1a's starting state. */
const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bit: fast, well spread for short strings, and stable across runs and machines. */
export function hash32(text: string): number {
  return fnv(FNV_OFFSET, text, 0, text.length) >>> 0;
}

/**
 * FNV-1a continued from state `h` over `text[from, to)`: hashing a prefix and then a slice gives
 * the hash of their concatenation without building it (a ticket has hundreds of n-grams).
 */
function fnv(h: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * Raw term counts of one ticket, keyed by feature index. With `names`, also records which feature
 * string each index came from (for explanations).
 */
export function featureCounts(
  text: TicketText,
  options: FeatureOptions = DEFAULT_FEATURES,
  names?: Map<number, string>,
): Map<number, number> {
  const counts = new Map<number, number>();
  const subject = tokenize(text.subject, text.language);
  const body = tokenize(text.body, text.language ?? subject.language);
  const sink = { counts, mask: (1 << options.bits) - 1, names };
  addWords(subject, 's', sink, options);
  addWords(subject, 'w', sink, options);
  addWords(body, 'w', sink, options);
  return counts;
}

interface FeatureSink {
  counts: Map<number, number>;
  mask: number;
  names: Map<number, string> | undefined;
}

/**
 * Counts one feature. Its name is the surface word at `at` (or, for a bigram, the words at `at - 1`
 * and `at`), built only when explaining: a ticket has hundreds of features, and a closure per
 * feature to name it lazily was ~8 KB of garbage per classification.
 */
function count(sink: FeatureSink, hash: number, surface: readonly string[], at: number, bigram: boolean) {
  const i = (hash >>> 0) & sink.mask;
  sink.counts.set(i, (sink.counts.get(i) ?? 0) + 1);
  if (sink.names && !sink.names.has(i))
    sink.names.set(i, bigram ? `${surface[at - 1]} ${surface[at]}` : (surface[at] as string));
}

/**
 * Features of a word list, hashed as the strings `<prefix>:<term>`, `<prefix>2:<previous> <term>` and
 * `c:<n-gram of " term ">` (hashed piecewise, never built); each is named after the surface word(s)
 * it came from, asked for only when explaining.
 */
function addWords(tokens: Tokens, prefix: 's' | 'w', sink: FeatureSink, options: FeatureOptions) {
  const { terms, surface } = tokens;
  const word = fnv(FNV_OFFSET, `${prefix}:`, 0, 2);
  const bigram = fnv(FNV_OFFSET, `${prefix}2:`, 0, 3);
  const gram = fnv(FNV_OFFSET, 'c:', 0, 2);
  const chars = prefix === 'w' && options.charMax >= options.charMin && options.charMin > 0;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as string;
    count(sink, fnv(word, t, 0, t.length), surface, i, false);
    if (options.bigrams && i > 0) {
      const previous = terms[i - 1] as string;
      const h = fnv(fnv(bigram, previous, 0, previous.length), ' ', 0, 1);
      count(sink, fnv(h, t, 0, t.length), surface, i, true);
    }
    if (!chars) continue;
    // The n-grams of " t " (the term padded with a space each side), without building that string.
    const padded = t.length + 2;
    for (let n = options.charMin; n <= options.charMax; n++) {
      for (let j = 0; j + n <= padded; j++) count(sink, fnvPadded(gram, t, j, j + n), surface, i, false);
    }
  }
}

/** {@link fnv} over `(" " + t + " ")[from, to)`. */
function fnvPadded(h: number, t: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= i === 0 || i === t.length + 1 ? 32 : t.charCodeAt(i - 1);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Smoothed IDF of a feature in `df` of `n` documents, as scikit-learn's `smooth_idf`. */
export function smoothIdf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** Document frequencies → IDF weights ({@link smoothIdf}). */
export function fitIdf(docs: Iterable<Map<number, number>>, bits: number): Float32Array {
  const df = new Float32Array(1 << bits);
  let n = 0;
  for (const doc of docs) {
    n++;
    for (const i of doc.keys()) df[i] = (df[i] as number) + 1;
  }
  const idf = new Float32Array(1 << bits);
  for (let i = 0; i < idf.length; i++) idf[i] = smoothIdf(df[i] as number, n);
  return idf;
}

/** Sublinear TF × IDF, L2-normalised. Features never seen in training (IDF of an empty column) still count. */
export function tfidf(counts: Map<number, number>, idf: Float32Array | undefined): SparseVector {
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  let k = 0;
  let norm = 0;
  for (const [i, c] of counts) {
    const v = (1 + Math.log(c)) * (idf ? (idf[i] as number) : 1);
    idx[k] = i;
    val[k] = v;
    norm += v * v;
    k++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < val.length; j++) val[j] = (val[j] as number) / norm;
  return { idx, val };
}

export function dot(a: SparseVector, b: SparseVector): number {
  // Both are small; index the shorter one.
  const [small, large] = a.idx.length <= b.idx.length ? [a, b] : [b, a];
  const map = new Map<number, number>();
  for (let i = 0; i < small.idx.length; i++) map.set(small.idx[i] as number, small.val[i] as number);
  let sum = 0;
  for (let i = 0; i < large.idx.length; i++) {
    const v = map.get(large.idx[i] as number);
    if (v !== undefined) sum += v * (large.val[i] as number);
  }
  return sum;
}
