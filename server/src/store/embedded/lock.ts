/**
 * One process per data directory: two processes appending to the same journal would interleave and
 * corrupt it. The lock file holds the owner's pid; a lock whose pid is dead was left by a crash and is
 * taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreLogger } from '../shared/logger.ts';
import { LOCK_FILE } from './files.ts';

export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
}

/** Takes the lock or throws StoreLockedError; returns the release function. */
export function acquireLock(dir: string, logger: StoreLogger): () => void {
  const path = join(dir, LOCK_FILE);
  const temp = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
  // Written aside then linked into place: the lock never exists without its pid (link fails if taken).
  writeFileSync(temp, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(temp, path);
        return () => release(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readPid(path);
      if (holder !== undefined && isAlive(holder)) {
        throw new StoreLockedError(
          `data directory ${dir} is in use by process ${holder} (${path}); only one Baton process may use ` +
            'a data directory. If that process is not a Baton store, delete the lock file.',
        );
      }
      logger.warn(
        `taking over ${path}: its process ${holder ?? '(unknown)'} is gone (it did not shut down cleanly)`,
      );
      rmSync(path, { force: true });
    }
    throw new StoreLockedError(`could not lock data directory ${dir}: ${path} keeps reappearing`);
  } finally {
    rmSync(temp, { force: true });
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(path: string): void {
  if (readPid(path) === process.pid) rmSync(path, { force: true });
}
