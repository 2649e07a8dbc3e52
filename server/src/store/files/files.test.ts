import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openMongoStore } from '../mongodb/store.ts';
import { bytesStream, describeBlobStoreContract } from './contract.ts';
import { DiskBlobStore } from './disk.ts';
import { GridFsBlobStore } from './gridfs.ts';

describeBlobStoreContract('disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'baton-files-'));
  return { blobs: new DiskBlobStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

const mongoUri = process.env.MONGODB_URI;
if (mongoUri) {
  describeBlobStoreContract('gridfs', async () => {
    const store = await openMongoStore({
      uri: mongoUri,
      dbName: `baton_files_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
      serverSelectionTimeoutMS: 5000,
    });
    return {
      blobs: new GridFsBlobStore(store.db),
      close: async () => {
        await store.db.dropDatabase();
        await store.close();
      },
    };
  });
}

it('disk: an upload cut off over the limit leaves no temporary file behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'baton-files-'));
  const blobs = new DiskBlobStore(dir);
  await blobs.init();
  await expect(blobs.put(bytesStream(100_000), 1000)).rejects.toThrow(/larger than 1000 bytes/);
  expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});
