/**
 * Embeddings through transformers.js (`@huggingface/transformers`, ONNX Runtime for Node underneath).
 *
 * Configuration (environment, read by {@link embeddingConfigFromEnv}):
 * - BATON_EMBEDDING_MODEL: a model id (e.g. `Xenova/multilingual-e5-small`) or a folder holding
 *   `config.json`, `tokenizer.json` and `onnx/model.onnx`. Unset: no embeddings, lexical only.
 * - BATON_MODEL_DIR: where model folders live (transformers.js `localModelPath`); ids are looked up
 *   there first.
 * - BATON_ALLOW_REMOTE_MODELS=1: let transformers.js download a missing model from the hub (and
 *   cache it). Off by default: a server must not reach out to the internet unless told to.
 *
 * The library is imported only when a model is configured, so Baton without a model never loads
 * ONNX Runtime. Vectors are mean-pooled over tokens and L2-normalised.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { EmbeddingProvider } from './provider.ts';

export interface EmbeddingConfig {
  /** Model id or folder. */
  model: string;
  modelDir?: string | undefined;
  allowRemote: boolean;
  /** Texts per forward pass. */
  batchSize?: number;
  /** Longest input in tokens (longer texts are truncated). */
  maxLength?: number;
}

export function embeddingConfigFromEnv(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): EmbeddingConfig | undefined {
  const model = env.BATON_EMBEDDING_MODEL?.trim();
  if (!model) return undefined;
  return {
    model,
    modelDir: env.BATON_MODEL_DIR ? resolve(cwd, env.BATON_MODEL_DIR) : undefined,
    allowRemote: ['1', 'true'].includes(env.BATON_ALLOW_REMOTE_MODELS ?? ''),
  };
}

type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: boolean },
) => Promise<{ data: Float32Array; dims: number[]; dispose?: () => void }>;

export async function loadTransformersProvider(config: EmbeddingConfig): Promise<EmbeddingProvider> {
  const transformers = await import('@huggingface/transformers');
  const { env, pipeline } = transformers;
  // A folder path: transformers.js resolves models as `<localModelPath>/<id>`.
  let modelId = config.model;
  let localPath = config.modelDir;
  const asPath = isAbsolute(config.model) || config.model.startsWith('.') ? resolve(config.model) : undefined;
  if (asPath && existsSync(asPath)) {
    localPath = dirname(asPath);
    modelId = basename(asPath);
  }
  env.allowLocalModels = true;
  env.allowRemoteModels = config.allowRemote;
  if (localPath) env.localModelPath = localPath.endsWith('/') ? localPath : `${localPath}/`;
  const extractor = (await pipeline('feature-extraction', modelId, {
    dtype: 'fp32',
    device: 'cpu',
    local_files_only: !config.allowRemote,
  })) as unknown as FeatureExtractor & { dispose?: () => Promise<void> };
  const batchSize = config.batchSize ?? 16;
  return {
    kind: 'embedding',
    id: config.model,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => t.slice(0, 4000) || ' ');
        const result = await extractor(batch, { pooling: 'mean', normalize: true });
        const dim = result.dims[result.dims.length - 1] as number;
        for (let j = 0; j < batch.length; j++)
          out.push(Float32Array.from(result.data.subarray(j * dim, (j + 1) * dim)));
      }
      return out;
    },
    async close() {
      await extractor.dispose?.();
    },
  };
}
