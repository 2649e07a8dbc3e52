/**
 * The port's Collection as a thin pass-through to the official driver. The additions are the port's
 * promises MongoDB does not make by itself: string `_id`s on upsert, `returnDocument: 'after'` by
 * default, JSON-normalised documents, the same shape checks as the embedded store, and errors mapped
 * to DuplicateKeyError / StoreQueryError.
 */
import type {
  CreateIndexesOptions,
  Document,
  Collection as DriverCollection,
  Filter as DriverFilter,
  Sort,
  UpdateFilter,
} from 'mongodb';
import type {
  Collection,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  StoredDocument,
  Update,
  UpdateResult,
} from '../port.ts';
import { toPlainJson, toPlainJsonDocument } from '../shared/encode.ts';
import { newDocumentId } from '../shared/ids.ts';
import { normalizeIndexSpec } from '../shared/index-name.ts';
import { upsertPinsId } from '../shared/upsert.ts';
import { assertFilter, assertFindOptions, assertSort, assertUpdate } from '../shared/validate.ts';
import { toStoreError } from './errors.ts';

export class MongoCollection<T extends StoredDocument> implements Collection<T> {
  constructor(private readonly driver: DriverCollection<Document>) {}

  get name(): string {
    return this.driver.collectionName;
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const def = normalizeIndexSpec(spec);
    const fields = Object.keys(def.keys);
    const options: CreateIndexesOptions = { name: def.name, unique: def.unique };
    if (def.sparse && fields.length === 1) options.sparse = true;
    if (def.sparse && fields.length > 1) {
      // MongoDB's sparse indexes a compound key if *any* field is present; the port promises *every*.
      options.partialFilterExpression = Object.fromEntries(fields.map((f) => [f, { $exists: true }]));
    }
    await this.run(() => this.driver.createIndex(def.keys, options));
  }

  async insertOne(doc: T): Promise<void> {
    const normalized = normalize(doc);
    await this.run(() => this.driver.insertOne(normalized));
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    const normalized = docs.map(normalize);
    await this.run(() => this.driver.insertMany(normalized, { ordered: true }), normalized);
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit' | 'skip'> = {}): Promise<T | null> {
    const [doc] = await this.find(filter, { ...options, limit: 1 });
    return doc ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    assertFilter(filter);
    assertFindOptions(options);
    const docs = await this.run(() => {
      const cursor = this.driver.find(filter as DriverFilter<Document>);
      const sort = sortOf(options.sort);
      if (sort) cursor.sort(sort);
      if (options.skip) cursor.skip(options.skip);
      if (options.limit) cursor.limit(options.limit);
      if (options.projection && Object.keys(options.projection).length > 0)
        cursor.project(options.projection);
      return cursor.toArray();
    });
    return docs as unknown as T[];
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    assertFilter(filter);
    return this.run(() => this.driver.countDocuments(filter as DriverFilter<Document>));
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    assertFilter(filter);
    const upsert = options.upsert ?? false;
    const driverUpdate = prepareUpdate(filter, update, upsert);
    const result = await this.run(() =>
      this.driver.updateOne(filter as DriverFilter<Document>, driverUpdate, { upsert }),
    );
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      ...(result.upsertedId != null ? { upsertedId: String(result.upsertedId) } : {}),
    };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertFilter(filter);
    const driverUpdate = prepareUpdate(filter, update, false);
    const result = await this.run(() =>
      this.driver.updateMany(filter as DriverFilter<Document>, driverUpdate),
    );
    return { matchedCount: result.matchedCount, modifiedCount: result.modifiedCount };
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    assertFilter(filter);
    assertSort(options.sort);
    const upsert = options.upsert ?? false;
    const driverUpdate = prepareUpdate(filter, update, upsert);
    const sort = sortOf(options.sort);
    // Driver 7 returns the document itself unless includeResultMetadata is set.
    const doc = await this.run(() =>
      this.driver.findOneAndUpdate(filter as DriverFilter<Document>, driverUpdate, {
        upsert,
        returnDocument: options.returnDocument ?? 'after',
        includeResultMetadata: false,
        ...(sort ? { sort } : {}),
      }),
    );
    return (doc as T | null) ?? null;
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    assertFilter(filter);
    const result = await this.run(() => this.driver.deleteOne(filter as DriverFilter<Document>));
    return { deletedCount: result.deletedCount };
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    assertFilter(filter);
    const result = await this.run(() => this.driver.deleteMany(filter as DriverFilter<Document>));
    return { deletedCount: result.deletedCount };
  }

  private async run<R>(operation: () => Promise<R>, docs?: readonly unknown[]): Promise<R> {
    try {
      return await operation();
    } catch (error) {
      throw toStoreError(this.name, error, docs);
    }
  }
}

/** Documents are plain JSON (port.ts): undefined fields dropped, Dates as ISO strings, as embedded. */
function normalize(doc: unknown): Document {
  return toPlainJsonDocument<Document>(doc);
}

function sortOf(sort: Record<string, 1 | -1> | undefined): Sort | undefined {
  return sort && Object.keys(sort).length > 0 ? sort : undefined;
}

/** The operators whose operands become stored values: made plain JSON first, as inserts are. */
const VALUE_OPERATORS = ['$set', '$setOnInsert', '$push', '$addToSet'] as const;

/**
 * The update as the driver gets it: values made plain JSON (a Date stored as its ISO string, as the
 * embedded adapter stores it), and an upsert given a string _id (MongoDB would give it an ObjectId;
 * the port promises string ids).
 */
function prepareUpdate(filter: Filter, update: Update, upsert: boolean): UpdateFilter<Document> {
  assertUpdate(update);
  let prepared: Update = update;
  for (const op of VALUE_OPERATORS) {
    const operand = update[op];
    if (operand) prepared = { ...prepared, [op]: toPlainJson(operand) };
  }
  if (!upsert || upsertPinsId(filter, update)) return prepared as UpdateFilter<Document>;
  return {
    ...prepared,
    $setOnInsert: { ...prepared.$setOnInsert, _id: newDocumentId() },
  } as UpdateFilter<Document>;
}
