/**
 * Trained routers in the store, versioned. `routing_models` holds one small document per version
 * (RoutingModelInfo); `routing_model_chunks` holds its weights, split into pieces well under
 * MongoDB's 16 MB document limit. The chunks are written before the info document, so a version
 * becomes visible only once it is complete; a crash in between leaves unreferenced chunks that the
 * next save of that version replaces.
 *
 * Weights are quantised to 8 bits per row (a float scale per row and class count), which keeps a
 * 60-queue model at a few MB; the tests check that predictions survive the round trip.
 */
import type { RoutingModelInfo } from '@baton/schemas';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Collection, Store } from '../../store/port.ts';
import type { LabelName } from './dataset.ts';
import { LinearModel, type LinearWeights } from './linear.ts';
import { RoutingModel, type RoutingModelOptions, type TrainingInfo } from './model.ts';

const CHUNK_CHARS = 1_000_000;

interface StoredInfo extends Omit<RoutingModelInfo, 'id'> {
  _id: string;
  /** Options the model was trained with (features, linear, blend). */
  options: RoutingModelOptions;
  info: TrainingInfo;
  chunks: number;
}

interface StoredChunk {
  _id: string;
  modelId: string;
  seq: number;
  data: string;
}

export interface SerializedLabel {
  classes: string[];
  features: string;
  idf: string;
  scales: string;
  weights: string;
  bias: string;
}

export class RoutingModelStore {
  readonly #models: Collection<StoredInfo>;
  readonly #chunks: Collection<StoredChunk>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#models = store.collection('routing_models');
    this.#chunks = store.collection('routing_model_chunks');
  }

  async init(): Promise<void> {
    await this.#models.createIndex({ keys: { version: -1 }, unique: true });
    await this.#chunks.createIndex({ keys: { modelId: 1, seq: 1 }, unique: true });
  }

  /** Stores a trained model as the next version. */
  async save(model: RoutingModel, source: RoutingModelInfo['source']): Promise<RoutingModelInfo> {
    const latest = await this.#models.findOne({}, { sort: { version: -1 }, projection: { version: 1 } });
    const version = (latest?.version ?? 0) + 1;
    const id = newId('rtm');
    const payload = JSON.stringify(serialize(model));
    const pieces: StoredChunk[] = [];
    for (let i = 0, seq = 0; i < payload.length; i += CHUNK_CHARS, seq++) {
      pieces.push({ _id: `${id}:${seq}`, modelId: id, seq, data: payload.slice(i, i + CHUNK_CHARS) });
    }
    for (const piece of pieces) await this.#chunks.insertOne(piece);
    const info: RoutingModelInfo = {
      id,
      version,
      createdAt: this.clock.now().toISOString(),
      labels: model.labels.map((label) => {
        const m = model.models[label] as LinearModel;
        return { label, classes: [...m.classes], features: m.params.features.length };
      }),
      examples: model.info.examples,
      durationMs: model.info.durationMs,
      sizeBytes: payload.length,
      source,
    };
    const { id: _id, ...rest } = info;
    await this.#models.insertOne({
      _id: id,
      ...rest,
      options: model.options,
      info: model.info,
      chunks: pieces.length,
    });
    return info;
  }

  async list(): Promise<RoutingModelInfo[]> {
    const rows = await this.#models.find({}, { sort: { version: -1 }, limit: 100 });
    return rows.map(toInfo);
  }

  /** The newest version, or null when none was trained yet. */
  async loadLatest(): Promise<{ info: RoutingModelInfo; model: RoutingModel } | null> {
    const row = await this.#models.findOne({}, { sort: { version: -1 } });
    return row ? this.#load(row) : null;
  }

  async load(version: number): Promise<{ info: RoutingModelInfo; model: RoutingModel } | null> {
    const row = await this.#models.findOne({ version });
    return row ? this.#load(row) : null;
  }

  async #load(row: StoredInfo): Promise<{ info: RoutingModelInfo; model: RoutingModel }> {
    const chunks = await this.#chunks.find({ modelId: row._id }, { sort: { seq: 1 } });
    if (chunks.length !== row.chunks) {
      throw new Error(`routing model ${row.version} is incomplete: ${chunks.length} of ${row.chunks} chunks`);
    }
    const data = JSON.parse(chunks.map((c) => c.data).join('')) as Record<string, SerializedLabel>;
    return { info: toInfo(row), model: deserialize(data, row.options, row.info) };
  }
}

function toInfo(row: StoredInfo): RoutingModelInfo {
  const { _id, options: _o, info: _i, chunks: _c, ...rest } = row;
  return { id: _id, ...rest };
}

export function serialize(model: RoutingModel): Record<string, SerializedLabel> {
  const out: Record<string, SerializedLabel> = {};
  for (const label of model.labels) {
    const { classes, features, idf, weights, bias } = (model.models[label] as LinearModel).params;
    const k = classes.length;
    const rows = features.length;
    const scales = new Float32Array(rows);
    const q = new Int8Array(weights.length);
    for (let r = 0; r < rows; r++) {
      let max = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, Math.abs(weights[r * k + c] as number));
      const scale = max / 127 || 1;
      scales[r] = scale;
      for (let c = 0; c < k; c++) q[r * k + c] = Math.round((weights[r * k + c] as number) / scale);
    }
    out[label] = {
      classes,
      features: b64(features),
      idf: b64(idf),
      scales: b64(scales),
      weights: b64(q),
      bias: b64(bias),
    };
  }
  return out;
}

export function deserialize(
  data: Record<string, SerializedLabel>,
  options: RoutingModelOptions,
  info: TrainingInfo,
): RoutingModel {
  const models: Partial<Record<LabelName, LinearModel>> = {};
  for (const [label, s] of Object.entries(data)) {
    const features = new Int32Array(unb64(s.features));
    const scales = new Float32Array(unb64(s.scales));
    const q = new Int8Array(unb64(s.weights));
    const k = s.classes.length;
    const weights = new Float32Array(q.length);
    for (let r = 0; r < features.length; r++) {
      for (let c = 0; c < k; c++) weights[r * k + c] = (q[r * k + c] as number) * (scales[r] as number);
    }
    const params: LinearWeights = {
      classes: s.classes,
      features,
      idf: new Float32Array(unb64(s.idf)),
      weights,
      bias: new Float32Array(unb64(s.bias)),
    };
    models[label as LabelName] = new LinearModel(params);
  }
  return new RoutingModel(models, options, info);
}

function b64(array: ArrayBufferView): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function unb64(text: string): ArrayBuffer {
  const buf = Buffer.from(text, 'base64');
  // A fresh, aligned buffer for the typed-array views.
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
