/**
 * Files on disk beside the embedded store: `<dir>/<first two hex digits>/<sha256>`. An upload is
 * streamed into `<dir>/tmp/` while it is hashed, flushed to disk, then renamed into place — so a
 * file under its hash is always complete, and the same bytes are kept once.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingMeter } from './meter.ts';
import { type BlobStore, type PutResult, SHA256 } from './port.ts';

export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk' as const;

  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    // Whatever a crash left half-written is never visible; start with an empty tmp.
    await rm(join(this.dir, 'tmp'), { recursive: true, force: true });
    await mkdir(join(this.dir, 'tmp'), { recursive: true });
  }

  #path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable, maxBytes: number): Promise<PutResult> {
    const tmp = join(this.dir, 'tmp', randomUUID());
    const meter = new HashingMeter(maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', flush: true }));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const sha256 = meter.digest();
    const target = this.#path(sha256);
    if (await this.has(sha256)) {
      await rm(tmp, { force: true });
      return { sha256, size: meter.size, created: false };
    }
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    await rename(tmp, target);
    return { sha256, size: meter.size, created: true };
  }

  async open(sha256: string): Promise<{ size: number; stream: Readable } | null> {
    if (!SHA256.test(sha256)) return null;
    const path = this.#path(sha256);
    try {
      const { size } = await stat(path);
      return { size, stream: createReadStream(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    try {
      await stat(this.#path(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (!SHA256.test(sha256)) return;
    await rm(this.#path(sha256), { force: true });
  }
}
