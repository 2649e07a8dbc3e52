/**
 * The port's Collection over one in-memory {@link Table}. Each operation's read-modify-write runs
 * without awaiting, so on Node's single thread it is atomic: that is all findOneAndUpdate needs for
 * leases. Writes change the table first (unique checks refuse before anything changes), then wait for
 * the store's next group commit to journal the resulting documents, and only then resolve; if that
 * journal write fails the table is put back and the write rejects.
 */
import type {
  Collection,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  SortSpec,
  StoredDocument,
  Update,
  UpdateResult,
} from '../port.ts';
import { normalizeIndexSpec } from '../shared/index-name.ts';
import { assertFilter, assertFindOptions, assertSort, assertUpdate } from '../shared/validate.ts';
import { cloneJson, type Doc, encodeDocument } from './json.ts';
import { candidates, sortedMatches } from './planner.ts';
import { type MatcherCache, project } from './query.ts';
import type { Table } from './table.ts';
import { applyUpdate, buildUpsertDocument } from './update.ts';

/** One document's change: a put (`json` is `after` serialised) or a delete of `before`. */
export type Change =
  | { id: string; before: Doc | undefined; after: Doc; json: string }
  | { id: string; before: Doc; after: undefined };

/** What a collection needs from its store. */
export interface CollectionHost {
  assertOpen(): void;
  /**
   * Journals applied changes with the next group commit; resolves once they are written (that is the
   * acknowledgement). On failure every change of the group is undone in its table and it rejects.
   */
  commit(table: Table, changes: Change[]): Promise<void>;
  /** Compiled filters, shared by the store's collections. */
  readonly matchers: MatcherCache;
}

/** A document just written, and the promise of its journal flush. */
interface Written {
  doc: Doc;
  flushed: Promise<void>;
}

export class EmbeddedCollection<T extends StoredDocument> implements Collection<T> {
  constructor(
    private readonly table: Table,
    private readonly host: CollectionHost,
  ) {}

  get name(): string {
    return this.table.name;
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    this.host.assertOpen();
    const def = normalizeIndexSpec(spec);
    if (def.name === '_id_' || (Object.keys(def.keys).join() === '_id' && !def.unique && !def.sparse)) return;
    this.table.createIndex(def);
  }

  async insertOne(doc: T): Promise<void> {
    this.host.assertOpen();
    const { doc: stored, json } = encodeDocument(doc);
    this.table.insert(stored);
    await this.host.commit(this.table, [{ id: stored._id, before: undefined, after: stored, json }]);
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    this.host.assertOpen();
    await this.writeEach(docs, (doc) => {
      const { doc: stored, json } = encodeDocument(doc);
      this.table.insert(stored);
      return { id: stored._id, before: undefined, after: stored, json };
    });
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit' | 'skip'> = {}): Promise<T | null> {
    // Not through `find`: awaiting it was a second promise and a second turn for the likeliest read.
    // The limit is passed beside the options, not spread into a copy of them: V8 takes a slow path
    // for a field a literal defines after a leading spread (~0.7 µs, on every findOne).
    return this.read(filter, options, 1)[0] ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.read(filter, options);
  }

  private read(filter: Filter, options: FindOptions, limitOverride?: number): T[] {
    this.host.assertOpen();
    assertFindOptions(options);
    const { sort, skip = 0, projection } = options;
    const limit = limitOverride ?? options.limit ?? 0;
    let docs: Doc[];
    if (sort && Object.keys(sort).length > 0) {
      docs = this.sorted(filter, sort, skip, limit);
    } else {
      docs = this.matching(filter, limit > 0 ? skip + limit : Number.POSITIVE_INFINITY).slice(skip);
    }
    if (projection && Object.keys(projection).length > 0) docs = project(docs, projection);
    return docs.map((doc) => cloneJson(doc) as unknown as T);
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    this.host.assertOpen();
    if (Object.keys(filter).length === 0) return this.table.size;
    return this.matching(filter).length;
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    this.host.assertOpen();
    assertUpdate(update);
    const [target] = this.matching(filter, 1);
    if (target) {
      const replaced = this.replace(target, update);
      await replaced?.flushed;
      return { matchedCount: 1, modifiedCount: replaced ? 1 : 0 };
    }
    if (!options.upsert) return { matchedCount: 0, modifiedCount: 0 };
    const inserted = this.upsert(filter, update);
    await inserted.flushed;
    return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted.doc._id };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    this.host.assertOpen();
    assertUpdate(update);
    const targets = this.matching(filter);
    let modifiedCount = 0;
    // Like MongoDB, a failure part-way (a duplicate key) keeps the documents already updated.
    await this.writeEach(targets, (target) => {
      const result = applyUpdate(target, update);
      if (!result) return undefined;
      this.table.put(result.doc);
      modifiedCount++;
      return { id: target._id, before: target, after: result.doc, json: result.json };
    });
    return { matchedCount: targets.length, modifiedCount };
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    this.host.assertOpen();
    assertUpdate(update);
    assertSort(options.sort);
    const { sort, upsert = false, returnDocument = 'after' } = options;
    const [target] =
      sort && Object.keys(sort).length > 0 ? this.sorted(filter, sort, 0, 1) : this.matching(filter, 1);
    let result: Doc | null = null;
    let flushed: Promise<void> | undefined;
    if (target) {
      const replaced = this.replace(target, update);
      flushed = replaced?.flushed;
      result = returnDocument === 'before' ? target : (replaced?.doc ?? target);
    } else if (upsert) {
      const inserted = this.upsert(filter, update);
      flushed = inserted.flushed;
      result = returnDocument === 'before' ? null : inserted.doc;
    }
    await flushed;
    return result ? (cloneJson(result) as unknown as T) : null;
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    this.host.assertOpen();
    const [target] = this.matching(filter, 1);
    if (!target) return { deletedCount: 0 };
    this.table.remove(target._id);
    await this.host.commit(this.table, [{ id: target._id, before: target, after: undefined }]);
    return { deletedCount: 1 };
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    this.host.assertOpen();
    const targets = this.matching(filter);
    await this.writeEach(targets, (target) => {
      this.table.remove(target._id);
      return { id: target._id, before: target, after: undefined };
    });
    return { deletedCount: targets.length };
  }

  /** Matching documents in natural order, at most `limit`. */
  private matching(filter: Filter, limit = Number.POSITIVE_INFINITY): Doc[] {
    // `{_id: "…"}` alone — most reads and updates of one document — is a table lookup: no plan, no
    // matcher (about a third of such a read's cost went to those).
    const id = soleId(filter);
    if (id !== undefined) {
      const doc = this.table.get(id);
      return doc ? [doc] : [];
    }
    assertFilter(filter);
    const matches = this.host.matchers.compile(filter);
    const out: Doc[] = [];
    for (const doc of candidates(this.table, filter) ?? this.table.scan()) {
      if (!matches(doc)) continue;
      out.push(doc);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Matching documents in sort order, `[skip, skip + limit)`; the planner may walk an ordered index. */
  private sorted(filter: Filter, sort: SortSpec, skip: number, limit: number): Doc[] {
    assertFilter(filter);
    return sortedMatches(this.table, filter, this.host.matchers.compile(filter), sort, skip, limit);
  }

  /**
   * Applies an update to a stored document; returns the new version and when it is journalled, or
   * undefined if nothing changed.
   */
  private replace(target: Doc, update: Update): Written | undefined {
    const result = applyUpdate(target, update);
    if (!result) return undefined;
    this.table.put(result.doc);
    const flushed = this.host.commit(this.table, [
      { id: target._id, before: target, after: result.doc, json: result.json },
    ]);
    return { doc: result.doc, flushed };
  }

  private upsert(filter: Filter, update: Update): Written {
    const { doc, json } = buildUpsertDocument(filter, update);
    this.table.insert(doc);
    return {
      doc,
      flushed: this.host.commit(this.table, [{ id: doc._id, before: undefined, after: doc, json }]),
    };
  }

  /**
   * Applies one change per item, in order; stops at the first error (MongoDB's ordered semantics),
   * journals what was applied, then rethrows.
   */
  private async writeEach<I>(items: readonly I[], apply: (item: I) => Change | undefined): Promise<void> {
    const changes: Change[] = [];
    let failure: unknown;
    for (const item of items) {
      try {
        const change = apply(item);
        if (change) changes.push(change);
      } catch (error) {
        failure = error;
        break;
      }
    }
    if (changes.length > 0) await this.host.commit(this.table, changes);
    if (failure !== undefined) throw failure;
  }
}

/** The id of a filter that is exactly `{_id: <string>}`, else undefined. */
function soleId(filter: Filter): string | undefined {
  let id: unknown;
  let keys = 0;
  for (const key in filter) {
    if (key !== '_id' || ++keys > 1) return undefined;
    id = (filter as { _id?: unknown })._id;
  }
  return typeof id === 'string' ? id : undefined;
}
