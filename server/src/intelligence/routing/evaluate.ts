/**
 * Held-out evaluation of the router against a multinomial naive Bayes baseline trained on the same
 * tickets and the same word tokens. Neighbours come from an index of the training tickets only, so
 * nothing of the test side leaks into a prediction.
 */
import { VectorIndex } from '../retrieval/vector-index.ts';
import { tokenize } from '../text/tokenize.ts';
import type { LabelledTicket, LabelName } from './dataset.ts';
import { type NeighbourSource, RoutingModel, type RoutingModelOptions } from './model.ts';
import { NaiveBayes } from './naive-bayes.ts';

export interface RoutingEvaluation {
  label: LabelName;
  /** Test tickets that carry the label. */
  n: number;
  accuracy: number;
  macroF1: number;
  baselineAccuracy: number;
  baselineMacroF1: number;
  /** Prediction time per ticket (features, linear model, neighbours, explanation), in ms. */
  msPerTicket: number;
  trainTickets: number;
  trainMs: number;
}

export function evaluateRouting(
  trainSet: readonly LabelledTicket[],
  testSet: readonly LabelledTicket[],
  label: LabelName,
  options: Partial<RoutingModelOptions> = {},
): RoutingEvaluation {
  const train = trainSet.filter((t) => t[label]);
  const test = testSet.filter((t) => t[label]);
  if (train.length === 0) throw new Error(`no training ticket has a ${label}`);
  if (test.length === 0) throw new Error(`no test ticket has a ${label}`);

  const started = performance.now();
  const model = RoutingModel.train(train, [label], options);
  if (!model.models[label]) throw new Error(`the training tickets have a single ${label}: nothing to learn`);
  const index = new VectorIndex({ features: model.options.features });
  train.forEach((t, i) => {
    index.add(String(i), index.counts(t));
  });
  const trainMs = performance.now() - started;
  const neighbours: NeighbourSource = (counts, k) =>
    index.search(counts, k).map((hit) => {
      const t = train[Number(hit.id)] as LabelledTicket;
      return { id: t.key, score: hit.score, labels: { [label]: t[label] } };
    });

  const truth = test.map((t) => t[label] as string);
  const predicted: string[] = [];
  const t0 = performance.now();
  for (const t of test) predicted.push(model.predict(t, { neighbours })[label]?.value ?? '');
  const msPerTicket = (performance.now() - t0) / test.length;

  const textOf = (t: LabelledTicket) => tokenize(`${t.subject}\n${t.body}`, t.language).terms;
  const nb = NaiveBayes.train(
    train.map(textOf),
    train.map((t) => t[label] as string),
  );
  const baseline = test.map((t) => nb.predict(textOf(t)));

  return {
    label,
    n: test.length,
    accuracy: round(accuracy(truth, predicted)),
    macroF1: round(macroF1(truth, predicted)),
    baselineAccuracy: round(accuracy(truth, baseline)),
    baselineMacroF1: round(macroF1(truth, baseline)),
    msPerTicket: Math.round(msPerTicket * 1000) / 1000,
    trainTickets: train.length,
    trainMs: Math.round(trainMs),
  };
}

export function accuracy(truth: readonly string[], predicted: readonly string[]): number {
  let ok = 0;
  truth.forEach((t, i) => {
    if (predicted[i] === t) ok++;
  });
  return truth.length ? ok / truth.length : 0;
}

/** Unweighted mean of per-class F1 over the classes present in the truth or the predictions. */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  const classes = new Set([...truth, ...predicted]);
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (p === c && t === c) tp++;
      else if (p === c) fp++;
      else if (t === c) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return classes.size ? sum / classes.size : 0;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
