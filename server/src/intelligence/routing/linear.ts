/**
 * Multinomial logistic regression (softmax) over sparse features, trained by stochastic gradient
 * descent in typed arrays: Bottou's learning-rate schedule η_t = η₀ / (1 + η₀·λ·t), L2 regularisation
 * applied lazily through a global scale (so one update touches only the document's features), and
 * iterate averaging over the last epochs (Polyak–Ruppert), which makes the result far less sensitive
 * to the order of the last few examples.
 *
 * Only features that occur in at least `minDf` training documents get a row: the weight matrix is
 * (features × classes), stored row-major so a document's dot product reads contiguous memory. A
 * document is a TF-IDF vector over those rows alone (sublinear TF, smoothed IDF, L2-normalised), the
 * same in training and prediction.
 */

/** A document over the model's rows. */
export interface RowVector {
  rows: Int32Array;
  vals: Float32Array;
  /** The hashed feature id of each entry. */
  features: Int32Array;
}

import type { FeatureCounts } from '../text/features.ts';
import { seededRandom, shuffle } from './dataset.ts';

export interface LinearOptions {
  epochs: number;
  /** L2 strength per example. */
  lambda: number;
  eta0: number;
  minDf: number;
  seed: number;
}

export const DEFAULT_LINEAR: LinearOptions = { epochs: 12, lambda: 2e-5, eta0: 0.5, minDf: 2, seed: 1 };

export interface LinearWeights {
  classes: string[];
  /** Hashed feature ids that have a row, ascending. */
  features: Int32Array;
  /** IDF of each row's feature. */
  idf: Float32Array;
  /** features.length × classes.length, row-major. */
  weights: Float32Array;
  bias: Float32Array;
}

export class LinearModel {
  readonly #rows: RowLookup;

  constructor(readonly params: LinearWeights) {
    this.#rows = rowLookup(params.features);
  }

  get classes(): readonly string[] {
    return this.params.classes;
  }

  /** A document's raw feature counts (see {@link sparseCounts}) as a vector over this model's rows. */
  vector(counts: SparseCounts): RowVector {
    return toRowVector(counts, this.#rows, this.params.idf);
  }

  /** Class probabilities of one document. */
  probabilities(x: RowVector): Float64Array {
    const { weights, bias } = this.params;
    const k = bias.length;
    const scores = new Float64Array(k);
    for (let c = 0; c < k; c++) scores[c] = bias[c] as number;
    for (let j = 0; j < x.rows.length; j++) {
      const v = x.vals[j] as number;
      const base = (x.rows[j] as number) * k;
      for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + v * (weights[base + c] as number);
    }
    return softmax(scores);
  }

  /** The features of `x` that pushed class `c` up the most: (hashed id, contribution), largest first. */
  contributions(x: RowVector, c: number): Array<{ feature: number; weight: number }> {
    const { weights, bias } = this.params;
    const k = bias.length;
    const out: Array<{ feature: number; weight: number }> = [];
    for (let j = 0; j < x.rows.length; j++) {
      const base = (x.rows[j] as number) * k;
      // Relative to the mean over classes: what makes this class stand out, not what all share.
      let mean = 0;
      for (let q = 0; q < k; q++) mean += weights[base + q] as number;
      mean /= k;
      const weight = (x.vals[j] as number) * ((weights[base + c] as number) - mean);
      if (weight > 0) out.push({ feature: x.features[j] as number, weight });
    }
    return out.sort((a, b) => b.weight - a.weight);
  }

  static train(
    docs: readonly FeatureCounts[],
    labels: readonly string[],
    options: Partial<LinearOptions> = {},
  ): LinearModel {
    const o = { ...DEFAULT_LINEAR, ...options };
    const classes = [...new Set(labels)].sort();
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const y = labels.map((l) => classIndex.get(l) as number);
    const k = classes.length;

    // Feature rows: those seen in at least minDf documents.
    const df = new Map<number, number>();
    for (const d of docs) for (const f of d.features) df.set(f, (df.get(f) ?? 0) + 1);
    const features = Int32Array.from([...df].filter(([, n]) => n >= o.minDf).map(([f]) => f)).sort();
    const rowOf = rowLookup(features);
    const idf = new Float32Array(features.length);
    features.forEach((f, i) => {
      idf[i] = Math.log((docs.length + 1) / ((df.get(f) as number) + 1)) + 1;
    });
    const compact = docs.map((d) => toRowVector(sparseCounts(d), rowOf, idf));

    const w = new Float32Array(features.length * k);
    const b = new Float64Array(k);
    // Averages of the iterates over the second half of training.
    const avgW = new Float64Array(features.length * k);
    const avgB = new Float64Array(k);
    let averaged = 0;
    const averageFrom = Math.floor(o.epochs / 2);

    let scale = 1;
    let t = 0;
    const random = seededRandom(o.seed);
    const order = docs.map((_, i) => i);
    const scores = new Float64Array(k);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        const eta = o.eta0 / (1 + o.eta0 * o.lambda * t++);
        const { rows, vals } = compact[i] as RowVector;
        for (let c = 0; c < k; c++) scores[c] = b[c] as number;
        for (let j = 0; j < rows.length; j++) {
          const base = (rows[j] as number) * k;
          const v = (vals[j] as number) * scale;
          for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + v * (w[base + c] as number);
        }
        const p = softmax(scores);
        const target = y[i] as number;
        scale *= 1 - eta * o.lambda;
        const step = eta / scale;
        for (let j = 0; j < rows.length; j++) {
          const base = (rows[j] as number) * k;
          const v = (vals[j] as number) * step;
          for (let c = 0; c < k; c++) {
            const g = (p[c] as number) - (c === target ? 1 : 0);
            if (g > 1e-6 || g < -1e-6) w[base + c] = (w[base + c] as number) - v * g;
          }
        }
        for (let c = 0; c < k; c++)
          b[c] = (b[c] as number) - eta * ((p[c] as number) - (c === target ? 1 : 0));
        if (scale < 1e-6) {
          for (let q = 0; q < w.length; q++) w[q] = (w[q] as number) * scale;
          scale = 1;
        }
      }
      if (epoch >= averageFrom) {
        averaged++;
        for (let q = 0; q < w.length; q++) avgW[q] = (avgW[q] as number) + (w[q] as number) * scale;
        for (let c = 0; c < k; c++) avgB[c] = (avgB[c] as number) + (b[c] as number);
      }
    }
    const weights = new Float32Array(w.length);
    for (let q = 0; q < w.length; q++) weights[q] = (avgW[q] as number) / averaged;
    const bias = new Float32Array(k);
    for (let c = 0; c < k; c++) bias[c] = (avgB[c] as number) / averaged;
    return new LinearModel({ classes, features, idf, weights, bias });
  }
}

/**
 * Feature id → row, as a dense table (row + 1; 0: no row) indexed by the hashed id. Ids are hashed
 * into `bits` (2^18 by default), so the table is at most 1 MB per model, and a lookup is one array
 * read instead of a Map probe: a document has hundreds of features (character n-grams) and is
 * looked up once per label model on every new issue.
 */
type RowLookup = Int32Array;

function rowLookup(features: Int32Array): RowLookup {
  let max = -1;
  for (const f of features) if (f > max) max = f;
  const table = new Int32Array(max + 1);
  features.forEach((f, i) => {
    table[f] = i + 1;
  });
  return table;
}

/**
 * A document's feature counts as parallel arrays: read once per document, then once per label model
 * (iterating a Map yields an entry array per feature, and a ticket has hundreds of features).
 */
export interface SparseCounts {
  features: Int32Array;
  /** 1 + ln(count): sublinear term frequency. */
  tf: Float64Array;
}

export function sparseCounts(counts: FeatureCounts): SparseCounts {
  const tf = new Float64Array(counts.size);
  for (let j = 0; j < counts.size; j++) tf[j] = 1 + Math.log(counts.counts[j] as number);
  return { features: counts.features, tf };
}

function toRowVector(counts: SparseCounts, rowOf: RowLookup, idf: Float32Array): RowVector {
  const n = counts.features.length;
  const rows = new Int32Array(n);
  const vals = new Float64Array(n);
  const features = new Int32Array(n);
  let used = 0;
  let norm = 0;
  for (let j = 0; j < n; j++) {
    const f = counts.features[j] as number;
    const r = (f < rowOf.length ? (rowOf[f] as number) : 0) - 1;
    if (r < 0) continue;
    const v = (counts.tf[j] as number) * (idf[r] as number);
    rows[used] = r;
    vals[used] = v;
    features[used] = f;
    used++;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const unit = new Float32Array(used);
  for (let j = 0; j < used; j++) unit[j] = (vals[j] as number) / norm;
  return { rows: rows.subarray(0, used), vals: unit, features: features.subarray(0, used) };
}

export function softmax(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  const out = new Float64Array(scores.length);
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] as number) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}
