/**
 * Files attached to issue workspaces, stored through the store port (so they live in MongoDB when it
 * runs) and addressed by their SHA-256: the same bytes are stored once however often and wherever
 * they are uploaded. Owns two collections:
 * - `collab_file_chunks`: the bytes, base64, in chunks of {@link CHUNK_BYTES} (`_id` sha:index) —
 *   small documents, whatever the file size (MongoDB caps one document at 16 MiB);
 * - `collab_files`: one metadata document per hash, written after every chunk: its presence means
 *   the file is complete, so a crash mid-upload leaves nothing that can be downloaded half.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

/** GridFS's default chunk size: 255 KiB (≈340 KiB as base64). */
export const CHUNK_BYTES = 255 * 1024;

/** Largest file accepted by default: screenshots, logs and PDFs fit; the embedded store keeps files in memory. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

interface StoredFile extends StoredDocument {
  size: number;
  chunks: number;
  /** The content type of the first upload of these bytes. */
  contentType: string;
  createdAt: string;
}

interface StoredChunk extends StoredDocument {
  sha256: string;
  n: number;
  data: string;
}

export interface StoredFileInfo {
  sha256: string;
  size: number;
  contentType: string;
  createdAt: string;
}

export class FileStore {
  readonly #files: Collection<StoredFile>;
  readonly #chunks: Collection<StoredChunk>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#files = store.collection('collab_files');
    this.#chunks = store.collection('collab_file_chunks');
  }

  async init(): Promise<void> {
    await this.#chunks.createIndex({ keys: { sha256: 1, n: 1 } });
  }

  /** Stores the bytes unless already stored; `created` says which. */
  async put(bytes: Uint8Array, contentType: string): Promise<{ file: StoredFileInfo; created: boolean }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.#files.findOne({ _id: sha256 });
    if (existing) return { file: info(existing), created: false };
    const chunks = Math.ceil(bytes.byteLength / CHUNK_BYTES);
    for (let n = 0; n < chunks; n++) {
      const data = Buffer.from(
        bytes.buffer,
        bytes.byteOffset + n * CHUNK_BYTES,
        Math.min(CHUNK_BYTES, bytes.byteLength - n * CHUNK_BYTES),
      );
      // Upserts: a retry after a crash, or two uploads of the same bytes at once, rewrite the same chunks.
      await this.#chunks.updateOne(
        { _id: `${sha256}:${n}` },
        { $set: { sha256, n, data: data.toString('base64') } },
        { upsert: true },
      );
    }
    const createdAt = this.clock.now().toISOString();
    const stored = await this.#files.findOneAndUpdate(
      { _id: sha256 },
      { $setOnInsert: { size: bytes.byteLength, chunks, contentType, createdAt } },
      { upsert: true, returnDocument: 'before' },
    );
    if (stored) return { file: info(stored), created: false };
    return { file: { sha256, size: bytes.byteLength, contentType, createdAt }, created: true };
  }

  async info(sha256: string): Promise<StoredFileInfo | null> {
    const file = await this.#files.findOne({ _id: sha256 });
    return file ? info(file) : null;
  }

  /** The whole file, or null when it is not stored (or not completely). */
  async get(sha256: string): Promise<{ file: StoredFileInfo; bytes: Buffer } | null> {
    const file = await this.#files.findOne({ _id: sha256 });
    if (!file) return null;
    const chunks = await this.#chunks.find({ sha256 }, { sort: { n: 1 } });
    if (chunks.length !== file.chunks)
      throw new Error(`file ${sha256} has ${chunks.length} of ${file.chunks} chunks`);
    const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64')));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new Error(`file ${sha256} is corrupt`);
    return { file: info(file), bytes };
  }
}

function info(file: StoredFile): StoredFileInfo {
  return { sha256: file._id, size: file.size, contentType: file.contentType, createdAt: file.createdAt };
}
