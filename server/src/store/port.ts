/**
 * The store port: the one persistence contract every Baton module uses.
 *
 * It is phrased in MongoDB's terms (collections of JSON documents, query filters, update operators,
 * indexes, atomic find-and-modify) so that the MongoDB adapter is a thin pass-through and the embedded
 * adapter can reuse a faithful implementation of the same query language (mingo). Both adapters pass
 * the one contract suite in `contract.ts`; no module outside `store/` may know which one runs.
 *
 * Documents are plain JSON: strings, finite numbers, booleans, null, arrays and objects. Dates are
 * stored as ISO-8601 strings (they sort correctly as strings), which keeps both adapters and every
 * JSON Schema in agreement.
 */

/** Every stored document has a string primary key. Modules choose it (prefixed ULIDs by convention). */
export interface StoredDocument {
  _id: string;
}

/**
 * A MongoDB query filter. The supported subset, pinned by the contract suite: equality (also on dotted
 * paths and array membership), `$eq $ne $gt $gte $lt $lte $in $nin $exists $regex $elemMatch $all`,
 * and the logical `$and $or $nor $not`.
 */
export type Filter = Record<string, unknown>;

/**
 * A MongoDB update document. Supported operators, pinned by the contract suite:
 * `$set $unset $inc $min $max $push (with $each, $slice) $addToSet (with $each) $pull $setOnInsert`.
 * Replacement documents are not supported: say what changes.
 */
export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, '' | 1 | true>;
  $inc?: Record<string, number>;
  $min?: Record<string, unknown>;
  $max?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
}

/** 1 ascending, -1 descending. Sorting follows MongoDB's order for the JSON types above. */
export type SortSpec = Record<string, 1 | -1>;

/** 1 to include, 0 to exclude (MongoDB rules: no mixing except for `_id`). */
export type Projection = Record<string, 0 | 1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface IndexSpec {
  /** Index keys in order, e.g. `{ customerId: 1, createdAt: -1 }`. */
  keys: Record<string, 1 | -1>;
  /** A stable name; defaults to MongoDB's `field_1_other_-1` naming. */
  name?: string;
  unique?: boolean;
  /**
   * Only documents that have every key field are indexed (MongoDB's sparse). With `unique`, this is
   * what makes an optional unique field such as `externalId` work.
   */
  sparse?: boolean;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  /** Set when `upsert` inserted a new document. */
  upsertedId?: string;
}

export interface FindOneAndUpdateOptions {
  /** When several documents match, the first in this order is the one updated. */
  sort?: SortSpec;
  upsert?: boolean;
  /** Which version of the document to return. Defaults to `'after'` (unlike MongoDB's driver). */
  returnDocument?: 'before' | 'after';
}

export interface Collection<T extends StoredDocument> {
  readonly name: string;
  /** Idempotent: declaring the same index again is a no-op. */
  createIndex(spec: IndexSpec): Promise<void>;
  /** Throws {@link DuplicateKeyError} when a unique index (or `_id`) already holds the key. */
  insertOne(doc: T): Promise<void>;
  /** Inserts in order and stops at the first duplicate, which it throws (MongoDB's ordered insert). */
  insertMany(docs: readonly T[]): Promise<void>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit' | 'skip'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomic read-modify-write: the primitive behind leases, counters and idempotent upserts. */
  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null>;
  deleteOne(filter: Filter): Promise<{ deletedCount: number }>;
  deleteMany(filter: Filter): Promise<{ deletedCount: number }>;
}

export interface Store {
  /**
   * Which adapter runs; reported by `/api/health`. Also tells whether other processes may write the
   * same data (MongoDB) or not (embedded: one process per locked folder), which routing's workload
   * counter uses to decide whether it must re-read.
   */
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends StoredDocument>(name: string): Collection<T>;
  /** Round-trips to the backing store; throws when it is unreachable. */
  ping(): Promise<void>;
  /** Flushes pending writes and releases files, sockets and locks. Idempotent. */
  close(): Promise<void>;
}

/** A unique index (or `_id`) refused a write. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  constructor(
    readonly collection: string,
    /** The index that refused the write (`_id_` for the primary key). */
    readonly index: string,
    /** The key fields and values that collided. */
    readonly key: Record<string, unknown>,
  ) {
    super(`duplicate key in ${collection} (index ${index}): ${JSON.stringify(key)}`);
  }
}

/** A filter or update that the store cannot execute (unknown operator, bad shape). */
export class StoreQueryError extends Error {
  override readonly name = 'StoreQueryError';
}
