/**
 * Files in GridFS on MongoDB, through the official driver's GridFSBucket. The hash is known only
 * once the upload ends, so bytes go in under a temporary name and are renamed to their SHA-256
 * (or dropped, when those bytes were stored before).
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Db, GridFSBucket } from 'mongodb';
import { HashingMeter } from './meter.ts';
import { type BlobStore, type PutResult, SHA256 } from './port.ts';

export class GridFsBlobStore implements BlobStore {
  readonly kind = 'gridfs' as const;
  readonly #bucket: GridFSBucket;

  constructor(db: Db, bucketName = 'baton_files') {
    // GridFS's default 255 KiB chunks: far below MongoDB's 16 MiB document limit.
    this.#bucket = new GridFSBucket(db, { bucketName });
  }

  async init(): Promise<void> {
    // The bucket creates its indexes on first write.
  }

  async #find(sha256: string) {
    if (!SHA256.test(sha256)) return null;
    const [file] = await this.#bucket.find({ filename: sha256 }).sort({ uploadDate: 1 }).limit(1).toArray();
    return file ?? null;
  }

  async put(source: Readable, maxBytes: number): Promise<PutResult> {
    const upload = this.#bucket.openUploadStream(`pending-${randomUUID()}`);
    const meter = new HashingMeter(maxBytes);
    try {
      await pipeline(source, meter, upload);
    } catch (error) {
      await upload.abort().catch(() => {});
      throw error;
    }
    const sha256 = meter.digest();
    if (await this.#find(sha256)) {
      await this.#bucket.delete(upload.id);
      return { sha256, size: meter.size, created: false };
    }
    await this.#bucket.rename(upload.id, sha256);
    return { sha256, size: meter.size, created: true };
  }

  async open(sha256: string): Promise<{ size: number; stream: Readable } | null> {
    const file = await this.#find(sha256);
    if (!file) return null;
    return { size: file.length, stream: this.#bucket.openDownloadStream(file._id) };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.#find(sha256)) !== null;
  }

  async delete(sha256: string): Promise<void> {
    if (!SHA256.test(sha256)) return;
    for (const file of await this.#bucket.find({ filename: sha256 }).toArray())
      await this.#bucket.delete(file._id);
  }
}
