/**
 * Multinomial naive Bayes over word terms with Laplace smoothing: the baseline every routing model
 * is scored against (`eval-routing` reports both, on the same tokens).
 */

export class NaiveBayes {
  readonly #logPrior: Float64Array;
  readonly #counts: Map<string, Float64Array>;
  readonly #totals: Float64Array;
  readonly #vocabulary: number;

  private constructor(
    readonly classes: readonly string[],
    logPrior: Float64Array,
    counts: Map<string, Float64Array>,
    totals: Float64Array,
    readonly alpha: number,
  ) {
    this.#logPrior = logPrior;
    this.#counts = counts;
    this.#totals = totals;
    this.#vocabulary = counts.size;
  }

  static train(docs: readonly (readonly string[])[], labels: readonly string[], alpha = 1): NaiveBayes {
    const classes = [...new Set(labels)].sort();
    const index = new Map(classes.map((c, i) => [c, i]));
    const k = classes.length;
    const prior = new Float64Array(k);
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(k);
    docs.forEach((terms, d) => {
      const c = index.get(labels[d] as string) as number;
      prior[c] = (prior[c] as number) + 1;
      for (const t of terms) {
        let row = counts.get(t);
        if (!row) {
          row = new Float64Array(k);
          counts.set(t, row);
        }
        row[c] = (row[c] as number) + 1;
        totals[c] = (totals[c] as number) + 1;
      }
    });
    const logPrior = prior.map((p) => Math.log(p / docs.length));
    return new NaiveBayes(classes, logPrior, counts, totals, alpha);
  }

  predict(terms: readonly string[]): string {
    const k = this.classes.length;
    const score = Float64Array.from(this.#logPrior);
    const v = this.#vocabulary;
    for (const t of terms) {
      const row = this.#counts.get(t);
      if (!row) continue; // unseen words carry no evidence for any class
      for (let c = 0; c < k; c++) {
        score[c] =
          (score[c] as number) +
          Math.log(((row[c] as number) + this.alpha) / ((this.#totals[c] as number) + this.alpha * v));
      }
    }
    let best = 0;
    for (let c = 1; c < k; c++) if ((score[c] as number) > (score[best] as number)) best = c;
    return this.classes[best] as string;
  }
}
