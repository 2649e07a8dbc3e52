/**
 * The MongoDB adapter: one MongoClient, one database. Opening fails fast (short server selection
 * timeout) with a message naming the host but never the credentials.
 */
import { type Db, type Document, MongoClient } from 'mongodb';
import { GridFsBlobStore } from '../files/gridfs.ts';
import type { Collection, Store, StoredDocument } from '../port.ts';
import { consoleLogger, type StoreLogger } from '../shared/logger.ts';
import { assertCollectionName } from '../shared/validate.ts';
import { MongoCollection } from './collection.ts';
import { databaseFromUri, describeUri, redactCredentials } from './uri.ts';

export interface MongoStoreOptions {
  uri: string;
  /** Defaults to the URI's path, else `baton`. */
  dbName?: string;
  /** How long open (and later operations) wait for a usable server. Default 5000 ms. */
  serverSelectionTimeoutMS?: number;
  logger?: StoreLogger;
}

export const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5000;

export class MongoStoreUnavailableError extends Error {
  override readonly name = 'MongoStoreUnavailableError';
}

export async function openMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const where = describeUri(options.uri);
  const timeout = options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS;
  const dbName = options.dbName ?? databaseFromUri(options.uri) ?? 'baton';
  let client: MongoClient;
  try {
    client = new MongoClient(options.uri, {
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      // undefined fields are dropped, as JSON (and the embedded store) would, instead of stored as null
      ignoreUndefined: true,
      appName: 'baton',
    });
  } catch (error) {
    throw new MongoStoreUnavailableError(
      `invalid MongoDB URI for ${where}: ${redactCredentials((error as Error).message, options.uri)}`,
    );
  }
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    await client.close().catch(() => {});
    throw new MongoStoreUnavailableError(
      `cannot reach MongoDB at ${where} within ${timeout} ms: ${redactCredentials((error as Error).message, options.uri)}`,
    );
  }
  (options.logger ?? consoleLogger).info(`connected to MongoDB at ${where}, database ${dbName}`);
  return new MongoStore(client, client.db(dbName));
}

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly collections = new Map<string, MongoCollection<StoredDocument>>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {}

  /** Files beside this store: GridFS in the same database. */
  blobStore(): GridFsBlobStore {
    return new GridFsBlobStore(this.db);
  }

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MongoCollection(this.db.collection<Document>(name));
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    await this.client.db('admin').command({ ping: 1 });
  }

  close(): Promise<void> {
    this.closing ??= this.client.close();
    return this.closing;
  }
}
