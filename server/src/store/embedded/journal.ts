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

/** The encode buffer's starting size; it grows to the largest group written (at most 4 MB) and stays. */
const INITIAL_BUFFER_BYTES = 64 * 1024;
/** A group bigger than this (a bulk import) gets a buffer of its own, so none that size stays behind. */
const MAX_REUSED_BUFFER_BYTES = 4 * 1024 * 1024;

export class JournalWriter {
  private readonly fd: number;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private closed = false;
  /**
   * Reused for every append (a group commit per event-loop turn, tens of kilobytes under load)
   * instead of a new off-heap buffer each time.
   */
  private buffer = Buffer.allocUnsafe(INITIAL_BUFFER_BYTES);

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
  append(lines: readonly string[], records: number): void {
    const { bytes, length } = this.encode(lines);
    try {
      let written = 0;
      while (written < length) written += writeSync(this.fd, bytes, written, length - written);
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch (truncateError) {
        const why = `append failed: ${(error as Error).message}; cutting it back failed: ${(truncateError as Error).message}`;
        throw new JournalBrokenError(this.path, new Error(why, { cause: error }));
      }
      throw error;
    }
    this.size += length;
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

  /**
   * The lines as UTF-8, one after the other: in the reused buffer (grown first if they might not
   * fit), or in one of their own when they are huge. Each line is encoded on its own: a string
   * concatenated from thousands of lines is a rope, and encoding one cost 20–40 times more.
   */
  private encode(lines: readonly string[]): { bytes: Buffer; length: number } {
    let units = 0;
    for (const line of lines) units += line.length;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units).
    const worst = units * 3;
    let bytes = this.buffer;
    if (worst > MAX_REUSED_BUFFER_BYTES) {
      let exact = 0; // a bulk import: its exact size, not three times its length in code units
      for (const line of lines) exact += Buffer.byteLength(line, 'utf8');
      bytes = Buffer.allocUnsafe(exact);
    } else if (worst > this.buffer.length) {
      bytes = this.buffer = Buffer.allocUnsafe(
        Math.min(MAX_REUSED_BUFFER_BYTES, Math.max(worst, this.buffer.length * 2)),
      );
    }
    let length = 0;
    for (const line of lines) length += bytes.write(line, length, 'utf8');
    return { bytes, length };
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
