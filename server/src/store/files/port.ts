/**
 * The file-store port: bytes addressed by their SHA-256, streamed in and out, never whole in the
 * heap. Two adapters pass one contract suite (`contract.ts`): files on disk beside the embedded
 * store, and GridFS on MongoDB through the official driver's GridFSBucket. What the files are
 * (names, content types, who uploaded them, quotas) is kept by the module that uses them.
 */
import type { Readable } from 'node:stream';

export interface PutResult {
  sha256: string;
  size: number;
  /** False when these bytes were stored already (the new copy is dropped). */
  created: boolean;
}

export interface BlobStore {
  readonly kind: 'disk' | 'gridfs';
  init(): Promise<void>;
  /**
   * Streams `source` in, hashing as it goes. More than `maxBytes` stops the stream, stores nothing
   * and throws {@link BlobTooLargeError}.
   */
  put(source: Readable, maxBytes: number): Promise<PutResult>;
  /** The bytes, streamed, or null when nothing is stored under that hash. */
  open(sha256: string): Promise<{ size: number; stream: Readable } | null>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

/** The stream carried more than the caller allowed. */
export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
  }
}

export const SHA256 = /^[0-9a-f]{64}$/;
