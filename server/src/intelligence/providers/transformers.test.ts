/**
 * The transformers.js path, offline: a tiny model folder written by the test (tokenizer.json, a
 * hand-encoded ONNX graph, config.json) is loaded through the same code a configured
 * BATON_EMBEDDING_MODEL takes, run by ONNX Runtime, mean-pooled and normalised — and then makes hybrid
 * retrieval find a document that shares no word with the query.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridIndex, type RetrievalDoc } from '../retrieval/hybrid.ts';
import { writeTinyModel } from '../testing/tiny-model.ts';
import type { EmbeddingProvider } from './provider.ts';
import { embeddingConfigFromEnv, loadTransformersProvider } from './transformers.ts';

let dir: string;
let provider: EmbeddingProvider;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-model-'));
  await writeTinyModel(join(dir, 'tiny-synonyms'), [
    ['vpn', 'tunnel'],
    ['invoice', 'bill'],
    ['printer', 'drucker'],
  ]);
  const config = embeddingConfigFromEnv({ BATON_EMBEDDING_MODEL: 'tiny-synonyms', BATON_MODEL_DIR: dir });
  if (!config) throw new Error('no config');
  provider = await loadTransformersProvider(config);
}, 60_000);

afterAll(async () => {
  await provider?.close?.();
  await rm(dir, { recursive: true, force: true });
});

describe('transformers.js embeddings (offline, tiny model)', () => {
  it('reads the configuration from the environment; none configured means no embeddings', () => {
    expect(embeddingConfigFromEnv({})).toBeUndefined();
    expect(
      embeddingConfigFromEnv({ BATON_EMBEDDING_MODEL: 'x', BATON_ALLOW_REMOTE_MODELS: '1' }, '/w'),
    ).toEqual({
      model: 'x',
      modelDir: undefined,
      allowRemote: true,
    });
  });

  it('embeds with the model: synonyms meet, unrelated words do not, vectors are unit length', async () => {
    const [vpn, tunnel, invoice, mixed] = await provider.embed([
      'VPN',
      'tunnel tunnel',
      'invoice',
      'vpn bill',
    ]);
    const dot = (a?: Float32Array, b?: Float32Array) => a!.reduce((s, v, i) => s + v * b![i]!, 0);
    expect(vpn).toHaveLength(4);
    expect(dot(vpn, vpn)).toBeCloseTo(1, 5);
    expect(dot(vpn, tunnel)).toBeCloseTo(1, 5);
    expect(dot(vpn, invoice)).toBeCloseTo(0, 5);
    // Mean pooling: half VPN, half invoice.
    expect(dot(mixed, vpn)).toBeCloseTo(Math.SQRT1_2, 4);
  });

  it('loads a model given as a folder path too', async () => {
    const byPath = await loadTransformersProvider({ model: join(dir, 'tiny-synonyms'), allowRemote: false });
    const [v] = await byPath.embed(['printer']);
    const [w] = await provider.embed(['drucker']);
    expect(v!.reduce((s, x, i) => s + x * w![i]!, 0)).toBeCloseTo(1, 5);
    await byPath.close?.();
  });

  it('fails clearly offline when the model is not there', async () => {
    await expect(
      loadTransformersProvider({ model: 'no-such-model', modelDir: dir, allowRemote: false }),
    ).rejects.toThrow();
  });

  it('adds semantic matches to hybrid retrieval', async () => {
    const doc = (id: string, title: string, problem: string): RetrievalDoc => ({
      key: `issue:${id}`,
      kind: 'issue',
      id,
      title,
      problem,
      labels: {},
      tags: [],
    });
    const docs = [
      doc('a', 'tunnel', 'tunnel tunnel'),
      doc('b', 'invoice', 'invoice invoice'),
      doc('c', 'printer', 'printer'),
    ];
    const lexical = new HybridIndex();
    await lexical.addMany(docs);
    const semantic = new HybridIndex(provider);
    await semantic.addMany(docs);

    const query = { title: 'vpn', problem: 'vpn' };
    expect(await lexical.search(query, 3)).toEqual([]);
    const hits = await semantic.search(query, 3);
    expect(hits[0]?.doc.id).toBe('a');
    expect(hits[0]?.matchedBy).toEqual(['embedding']);
    expect(hits[0]?.similarity).toBeCloseTo(1, 5);
    expect(semantic.embeddingModel).toBe('tiny-synonyms');
  });
});
