/**
 * Where collaboration documents live in the store. Owns two collections:
 * - `collab_updates`: one document per appended Yjs update (`{ doc, seq, update }`), append-only;
 * - `collab_quarantine`: stored updates a load refused (too deep, undecodable), kept for a person;
 * - `collab_docs`: one snapshot per document (`{ _id: name, state, seq }`): the whole document as one
 *   Yjs update, containing every appended update with a sequence number up to `seq`.
 *
 * Loading reads the snapshot and the updates after it. Compaction writes a new snapshot first and
 * deletes the updates it contains second, so a crash between the two only leaves updates that are
 * applied twice — which Yjs ignores. Binary data is base64 (the store holds JSON).
 */
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

interface StoredSnapshot extends StoredDocument {
  state: string;
  seq: number;
  bytes: number;
  updatedAt: string;
}

interface StoredUpdate extends StoredDocument {
  doc: string;
  seq: number;
  update: string;
  at: string;
}

export interface LoadedState {
  /** Whether anything was stored for the document. */
  stored: boolean;
  /** The snapshot (if any) followed by every later update, in order. */
  updates: Uint8Array[];
  /** Where each of `updates` came from: `seq` 0 is the snapshot. */
  seqs: number[];
  /** The highest sequence number used so far (0 when none). */
  lastSeq: number;
  /** Updates and bytes stored after the snapshot: what the next compaction folds in. */
  sinceSnapshot: { updates: number; bytes: number };
}

const encode = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const decode = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const updateId = (doc: string, seq: number) => `${doc}#${String(seq).padStart(12, '0')}`;

export class CollabPersistence {
  readonly #snapshots: Collection<StoredSnapshot>;
  readonly #updates: Collection<StoredUpdate>;
  readonly #quarantine: Collection<StoredUpdate & { reason: string; bytes: number }>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#snapshots = store.collection('collab_docs');
    this.#updates = store.collection('collab_updates');
    this.#quarantine = store.collection('collab_quarantine');
  }

  async init(): Promise<void> {
    await this.#updates.createIndex({
      keys: { doc: 1, seq: 1 },
      unique: true,
      name: 'collab_updates_doc_seq',
    });
  }

  async load(doc: string): Promise<LoadedState> {
    const snapshot = await this.#snapshots.findOne({ _id: doc });
    const after = snapshot?.seq ?? 0;
    const rows = await this.#updates.find({ doc, seq: { $gt: after } }, { sort: { seq: 1 } });
    const updates = rows.map((row) => decode(row.update));
    return {
      stored: Boolean(snapshot) || rows.length > 0,
      updates: snapshot ? [decode(snapshot.state), ...updates] : updates,
      seqs: snapshot ? [0, ...rows.map((row) => row.seq)] : rows.map((row) => row.seq),
      lastSeq: rows.at(-1)?.seq ?? after,
      sinceSnapshot: { updates: rows.length, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) },
    };
  }

  /**
   * Keeps a stored update that could not be loaded (it breaks the update limits or does not decode)
   * in `collab_quarantine`, for a person to look at; the document loads without it.
   */
  async quarantine(doc: string, seq: number, update: Uint8Array, reason: string): Promise<void> {
    await this.#quarantine.updateOne(
      { _id: updateId(doc, seq) },
      {
        $setOnInsert: {
          doc,
          seq,
          update: encode(update),
          bytes: update.byteLength,
          reason,
          at: this.clock.now().toISOString(),
        },
      },
      { upsert: true },
    );
  }

  async append(doc: string, seq: number, update: Uint8Array): Promise<void> {
    await this.#updates.insertOne({
      _id: updateId(doc, seq),
      doc,
      seq,
      update: encode(update),
      at: this.clock.now().toISOString(),
    });
  }

  /** Stores `state` (the whole document) as containing every update up to `seq`, then drops those. */
  async compact(doc: string, seq: number, state: Uint8Array): Promise<void> {
    await this.#snapshots.updateOne(
      { _id: doc },
      {
        $set: {
          state: encode(state),
          seq,
          bytes: state.byteLength,
          updatedAt: this.clock.now().toISOString(),
        },
      },
      { upsert: true },
    );
    await this.#updates.deleteMany({ doc, seq: { $lte: seq } });
  }
}
