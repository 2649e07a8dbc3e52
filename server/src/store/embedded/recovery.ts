/**
 * Rebuilding state on open: the newest complete snapshot, then every journal from its generation on,
 * in order. Damage is never skipped silently: the only thing repaired is a torn last line of the newest
 * journal (a crash mid-append, so never acknowledged), which is cut off with a warning.
 */
import { rmSync, statSync, truncateSync } from 'node:fs';
import type { StoreLogger } from '../shared/logger.ts';
import { isPlainObject } from '../shared/validate.ts';
import { journalFile, listStoreFiles, snapshotFile } from './files.ts';
import type { Doc } from './json.ts';
import { type Line, readLines } from './lines.ts';
import { CorruptFileError, readSnapshot } from './snapshot.ts';

export interface ReplaySink {
  put(collection: string, doc: Doc): void;
  del(collection: string, id: string): void;
}

export interface Recovered {
  /** Generation of the snapshot the on-disk chain starts from (none before the first compaction). */
  snapshotGen: number | undefined;
  /** The newest journal, which new writes append to (it may not exist yet). */
  journalGen: number;
  journalSize: number;
  journalRecords: number;
  /** Records in all journals of the chain, i.e. not yet folded into a snapshot. */
  pendingRecords: number;
}

export function recover(dir: string, logger: StoreLogger, sink: ReplaySink): Recovered {
  const files = listStoreFiles(dir);
  for (const temp of files.temps) {
    rmSync(temp, { force: true });
    logger.warn(
      `removed ${temp}: an unfinished snapshot from an interrupted compaction (the journals still hold its data)`,
    );
  }
  const snapshotGen = files.snapshots.at(-1);
  if (snapshotGen !== undefined) readSnapshot(snapshotFile(dir, snapshotGen), snapshotGen, sink.put);

  const chain = files.journals.filter((gen) => snapshotGen === undefined || gen >= snapshotGen);
  const first = snapshotGen ?? 1;
  chain.forEach((gen, i) => {
    if (gen !== first + i) {
      throw new CorruptFileError(
        `${journalFile(dir, first + i)} is missing but later journals exist in ${dir}`,
      );
    }
  });

  let pendingRecords = 0;
  let last = { size: 0, records: 0 };
  chain.forEach((gen, i) => {
    last = replayJournal(journalFile(dir, gen), i === chain.length - 1, sink, logger);
    pendingRecords += last.records;
  });

  // Leftovers of a compaction that installed its snapshot but crashed before cleaning up.
  for (const gen of files.snapshots) if (gen < first) rmSync(snapshotFile(dir, gen), { force: true });
  for (const gen of files.journals) if (gen < first) rmSync(journalFile(dir, gen), { force: true });

  return {
    snapshotGen,
    journalGen: chain.at(-1) ?? first,
    journalSize: last.size,
    journalRecords: last.records,
    pendingRecords,
  };
}

type JournalRecord = { op: 'put'; c: string; doc: Doc } | { op: 'del'; c: string; id: string };

function parseRecord(line: Line): JournalRecord | undefined {
  if (!line.terminated) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || typeof value.c !== 'string') return undefined;
  if (value.op === 'put' && isPlainObject(value.doc) && typeof value.doc._id === 'string') {
    return value as JournalRecord;
  }
  if (value.op === 'del' && typeof value.id === 'string') return value as JournalRecord;
  return undefined;
}

function replayJournal(
  path: string,
  isNewest: boolean,
  sink: ReplaySink,
  logger: StoreLogger,
): { size: number; records: number } {
  let records = 0;
  let bad: Line | undefined;
  for (const line of readLines(path)) {
    if (bad) throw new CorruptFileError(`journal ${path} line ${bad.number} is corrupt (not a valid record)`);
    const record = parseRecord(line);
    if (!record) {
      bad = line;
      continue;
    }
    if (record.op === 'put') sink.put(record.c, record.doc);
    else sink.del(record.c, record.id);
    records++;
  }
  if (bad) {
    if (!isNewest)
      throw new CorruptFileError(`journal ${path} line ${bad.number} is corrupt (not a valid record)`);
    truncateSync(path, bad.start);
    logger.warn(
      `journal ${path}: removed torn last line ${bad.number} (${bad.terminated ? 'unparseable' : 'unterminated'}), ` +
        'left by a crash mid-write; that write was never acknowledged',
    );
  }
  return { size: statSync(path).size, records };
}
