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
 * One text's raw feature counts: its distinct features (hashed indexes) in the order they first
 * occur, and how often each does. Parallel typed arrays rather than a Map: a ticket has ~300
 * distinct features among ~400 occurrences, and a Map grown one feature at a time cost ~14 KB of
 * garbage and ~10 µs a classification, then one entry array per feature to read back.
 */
export class FeatureCounts {
  constructor(
    readonly features: Int32Array<ArrayBuffer>,
    readonly counts: Float64Array<ArrayBuffer>,
  ) {}

  get size(): number {
    return this.features.length;
  }
}

/**
 * Raw term counts of one ticket ({@link FeatureCounts}). With `names`, also records which feature
 * string each index came from (for explanations). Allocates a {@link FeatureCounter}'s tables: a
 * caller counting many texts keeps a counter instead.
 */
export function featureCounts(
  text: TicketText,
  options: FeatureOptions = DEFAULT_FEATURES,
  names?: Map<number, string>,
): FeatureCounts {
  return new FeatureCounter(options).count(text, names);
}

/**
 * Counts a text's features in tables it keeps between texts (an open-addressing table of the
 * features seen, and their first-seen order), so a count allocates only its result. One per owner
 * (an index, a model): a count is synchronous, so nothing else touches the tables meanwhile.
 */
export class FeatureCounter {
  readonly options: FeatureOptions;
  readonly #mask: number;
  /** feature + 1 per cell, 0 when empty; cleared after each text through {@link #cellOf}. */
  #cells = new Int32Array(1024);
  /** 32 − log2(cells): Fibonacci hashing takes the product's top bits. */
  #shift = 22;
  /** Per distinct feature, in first-seen order: the feature, its count, the cell it sits in. */
  #order = new Int32Array(512);
  #tally = new Float64Array(512);
  #cellOf = new Int32Array(512);
  /** The cell's index into {@link #order}. */
  #slots = new Int32Array(1024);
  #size = 0;
  #names: Map<number, string> | undefined;

  constructor(options: FeatureOptions = DEFAULT_FEATURES) {
    this.options = options;
    this.#mask = (1 << options.bits) - 1;
  }

  count(text: TicketText, names?: Map<number, string>): FeatureCounts {
    const subject = tokenize(text.subject, text.language);
    const body = tokenize(text.body, text.language ?? subject.language);
    this.#names = names;
    try {
      this.#addWords(subject, 's');
      this.#addWords(subject, 'w');
      this.#addWords(body, 'w');
      const n = this.#size;
      return new FeatureCounts(this.#order.slice(0, n), this.#tally.slice(0, n));
    } finally {
      for (let i = 0; i < this.#size; i++) this.#cells[this.#cellOf[i] as number] = 0;
      this.#size = 0;
      this.#names = undefined;
    }
  }

  /**
   * Counts one feature. Its name is the surface word at `at` (or, for a bigram, the words at
   * `at - 1` and `at`), built only when explaining: a ticket has hundreds of features, and a closure
   * per feature to name it lazily was ~8 KB of garbage per classification.
   */
  #add(hash: number, surface: readonly string[], at: number, bigram: boolean): void {
    const feature = (hash >>> 0) & this.#mask;
    const cells = this.#cells;
    const key = feature + 1;
    let cell = Math.imul(key, 0x9e3779b1) >>> this.#shift;
    const mask = cells.length - 1;
    for (;;) {
      const k = cells[cell] as number;
      if (k === key) {
        const at = this.#slots[cell] as number;
        this.#tally[at] = (this.#tally[at] as number) + 1;
        return;
      }
      if (k === 0) break;
      cell = (cell + 1) & mask;
    }
    const slot = this.#size++;
    if (slot === this.#order.length) this.#growOrder();
    cells[cell] = key;
    this.#slots[cell] = slot;
    this.#order[slot] = feature;
    this.#tally[slot] = 1;
    this.#cellOf[slot] = cell;
    if (this.#names && !this.#names.has(feature))
      this.#names.set(feature, bigram ? `${surface[at - 1]} ${surface[at]}` : (surface[at] as string));
    // At most half full, so probes stay short.
    if (this.#size * 2 > cells.length) this.#growCells();
  }

  /**
   * Features of a word list, hashed as the strings `<prefix>:<term>`, `<prefix>2:<previous> <term>` and
   * `c:<n-gram of " term ">` (hashed piecewise, never built); each is named after the surface word(s)
   * it came from, asked for only when explaining.
   */
  #addWords(tokens: Tokens, prefix: 's' | 'w'): void {
    const options = this.options;
    const { terms, surface } = tokens;
    const word = fnv(FNV_OFFSET, `${prefix}:`, 0, 2);
    const bigram = fnv(FNV_OFFSET, `${prefix}2:`, 0, 3);
    const gram = fnv(FNV_OFFSET, 'c:', 0, 2);
    const chars = prefix === 'w' && options.charMax >= options.charMin && options.charMin > 0;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as string;
      this.#add(fnv(word, t, 0, t.length), surface, i, false);
      if (options.bigrams && i > 0) {
        const previous = terms[i - 1] as string;
        const h = fnv(fnv(bigram, previous, 0, previous.length), ' ', 0, 1);
        this.#add(fnv(h, t, 0, t.length), surface, i, true);
      }
      if (!chars) continue;
      // The n-grams of " t " (the term padded with a space each side), without building that string.
      const padded = t.length + 2;
      for (let n = options.charMin; n <= options.charMax; n++) {
        for (let j = 0; j + n <= padded; j++) this.#add(fnvPadded(gram, t, j, j + n), surface, i, false);
      }
    }
  }

  #growOrder(): void {
    const grow = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    this.#order = grow(this.#order, (n) => new Int32Array(n));
    this.#tally = grow(this.#tally, (n) => new Float64Array(n));
    this.#cellOf = grow(this.#cellOf, (n) => new Int32Array(n));
  }

  /** Twice the cells, every feature seen so far placed again. */
  #growCells(): void {
    const cells = new Int32Array(this.#cells.length * 2);
    const slots = new Int32Array(cells.length);
    const mask = cells.length - 1;
    this.#shift--;
    for (let slot = 0; slot < this.#size; slot++) {
      const key = (this.#order[slot] as number) + 1;
      let cell = Math.imul(key, 0x9e3779b1) >>> this.#shift;
      while (cells[cell] !== 0) cell = (cell + 1) & mask;
      cells[cell] = key;
      slots[cell] = slot;
      this.#cellOf[slot] = cell;
    }
    this.#cells = cells;
    this.#slots = slots;
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
export function fitIdf(docs: Iterable<FeatureCounts>, bits: number): Float32Array {
  const df = new Float32Array(1 << bits);
  let n = 0;
  for (const doc of docs) {
    n++;
    for (const i of doc.features) df[i] = (df[i] as number) + 1;
  }
  const idf = new Float32Array(1 << bits);
  for (let i = 0; i < idf.length; i++) idf[i] = smoothIdf(df[i] as number, n);
  return idf;
}

/** Sublinear TF × IDF, L2-normalised. Features never seen in training (IDF of an empty column) still count. */
export function tfidf(counts: FeatureCounts, idf: Float32Array | undefined): SparseVector {
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  let norm = 0;
  for (let k = 0; k < counts.size; k++) {
    const i = counts.features[k] as number;
    const v = (1 + Math.log(counts.counts[k] as number)) * (idf ? (idf[i] as number) : 1);
    idx[k] = i;
    val[k] = v;
    norm += v * v;
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
