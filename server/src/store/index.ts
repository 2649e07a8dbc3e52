/**
 * Opening the store. Modules receive a {@link Store} and never learn which adapter runs: MongoDB when
 * a URI is configured, otherwise the embedded store in `dataDir`.
 */

import type { FsyncPolicy } from './embedded/journal.ts';
import { openEmbeddedStore } from './embedded/store.ts';
import type { Store } from './port.ts';
import type { StoreLogger } from './shared/logger.ts';

export type { FsyncPolicy } from './embedded/journal.ts';
export * from './port.ts';
export type { StoreLogger } from './shared/logger.ts';

export interface OpenStoreOptions {
  /** Embedded store folder (ignored with `mongodbUri`). One process per folder: it is locked. */
  dataDir: string;
  /** `mongodb://…` or `mongodb+srv://…`; the database is the URI's path, default `baton`. */
  mongodbUri?: string;
  /** Embedded store only. 'interval' (default): fsync at most once a second; 'always': on every write. */
  fsync?: FsyncPolicy;
  logger?: StoreLogger;
  /** MongoDB only: how long to wait for a reachable server at open (default 5000 ms). */
  serverSelectionTimeoutMS?: number;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.mongodbUri) {
    // Loaded only when configured: the driver costs ~0.2 s of CPU to load, for nothing on the embedded store.
    const { openMongoStore } = await import('./mongodb/store.ts');
    return openMongoStore({
      uri: options.mongodbUri,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.serverSelectionTimeoutMS
        ? { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS }
        : {}),
    });
  }
  return openEmbeddedStore({
    dir: options.dataDir,
    ...(options.fsync ? { fsync: options.fsync } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
