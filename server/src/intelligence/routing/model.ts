/**
 * The learned router: for each label (queue, priority, type) a softmax-regression model over hashed
 * TF-IDF features, blended with a similarity-weighted vote of the nearest past tickets
 * (p = α·p_linear + (1−α)·p_neighbours). The linear model generalises from words; the neighbour vote
 * recognises a ticket that closely resembles earlier ones (support tickets recur), and keeps learning
 * from every resolved issue between two trainings. On a held-out split of the public ticket set the
 * blend was about 0.03 more accurate on queue than the linear model alone (docs/decisions.md).
 *
 * Each prediction explains itself: the words that pushed the chosen label up the most and the past
 * tickets whose votes went to it.
 */
import {
  DEFAULT_FEATURES,
  FeatureCounter,
  type FeatureCounts,
  type FeatureOptions,
  type TicketText,
} from '../text/features.ts';
import type { LabelledTicket, LabelName } from './dataset.ts';
import { DEFAULT_LINEAR, LinearModel, type LinearOptions, sparseCounts } from './linear.ts';

export interface BlendOptions {
  /** Neighbours consulted. */
  k: number;
  /** Similarity is raised to this power before voting: close matches count far more. */
  power: number;
  /** Weight of the linear model; 1 − alpha goes to the neighbours. */
  alpha: number;
}

export const DEFAULT_BLEND: BlendOptions = { k: 10, power: 4, alpha: 0.5 };

export interface NeighbourHit {
  id: string;
  score: number;
  subject?: string;
  labels: Partial<Record<LabelName, string>>;
}

/** The nearest past tickets to a feature-count vector (e.g. the retrieval index of resolved issues). */
export type NeighbourSource = (counts: FeatureCounts, k: number) => NeighbourHit[];

export interface LabelPrediction {
  value: string;
  confidence: number;
  alternatives: Array<{ value: string; confidence: number }>;
  explanation: {
    terms: Array<{ term: string; weight: number }>;
    similar: Array<{ id: string; subject?: string; value: string; score: number }>;
  };
}

/**
 * What a caller needs of a prediction: a flow's classify node reads one label, and its explanation
 * only when the run keeps a full trace (the term contributions cost about as much as the
 * predictions themselves).
 */
export interface PredictOptions {
  /** Only these labels (default: every label the model knows). */
  labels?: readonly LabelName[] | undefined;
  /** Terms and similar issues behind each prediction (default true). */
  explain?: boolean | undefined;
}

export type Predictions = Partial<Record<LabelName, LabelPrediction>>;

export interface TrainingInfo {
  /** Examples per label (tickets that carry that label). */
  examples: Partial<Record<LabelName, number>>;
  trainedAt: string;
  durationMs: number;
}

export interface RoutingModelOptions {
  features: FeatureOptions;
  linear: LinearOptions;
  blend: BlendOptions;
}

export const DEFAULT_ROUTING: RoutingModelOptions = {
  features: DEFAULT_FEATURES,
  linear: DEFAULT_LINEAR,
  blend: DEFAULT_BLEND,
};

export class RoutingModel {
  /** Counts the texts this model predicts for, in tables it keeps (see FeatureCounter). */
  readonly #counter: FeatureCounter;

  constructor(
    readonly models: Partial<Record<LabelName, LinearModel>>,
    readonly options: RoutingModelOptions,
    readonly info: TrainingInfo,
  ) {
    this.#counter = new FeatureCounter(options.features);
  }

  get labels(): LabelName[] {
    return Object.keys(this.models) as LabelName[];
  }

  /**
   * Trains one model per label on the tickets that carry it. A label with fewer than two distinct
   * values has nothing to learn and is left out.
   */
  static train(
    tickets: readonly LabelledTicket[],
    labels: readonly LabelName[],
    options: Partial<RoutingModelOptions> = {},
    now: Date = new Date(),
  ): RoutingModel {
    const started = performance.now();
    const o = { ...DEFAULT_ROUTING, ...options };
    const counter = new FeatureCounter(o.features);
    const counts = tickets.map((t) => counter.count(t));
    const models: Partial<Record<LabelName, LinearModel>> = {};
    const examples: Partial<Record<LabelName, number>> = {};
    for (const label of labels) {
      const docs: FeatureCounts[] = [];
      const values: string[] = [];
      tickets.forEach((t, i) => {
        const value = t[label];
        if (!value) return;
        docs.push(counts[i] as FeatureCounts);
        values.push(value);
      });
      examples[label] = docs.length;
      if (new Set(values).size < 2) continue;
      models[label] = LinearModel.train(docs, values, o.linear);
    }
    return new RoutingModel(models, o, {
      examples,
      trainedAt: now.toISOString(),
      durationMs: Math.round(performance.now() - started),
    });
  }

  /**
   * @param options.neighbours the past tickets that vote: a source asked for the model's `k` nearest,
   *   or the hits already found (the service searches a worker thread's index before it predicts).
   * @param options.counts the text's feature counts under this model's feature options, when the
   *   caller has them; used unless the prediction explains itself (that needs the terms behind them).
   */
  predict(
    text: TicketText,
    options: PredictOptions & {
      neighbours?: NeighbourSource | readonly NeighbourHit[] | undefined;
      counts?: FeatureCounts | undefined;
    } = {},
  ): Predictions {
    const explain = options.explain ?? true;
    const names = explain ? new Map<number, string>() : undefined;
    const counts = (!explain && options.counts) || this.#counter.count(text, names);
    const { k, power, alpha } = this.options.blend;
    const source = options.neighbours;
    const hits = !source ? [] : typeof source === 'function' ? source(counts, k) : source;
    const sparse = sparseCounts(counts);
    const out: Predictions = {};
    for (const [label, model] of Object.entries(this.models) as Array<[LabelName, LinearModel]>) {
      if (options.labels && !options.labels.includes(label)) continue;
      const x = model.vector(sparse);
      const linear = model.probabilities(x);
      const classes = model.classes;
      // Neighbour votes over the classes this model knows.
      const votes = new Float64Array(classes.length);
      let total = 0;
      const voters: Array<{ hit: NeighbourHit; c: number }> = [];
      for (const hit of hits) {
        const value = hit.labels[label];
        if (!value) continue;
        const c = classes.indexOf(value);
        if (c === -1) continue;
        const vote = Math.max(0, hit.score) ** power;
        votes[c] = (votes[c] as number) + vote;
        total += vote;
        voters.push({ hit, c });
      }
      const a = total > 0 ? alpha : 1;
      const p = new Float64Array(classes.length);
      for (let c = 0; c < p.length; c++) {
        p[c] = a * (linear[c] as number) + (total > 0 ? (1 - a) * ((votes[c] as number) / total) : 0);
      }
      const ranked = [...p.keys()].sort((i, j) => (p[j] as number) - (p[i] as number));
      const best = ranked[0] as number;
      const prediction: LabelPrediction = {
        value: classes[best] as string,
        confidence: round(p[best] as number),
        alternatives: ranked
          .slice(1, 4)
          .map((c) => ({ value: classes[c] as string, confidence: round(p[c] as number) })),
        explanation: { terms: [], similar: [] },
      };
      if (explain && names) {
        const byTerm = new Map<string, number>();
        for (const { feature, weight } of model.contributions(x, best)) {
          const term = names.get(feature);
          if (term) byTerm.set(term, (byTerm.get(term) ?? 0) + weight);
        }
        prediction.explanation.terms = [...byTerm]
          .sort((x1, x2) => x2[1] - x1[1])
          .slice(0, 8)
          .map(([term, weight]) => ({ term, weight: round(weight) }));
        prediction.explanation.similar = voters
          .filter((v) => v.c === best)
          .slice(0, 5)
          .map(({ hit }) => ({
            id: hit.id,
            ...(hit.subject ? { subject: hit.subject } : {}),
            value: classes[best] as string,
            score: round(hit.score),
          }));
      }
      out[label] = prediction;
    }
    return out;
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
