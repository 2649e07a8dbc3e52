/**
 * The file-store contract: every adapter (disk, GridFS) passes the same suite.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type BlobStore, BlobTooLargeError } from './port.ts';

export interface OpenedBlobStore {
  blobs: BlobStore;
  close(): Promise<void>;
}

/** A stream of `size` bytes in 64 KiB pieces, never held whole. */
export function bytesStream(size: number, seed = 1): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(64 * 1024, size - sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = ((sent + i) * 31 + seed) % 251;
      sent += n;
      this.push(chunk);
    },
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function describeBlobStoreContract(name: string, open: () => Promise<OpenedBlobStore>): void {
  describe(`file store contract: ${name}`, () => {
    let opened: OpenedBlobStore | undefined;
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });
    const start = async () => {
      opened = await open();
      await opened.blobs.init();
      return opened.blobs;
    };

    it('stores bytes under their SHA-256, once, and streams them back', async () => {
      const blobs = await start();
      const size = 700 * 1024 + 17;
      const expected = await collect(bytesStream(size));
      const sha256 = createHash('sha256').update(expected).digest('hex');
      expect(await blobs.put(bytesStream(size), size)).toEqual({ sha256, size, created: true });
      expect(await blobs.put(bytesStream(size), size)).toEqual({ sha256, size, created: false });
      expect(await blobs.has(sha256)).toBe(true);
      const found = await blobs.open(sha256);
      expect(found?.size).toBe(size);
      expect((await collect(found?.stream as Readable)).equals(expected)).toBe(true);
    });

    it('refuses a stream over the limit and keeps nothing of it', async () => {
      const blobs = await start();
      await expect(blobs.put(bytesStream(300 * 1024, 7), 200 * 1024)).rejects.toBeInstanceOf(
        BlobTooLargeError,
      );
      const exact = await blobs.put(bytesStream(200 * 1024, 7), 200 * 1024);
      expect(exact.created).toBe(true);
    });

    it('answers null for what it does not hold, and deletes', async () => {
      const blobs = await start();
      expect(await blobs.open('0'.repeat(64))).toBeNull();
      expect(await blobs.open('not-a-hash')).toBeNull();
      const { sha256 } = await blobs.put(bytesStream(10), 10);
      await blobs.delete(sha256);
      expect(await blobs.has(sha256)).toBe(false);
    });
  });
}
