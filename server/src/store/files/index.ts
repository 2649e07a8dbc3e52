/**
 * Opening the file store that belongs with a store: files on disk in `<data dir>/files` beside the
 * embedded store, GridFS beside MongoDB. Modules receive a {@link BlobStore} and never learn which.
 */
import { join } from 'node:path';
import { EmbeddedStore } from '../embedded/store.ts';
import type { MongoStore } from '../mongodb/store.ts';
import type { Store } from '../port.ts';
import { DiskBlobStore } from './disk.ts';
import type { BlobStore } from './port.ts';

export * from './port.ts';

export function openBlobStore(store: Store): BlobStore {
  if (store instanceof EmbeddedStore) return new DiskBlobStore(join(store.dir, 'files'));
  // Asked of the store rather than imported here, so a server on the embedded store never loads the
  // MongoDB driver (~0.2 s of CPU at start-up).
  if (store.kind === 'mongodb') return (store as MongoStore).blobStore();
  throw new Error(`no file store for a ${store.kind} store`);
}
