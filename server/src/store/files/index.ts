/**
 * Opening the file store that belongs with a store: files on disk in `<data dir>/files` beside the
 * embedded store, GridFS beside MongoDB. Modules receive a {@link BlobStore} and never learn which.
 */
import { join } from 'node:path';
import { EmbeddedStore } from '../embedded/store.ts';
import { MongoStore } from '../mongodb/store.ts';
import type { Store } from '../port.ts';
import { DiskBlobStore } from './disk.ts';
import { GridFsBlobStore } from './gridfs.ts';
import type { BlobStore } from './port.ts';

export * from './port.ts';

export function openBlobStore(store: Store): BlobStore {
  if (store instanceof EmbeddedStore) return new DiskBlobStore(join(store.dir, 'files'));
  if (store instanceof MongoStore) return new GridFsBlobStore(store.db);
  throw new Error(`no file store for a ${store.kind} store`);
}
