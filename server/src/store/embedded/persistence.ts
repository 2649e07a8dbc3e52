/**
 * Everything on disk for the embedded store: recovery on open, journal appends, compaction.
 *
 * Compaction protocol (generation g to g+1), crash-safe at every step:
 *   1. create journal-(g+1) and fsync the directory; fsync and close journal-g; new writes go to g+1.
 *      In the same tick, capture the live documents (references: stored documents are immutable).
 *   2. write snapshot-(g+1).jsonl.tmp from the capture, fsync it.
 *   3. rename it to snapshot-(g+1).jsonl, fsync the directory.
 *   4. delete snapshots and journals older than g+1.
 * Recovery loads the newest complete snapshot and replays every journal from its generation on. A crash
 * before 3 leaves snapshot-g + journal-g + journal-(g+1) (the tmp file is discarded); after 3,
 * snapshot-(g+1) + journal-(g+1), with older files cleaned up on open. Either way nothing is lost.
 */
import { renameSync, rmSync } from 'node:fs';
import type { StoreLogger } from '../shared/logger.ts';
import { fsyncDir, journalFile, listStoreFiles, snapshotFile, snapshotTempFile } from './files.ts';
import { type FsyncPolicy, JournalBrokenError, JournalWriter } from './journal.ts';
import { type ReplaySink, recover } from './recovery.ts';
import { type CollectionState, writeSnapshot } from './snapshot.ts';

export type CompactionStep = 'journal-switched' | 'snapshot-written' | 'snapshot-installed';

export interface PersistenceOptions {
  dir: string;
  fsync: FsyncPolicy;
  /** Compact once the journal holds at least this many bytes (and more than 2 records per live document). */
  compactMinBytes: number;
  logger: StoreLogger;
  /** Test hook, called after each compaction step; throwing there leaves the files as a crash would. */
  onCompactionStep?: (step: CompactionStep) => void;
}

/** After a failed background compaction, wait this long before trying again. */
const RETRY_AFTER_MS = 30_000;

export class Persistence {
  private journal: JournalWriter;
  private pendingRecords: number;
  private compacting: Promise<void> | undefined;
  private retryAt = 0;
  private broken: Error | undefined;

  constructor(
    private readonly options: PersistenceOptions,
    sink: ReplaySink,
  ) {
    const recovered = recover(options.dir, options.logger, sink);
    this.pendingRecords = recovered.pendingRecords;
    this.journal = this.openJournal(recovered.journalGen, recovered.journalSize, recovered.journalRecords);
    fsyncDir(options.dir);
  }

  private openJournal(gen: number, size = 0, records = 0): JournalWriter {
    return new JournalWriter(
      journalFile(this.options.dir, gen),
      gen,
      this.options.fsync,
      (error) =>
        this.fail(
          new JournalBrokenError(
            journalFile(this.options.dir, gen),
            new Error(`fdatasync failed: ${error.message}`),
          ),
        ),
      size,
      records,
    );
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.options.logger.warn(`store stopped accepting writes: ${error.message}`);
  }

  /** Throws if an earlier disk failure means writes can no longer be made durable. */
  assertWritable(): void {
    if (this.broken) throw this.broken;
  }

  /** Appends journal lines; returns once they are in the page cache (and on disk with fsync 'always'). */
  append(lines: readonly string[], records: number): void {
    this.assertWritable();
    try {
      this.journal.append(lines, records);
    } catch (error) {
      if (error instanceof JournalBrokenError) this.fail(error);
      throw error;
    }
    this.pendingRecords += records;
  }

  /** Starts a background compaction when the journal has grown well past the live data. */
  maybeCompact(liveDocs: number, capture: () => CollectionState): void {
    const { size, records } = this.journal;
    if (this.compacting || this.broken || Date.now() < this.retryAt) return;
    if (size < this.options.compactMinBytes || records <= 2 * liveDocs) return;
    this.compact(capture).catch((error: Error) => {
      this.retryAt = Date.now() + RETRY_AFTER_MS;
      this.options.logger.warn(`compaction failed, will retry later (no data is lost): ${error.message}`);
    });
  }

  /** Runs a compaction (or joins the one running). */
  compact(capture: () => CollectionState): Promise<void> {
    this.assertWritable();
    this.compacting ??= this.runCompaction(capture).finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  private async runCompaction(capture: () => CollectionState): Promise<void> {
    const { dir, logger } = this.options;
    const gen = this.journal.gen + 1;
    const started = Date.now();

    // 1. Synchronous, so no write slips between the switch and the capture.
    const next = this.openJournal(gen);
    fsyncDir(dir);
    const previous = this.journal;
    this.journal = next;
    try {
      previous.close(); // fsyncs: no later write may reach disk before an earlier one
    } catch (error) {
      this.fail(
        new JournalBrokenError(previous.path, new Error(`fdatasync failed: ${(error as Error).message}`)),
      );
      throw error;
    }
    const state = capture();
    this.step('journal-switched');

    // 2.
    const temp = snapshotTempFile(dir, gen);
    let count: number;
    try {
      count = await writeSnapshot(temp, gen, state);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    this.step('snapshot-written');

    // 3.
    renameSync(temp, snapshotFile(dir, gen));
    fsyncDir(dir);
    this.pendingRecords = this.journal.records; // only writes since the switch are not in the snapshot
    this.step('snapshot-installed');

    // 4.
    const files = listStoreFiles(dir);
    for (const old of files.snapshots) if (old < gen) rmSync(snapshotFile(dir, old), { force: true });
    for (const old of files.journals) if (old < gen) rmSync(journalFile(dir, old), { force: true });
    logger.info(`compacted the store to generation ${gen}: ${count} documents in ${Date.now() - started} ms`);
  }

  private step(step: CompactionStep): void {
    this.options.onCompactionStep?.(step);
  }

  /** Waits for a running compaction, compacts what the journals hold, and closes the journal. */
  async close(capture: () => CollectionState): Promise<void> {
    try {
      await this.compacting;
    } catch {
      // already logged; the journals still hold everything
    }
    try {
      if (!this.broken && this.pendingRecords > 0) await this.compact(capture);
    } catch (error) {
      this.options.logger.warn(`compaction on close failed (no data is lost): ${(error as Error).message}`);
    } finally {
      this.journal.close();
    }
  }
}
