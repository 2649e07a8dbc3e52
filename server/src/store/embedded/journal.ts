/**
 * The append-only journal writer. `append` returns only once the bytes are in the OS page cache
 * (fs.writeSync), so an acknowledged write survives the process being killed; fsync decides what also
 * survives losing power:
 * - 'always': fdatasync after every append, before it returns.
 * - 'interval': fdatasync at most once per second, within a second of a write.
 */
import { closeSync, fdatasyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

export type FsyncPolicy = 'always' | 'interval';

export const FSYNC_INTERVAL_MS = 1000;

export class JournalWriter {
  private readonly fd: number;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private closed = false;

  /**
   * @param size bytes already in the file (recovery truncated any torn tail)
   * @param records records already in the file, for the compaction threshold
   */
  constructor(
    readonly path: string,
    readonly gen: number,
    private readonly fsync: FsyncPolicy,
    /** Called when a background fsync fails: what was acknowledged may not be on disk. */
    private readonly onSyncError: (error: Error) => void,
    public size = 0,
    public records = 0,
  ) {
    this.fd = openSync(path, 'a');
  }

  /**
   * Appends whole lines. On failure the file is cut back to its previous length, so a half-written
   * record never sits in front of later ones; if even that fails, the error says so and the caller
   * must stop writing.
   */
  append(text: string, records: number): void {
    const bytes = Buffer.from(text, 'utf8');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch (truncateError) {
        const why = `append failed: ${(error as Error).message}; cutting it back failed: ${(truncateError as Error).message}`;
        throw new JournalBrokenError(this.path, new Error(why, { cause: error }));
      }
      throw error;
    }
    this.size += bytes.length;
    this.records += records;
    if (this.fsync === 'always') {
      try {
        fdatasyncSync(this.fd);
      } catch (error) {
        throw new JournalBrokenError(this.path, new Error(`fdatasync failed: ${(error as Error).message}`));
      }
    } else {
      this.dirty = true;
      this.timer ??= setTimeout(() => this.backgroundSync(), FSYNC_INTERVAL_MS).unref();
    }
  }

  private backgroundSync(): void {
    this.timer = undefined;
    try {
      this.sync();
    } catch (error) {
      this.onSyncError(error as Error);
    }
  }

  /** fdatasync now if anything was appended since the last one. */
  sync(): void {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.sync();
    } finally {
      this.closed = true;
      closeSync(this.fd);
    }
  }
}

/** The journal can no longer be trusted to be well-formed or durable; the store must stop writing. */
export class JournalBrokenError extends Error {
  override readonly name = 'JournalBrokenError';
  constructor(path: string, cause: Error) {
    super(`journal ${path} is in an unknown state (${cause.message}); restart to recover from disk`, {
      cause,
    });
  }
}
