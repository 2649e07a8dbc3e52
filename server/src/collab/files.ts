/**
 * Files attached to issue workspaces, addressed by their SHA-256: the same bytes are stored once
 * however often and wherever they are uploaded. The bytes go through the file-store port (on disk
 * beside the embedded store, GridFS on MongoDB), streamed in and out, never whole in the heap; an
 * agent key uploading 10 MiB files once ran the process out of memory when they lived in the store.
 *
 * Owns three collections:
 * - `collab_files`: one metadata document per hash, written after the bytes: its presence means
 *   the file is complete;
 * - `collab_file_refs`: which issue lists which hash (`issueId:sha256`), so a quota counts the
 *   same bytes once per issue;
 * - `collab_file_usage`: bytes counted against each issue (`issue:<id>`) and the instance
 *   (`instance`, each hash once).
 *
 * Stores written before files left the store keep their bytes in `collab_file_chunks`; they are
 * still served from there.
 */
import { Readable } from 'node:stream';
import type { Clock } from '../shared/clock.ts';
import { type BlobStore, BlobTooLargeError } from '../store/files/index.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

/** Largest file accepted by default: screenshots, logs and PDFs fit. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FileLimits {
  /** Largest single file. */
  maxFileBytes: number;
  /** Bytes of files one issue may list (each distinct file once). */
  issueQuotaBytes: number;
  /** Bytes of files the instance may hold (each distinct file once). */
  instanceQuotaBytes: number;
}

export const FILE_LIMIT_DEFAULTS: Readonly<FileLimits> = Object.freeze({
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  // Twenty full-size attachments: far beyond what one support case needs.
  issueQuotaBytes: 200 * 1024 * 1024,
  // A small disk's worth; raise it where the disk is larger.
  instanceQuotaBytes: 20 * 1024 * 1024 * 1024,
});

/** Which limit an upload ran into: the route answers 413 for `file` and `issue`, 507 for `instance`. */
export class FileLimitError extends Error {
  override readonly name = 'FileLimitError';
  constructor(
    readonly limit: keyof FileLimits,
    readonly bytes: number,
    message: string,
  ) {
    super(message);
  }
}

interface StoredFile extends StoredDocument {
  size: number;
  /** Only in stores written before files left the store: chunks in `collab_file_chunks`. */
  chunks?: number;
  /** The content type of the first upload of these bytes. */
  contentType: string;
  createdAt: string;
}

interface StoredChunk extends StoredDocument {
  sha256: string;
  n: number;
  data: string;
}

interface StoredRef extends StoredDocument {
  issueId: string;
  sha256: string;
  size: number;
}

interface StoredUsage extends StoredDocument {
  bytes: number;
}

export interface StoredFileInfo {
  sha256: string;
  size: number;
  contentType: string;
  createdAt: string;
}

const INSTANCE = 'instance';
const issueKey = (issueId: string) => `issue:${issueId}`;

export class FileStore {
  readonly limits: FileLimits;
  readonly #files: Collection<StoredFile>;
  readonly #chunks: Collection<StoredChunk>;
  readonly #refs: Collection<StoredRef>;
  readonly #usage: Collection<StoredUsage>;

  constructor(
    store: Store,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    limits: Partial<FileLimits> = {},
  ) {
    this.limits = { ...FILE_LIMIT_DEFAULTS, ...limits };
    this.#files = store.collection('collab_files');
    this.#chunks = store.collection('collab_file_chunks');
    this.#refs = store.collection('collab_file_refs');
    this.#usage = store.collection('collab_file_usage');
  }

  async init(): Promise<void> {
    await this.#chunks.createIndex({ keys: { sha256: 1, n: 1 } });
    await this.blobs.init();
  }

  async #used(key: string): Promise<number> {
    return (await this.#usage.findOne({ _id: key }))?.bytes ?? 0;
  }

  /**
   * Streams an upload for `issueId` in and lists it against the issue's quota. `declared` is the
   * request's Content-Length when it has one (refused at once when it cannot fit). Throws
   * {@link FileLimitError} naming the limit it ran into.
   */
  async put(
    issueId: string,
    source: Readable,
    contentType: string,
    declared?: number,
  ): Promise<{ file: StoredFileInfo; created: boolean }> {
    const { maxFileBytes, issueQuotaBytes, instanceQuotaBytes } = this.limits;
    const issueLeft = Math.max(0, issueQuotaBytes - (await this.#used(issueKey(issueId))));
    const instanceLeft = Math.max(0, instanceQuotaBytes - (await this.#used(INSTANCE)));
    // The stream stops at the file limit or the instance's space; the issue's quota is checked once
    // the hash is known, since bytes the issue lists already cost it nothing.
    const allowed = Math.min(maxFileBytes, instanceLeft);
    const limit: keyof FileLimits = allowed === maxFileBytes ? 'maxFileBytes' : 'instanceQuotaBytes';
    const refuse = (which: keyof FileLimits, bytes: number) =>
      new FileLimitError(which, bytes, this.#explain(which, issueLeft, instanceLeft));
    if (declared !== undefined && declared > allowed) {
      source.resume();
      throw refuse(limit, declared);
    }
    let put: Awaited<ReturnType<BlobStore['put']>>;
    try {
      put = await this.blobs.put(source, allowed);
    } catch (error) {
      if (error instanceof BlobTooLargeError) throw refuse(limit, allowed + 1);
      throw error;
    }
    const { sha256, size } = put;
    if (size > issueLeft && !(await this.#refs.findOne({ _id: `${issueId}:${sha256}` }))) {
      if (put.created && !(await this.#files.findOne({ _id: sha256 }))) await this.blobs.delete(sha256);
      throw refuse('issueQuotaBytes', size);
    }
    const createdAt = this.clock.now().toISOString();
    const before = await this.#files.findOneAndUpdate(
      { _id: sha256 },
      { $setOnInsert: { size, contentType, createdAt } },
      { upsert: true, returnDocument: 'before' },
    );
    if (!before) await this.#usage.updateOne({ _id: INSTANCE }, { $inc: { bytes: size } }, { upsert: true });
    const ref = await this.#refs.findOneAndUpdate(
      { _id: `${issueId}:${sha256}` },
      { $setOnInsert: { issueId, sha256, size } },
      { upsert: true, returnDocument: 'before' },
    );
    if (!ref)
      await this.#usage.updateOne({ _id: issueKey(issueId) }, { $inc: { bytes: size } }, { upsert: true });
    if (before) return { file: info(before), created: false };
    return { file: { sha256, size, contentType, createdAt }, created: true };
  }

  #explain(limit: keyof FileLimits, issueLeft: number, instanceLeft: number): string {
    switch (limit) {
      case 'maxFileBytes':
        return `files are limited to ${this.limits.maxFileBytes} bytes (BATON_FILE_MAX_BYTES)`;
      case 'issueQuotaBytes':
        return `this issue's files may hold ${this.limits.issueQuotaBytes} bytes (BATON_FILES_ISSUE_QUOTA_BYTES); ${issueLeft} are left`;
      default:
        return `the instance's file storage is full: ${this.limits.instanceQuotaBytes} bytes (BATON_FILES_QUOTA_BYTES), ${instanceLeft} left`;
    }
  }

  async info(sha256: string): Promise<StoredFileInfo | null> {
    const file = await this.#files.findOne({ _id: sha256 });
    return file ? info(file) : null;
  }

  /** The file as a stream, or null when it is not stored (or not completely). */
  async open(sha256: string): Promise<{ file: StoredFileInfo; stream: Readable } | null> {
    const file = await this.#files.findOne({ _id: sha256 });
    if (!file) return null;
    const found = await this.blobs.open(sha256);
    if (found) return { file: info(file), stream: found.stream };
    if (file.chunks === undefined) return null;
    return { file: info(file), stream: Readable.from(this.#legacyChunks(sha256, file.chunks)) };
  }

  /** Bytes kept in the store by an older Baton, read one chunk at a time. */
  async *#legacyChunks(sha256: string, chunks: number): AsyncGenerator<Buffer> {
    for (let n = 0; n < chunks; n++) {
      const chunk = await this.#chunks.findOne({ _id: `${sha256}:${n}` });
      if (!chunk) throw new Error(`file ${sha256} is missing chunk ${n} of ${chunks}`);
      yield Buffer.from(chunk.data, 'base64');
    }
  }
}

function info(file: StoredFile): StoredFileInfo {
  return { sha256: file._id, size: file.size, contentType: file.contentType, createdAt: file.createdAt };
}
