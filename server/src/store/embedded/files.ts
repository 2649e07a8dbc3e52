/**
 * File names in the data directory. A generation number ties a snapshot to the journal that continues
 * it: `snapshot-N` holds the state at the moment `journal-N` was started.
 */
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'store.lock';

export const journalFile = (dir: string, gen: number): string => join(dir, `journal-${gen}.jsonl`);
export const snapshotFile = (dir: string, gen: number): string => join(dir, `snapshot-${gen}.jsonl`);
export const snapshotTempFile = (dir: string, gen: number): string => join(dir, `snapshot-${gen}.jsonl.tmp`);

export interface StoreFiles {
  snapshots: number[];
  journals: number[];
  temps: string[];
}

/** Generations present, ascending. Files that are not the store's are ignored. */
export function listStoreFiles(dir: string): StoreFiles {
  const files: StoreFiles = { snapshots: [], journals: [], temps: [] };
  for (const name of readdirSync(dir)) {
    const match = /^(snapshot|journal)-(\d+)\.jsonl(\.tmp)?$/.exec(name);
    if (!match) continue;
    if (match[3]) files.temps.push(join(dir, name));
    else if (match[1] === 'snapshot') files.snapshots.push(Number(match[2]));
    else files.journals.push(Number(match[2]));
  }
  files.snapshots.sort((a, b) => a - b);
  files.journals.sort((a, b) => a - b);
  return files;
}

/** Makes creations, renames and deletions in `dir` durable (a file's fsync does not cover its name). */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
