/**
 * Text representations behind one interface. Two kinds:
 *
 * - `lexical` (built in, always there): hashed word, bigram and character n-gram counts — no model,
 *   no download, works for every language the tokenizer splits. Retrieval weighs them with live IDF
 *   (VectorIndex) next to BM25.
 * - `embedding`: dense sentence vectors from a transformers.js model (a Hugging Face model id or a
 *   local folder), when one is configured. Adds semantic matches that share no words.
 *
 * Retrieval fuses whatever providers are present; with no model configured Baton uses the lexical
 * provider alone and every feature still works.
 */
import {
  DEFAULT_FEATURES,
  FeatureCounter,
  type FeatureCounts,
  type FeatureOptions,
  type TicketText,
} from '../text/features.ts';

export interface LexicalProvider {
  readonly kind: 'lexical';
  readonly id: string;
  counts(text: TicketText): FeatureCounts;
}

export interface EmbeddingProvider {
  readonly kind: 'embedding';
  /** The model id or folder, as configured. */
  readonly id: string;
  /** Unit-length vectors, one per text. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  close?(): Promise<void>;
}

export type TextProvider = LexicalProvider | EmbeddingProvider;

export function lexicalProvider(features: FeatureOptions = DEFAULT_FEATURES): LexicalProvider {
  const counter = new FeatureCounter(features);
  return {
    kind: 'lexical',
    id: `lexical:hashed-${features.bits}:w1-2:c${features.charMin}-${features.charMax}`,
    counts: (text) => counter.count(text),
  };
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
