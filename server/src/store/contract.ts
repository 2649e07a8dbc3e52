/**
 * The one contract every store adapter passes. It pins the behaviour port.ts promises (MongoDB's, for
 * the supported subset) so modules can rely on it whichever adapter runs. Every test uses its own
 * collection, so the suite also runs against a shared MongoDB database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Filter, Store, StoredDocument } from './port.ts';
import { DuplicateKeyError, StoreQueryError } from './port.ts';

type Doc = StoredDocument & Record<string, unknown>;

export function describeStoreContract(label: string, open: () => Promise<Store>): void {
  describe(`store contract: ${label}`, () => {
    let store: Store;
    let counter = 0;
    const prefix = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    /** A collection no other test touches. */
    const fresh = <T extends StoredDocument = Doc>(): Collection<T> =>
      store.collection<T>(`${prefix}_${++counter}`);
    const ids = (docs: readonly StoredDocument[]) => docs.map((d) => d._id);
    const seeded = async (docs: Doc[]): Promise<Collection<Doc>> => {
      const c = fresh();
      await c.insertMany(docs);
      return c;
    };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('documents', () => {
      it('stores and returns documents, nested values included', async () => {
        const c = fresh();
        const doc = {
          _id: 'a',
          s: 'héllo ✓ 🎉',
          n: 1.5,
          t: true,
          z: null,
          o: { p: [1, { q: 'r' }] },
          list: [],
        };
        await c.insertOne(doc);
        expect(await c.findOne({ _id: 'a' })).toEqual(doc);
        expect(await c.findOne({ _id: 'missing' })).toBeNull();
        expect(c.name).toMatch(new RegExp(`^${prefix}_`));
      });

      it('hands out copies: mutating inputs or results never changes what is stored', async () => {
        const c = fresh();
        const input = { _id: 'a', tags: ['x'], o: { n: 1 } };
        await c.insertOne(input);
        input.tags.push('mutated');
        input.o.n = 99;
        const found = (await c.findOne({ _id: 'a' }))!;
        (found.tags as string[]).push('mutated');
        (found.o as { n: number }).n = 42;
        const [listed] = await c.find({});
        (listed!.o as { n: number }).n = 7;
        const updated = (await c.findOneAndUpdate({ _id: 'a' }, { $set: { v: 1 } }))!;
        (updated.tags as string[]).length = 0;
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', tags: ['x'], o: { n: 1 }, v: 1 });
      });

      it('stores plain JSON: undefined fields are dropped', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'a', gone: undefined, kept: 1 });
        const found = await c.findOne({ _id: 'a' });
        expect(found).toEqual({ _id: 'a', kept: 1 });
        expect(Object.keys(found!)).not.toContain('gone');
      });

      it('refuses undefined in filters (it would otherwise match everything)', async () => {
        const c = await seeded([{ _id: 'a', k: 1 }]);
        await expect(c.find({ k: undefined })).rejects.toBeInstanceOf(StoreQueryError);
        await expect(c.deleteMany({ k: { $eq: undefined } })).rejects.toBeInstanceOf(StoreQueryError);
        await expect(c.deleteMany({ $or: [{ k: undefined }] })).rejects.toBeInstanceOf(StoreQueryError);
        expect(await c.countDocuments()).toBe(1);
      });

      it('ignores update fields whose value is undefined', async () => {
        const c = await seeded([{ _id: 'a', keep: 1 }]);
        await c.updateOne({ _id: 'a' }, { $set: { keep: undefined, b: 2 } });
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', keep: 1, b: 2 });
      });

      it('stores a Date as its ISO string, whether inserted, set, pushed or seeded by an upsert', async () => {
        const at = new Date('2026-12-06T10:00:00.000Z');
        const iso = at.toISOString();
        const c = fresh();
        await c.insertOne({ _id: 'a', at, nested: { at } });
        await c.updateOne({ _id: 'a' }, { $set: { setAt: at, deep: { at, gone: undefined } } });
        await c.updateOne({ _id: 'a' }, { $set: { 'path.at': at }, $push: { log: { at } } });
        expect(await c.findOne({ _id: 'a' })).toEqual({
          _id: 'a',
          at: iso,
          nested: { at: iso },
          setAt: iso,
          deep: { at: iso },
          path: { at: iso },
          log: [{ at: iso }],
        });
        // Setting the same instant again is no change.
        expect((await c.updateOne({ _id: 'a' }, { $set: { setAt: at } })).modifiedCount).toBe(0);
        await c.updateOne({ _id: 'b' }, { $set: { n: 1 }, $setOnInsert: { firstAt: at } }, { upsert: true });
        expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', n: 1, firstAt: iso });
      });

      it('requires a string _id', async () => {
        const c = fresh();
        await expect(c.insertOne({ n: 1 } as unknown as Doc)).rejects.toBeInstanceOf(StoreQueryError);
        await expect(c.insertOne({ _id: 5 } as unknown as Doc)).rejects.toBeInstanceOf(StoreQueryError);
      });

      it('pings', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        expect(['embedded', 'mongodb']).toContain(store.kind);
      });
    });

    describe('duplicate keys', () => {
      it('refuses a second document with the same _id', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'a', n: 1 });
        const error = await c.insertOne({ _id: 'a', n: 2 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ collection: c.name, index: '_id_', key: { _id: 'a' } });
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
      });

      it('unique sparse index: documents without the field coexist, equal values collide', async () => {
        const c = fresh();
        await c.createIndex({ keys: { externalId: 1 }, unique: true, sparse: true });
        await c.insertOne({ _id: 'a' });
        await c.insertOne({ _id: 'b' });
        await c.insertOne({ _id: 'c', externalId: 'x-1' });
        const error = await c.insertOne({ _id: 'd', externalId: 'x-1' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ index: 'externalId_1', key: { externalId: 'x-1' } });
        expect(await c.countDocuments()).toBe(3);
      });

      it('unique non-sparse index: a missing field counts as null', async () => {
        const c = fresh();
        await c.createIndex({ keys: { email: 1 }, unique: true });
        await c.insertOne({ _id: 'a' });
        const error = await c.insertOne({ _id: 'b' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ index: 'email_1', key: { email: null } });
      });

      it('uses the declared index name, and compound keys collide only as a whole', async () => {
        const c = fresh();
        await c.createIndex({ keys: { team: 1, handle: 1 }, unique: true, name: 'team_handle' });
        await c.insertOne({ _id: 'a', team: 't1', handle: 'ann' });
        await c.insertOne({ _id: 'b', team: 't2', handle: 'ann' });
        const error = await c.insertOne({ _id: 'c', team: 't1', handle: 'ann' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ index: 'team_handle', key: { team: 't1', handle: 'ann' } });
      });

      it('indexes each element of an array field', async () => {
        const c = fresh();
        await c.createIndex({ keys: { aliases: 1 }, unique: true });
        await c.insertOne({ _id: 'a', aliases: ['x', 'y'] });
        const error = await c.insertOne({ _id: 'b', aliases: ['z', 'y'] }).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'DuplicateKeyError', index: 'aliases_1', key: { aliases: 'y' } });
      });

      it('refuses updates and upserts that would duplicate a unique key, changing nothing', async () => {
        const c = fresh();
        await c.createIndex({ keys: { email: 1 }, unique: true, sparse: true });
        await c.insertMany([
          { _id: 'a', email: 'a@x' },
          { _id: 'b', email: 'b@x' },
        ]);
        await expect(c.updateOne({ _id: 'b' }, { $set: { email: 'a@x' } })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        await expect(c.findOneAndUpdate({ _id: 'b' }, { $set: { email: 'a@x' } })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        await expect(
          c.updateOne({ _id: 'c' }, { $set: { email: 'a@x' } }, { upsert: true }),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await c.find({}, { sort: { _id: 1 } })).toEqual([
          { _id: 'a', email: 'a@x' },
          { _id: 'b', email: 'b@x' },
        ]);
      });

      it('an insert refused for its _id claims nothing in the other unique indexes', async () => {
        const c = fresh();
        await c.createIndex({ keys: { email: 1 }, unique: true });
        await c.insertOne({ _id: 'a', email: 'a@x' });
        const error = await c.insertOne({ _id: 'a', email: 'b@x' }).catch((e: unknown) => e);
        expect(error).toMatchObject({ index: '_id_', key: { _id: 'a' } });
        await c.insertOne({ _id: 'b', email: 'b@x' });
        expect(ids(await c.find({ email: 'b@x' }))).toEqual(['b']);
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', email: 'a@x' });
      });

      it('insertMany is ordered: it stops at the first duplicate and throws it', async () => {
        const c = fresh();
        await c.insertMany([]);
        const error = await c
          .insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'a', again: true }, { _id: 'c' }])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ index: '_id_', key: { _id: 'a' } });
        expect(ids(await c.find({}, { sort: { _id: 1 } }))).toEqual(['a', 'b']);
      });

      it('createIndex is idempotent; a different definition under the same name is refused', async () => {
        const c = fresh();
        await c.createIndex({ keys: { a: 1 }, unique: true });
        await c.createIndex({ keys: { a: 1 }, unique: true });
        await c.createIndex({ keys: { b: 1, c: -1 } });
        await c.createIndex({ keys: { b: 1, c: -1 }, name: 'b_1_c_-1' });
        await expect(c.createIndex({ keys: { a: 1 }, name: 'a_1', unique: false })).rejects.toBeInstanceOf(
          StoreQueryError,
        );
      });

      it('a unique index over data that already has duplicates is refused', async () => {
        const c = await seeded([
          { _id: 'a', k: 1 },
          { _id: 'b', k: 1 },
        ]);
        const error = await c.createIndex({ keys: { k: 1 }, unique: true }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ index: 'k_1' });
        await c.insertOne({ _id: 'c', k: 1 }); // no index was left behind
      });
    });

    describe('filters', () => {
      const people: Doc[] = [
        { _id: 'p1', name: 'Ada', age: 36, tags: ['math', 'code'], address: { city: 'London', zip: 'N1' } },
        { _id: 'p2', name: 'alan', age: 41, tags: ['code'], address: { city: 'Wilmslow' }, nick: null },
        {
          _id: 'p3',
          name: 'Grace',
          age: 85,
          tags: [],
          items: [
            { sku: 'a', qty: 2 },
            { sku: 'b', qty: 9 },
          ],
        },
        { _id: 'p4', name: 'Edsger', age: '72', items: [{ sku: 'b', qty: 1 }] },
        { _id: 'p5', name: 'Barbara', scores: [79, 90, 82], since: '2024-01-15T10:00:00.000Z' },
      ];
      let c: Collection<Doc>;
      beforeAll(async () => {
        c = await seeded(people);
      });
      const match = async (filter: Filter) => ids(await c.find(filter, { sort: { _id: 1 } }));

      it('equality on fields, dotted paths, array members, whole arrays, null', async () => {
        expect(await match({})).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
        expect(await match({ name: 'Ada' })).toEqual(['p1']);
        expect(await match({ 'address.city': 'London' })).toEqual(['p1']);
        expect(await match({ address: { city: 'Wilmslow' } })).toEqual(['p2']);
        expect(await match({ tags: 'code' })).toEqual(['p1', 'p2']);
        expect(await match({ tags: ['math', 'code'] })).toEqual(['p1']);
        expect(await match({ tags: ['code', 'math'] })).toEqual([]);
        expect(await match({ 'items.sku': 'b' })).toEqual(['p3', 'p4']);
        expect(await match({ 'items.0.sku': 'b' })).toEqual(['p4']);
        expect(await match({ nick: null })).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
        expect(await match({ age: 36, name: 'Ada' })).toEqual(['p1']);
        expect(await match({ age: 36, name: 'Grace' })).toEqual([]);
      });

      it('comparison operators, without crossing types', async () => {
        expect(await match({ age: { $eq: 41 } })).toEqual(['p2']);
        expect(await match({ age: { $ne: 41 } })).toEqual(['p1', 'p3', 'p4', 'p5']);
        expect(await match({ age: { $gt: 41 } })).toEqual(['p3']);
        expect(await match({ age: { $gte: 41 } })).toEqual(['p2', 'p3']);
        expect(await match({ age: { $lt: 41 } })).toEqual(['p1']);
        expect(await match({ age: { $lte: 41, $gt: 36 } })).toEqual(['p2']);
        expect(await match({ age: { $gt: '5' } })).toEqual(['p4']);
        expect(await match({ since: { $gte: '2024-01-01', $lt: '2024-02-01' } })).toEqual(['p5']);
        expect(await match({ scores: { $gt: 85 } })).toEqual(['p5']);
      });

      it('$in, $nin, $exists', async () => {
        expect(await match({ name: { $in: ['Ada', 'Grace', 'nobody'] } })).toEqual(['p1', 'p3']);
        expect(await match({ tags: { $in: ['math', 'other'] } })).toEqual(['p1']);
        expect(await match({ nick: { $in: [null] } })).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
        expect(await match({ tags: { $nin: ['code'] } })).toEqual(['p3', 'p4', 'p5']);
        expect(await match({ nick: { $exists: true } })).toEqual(['p2']);
        expect(await match({ tags: { $exists: false } })).toEqual(['p4', 'p5']);
        expect(await match({ 'address.zip': { $exists: true } })).toEqual(['p1']);
      });

      it('$regex (string with $options, or a RegExp) and $not', async () => {
        expect(await match({ name: { $regex: '^a', $options: 'i' } })).toEqual(['p1', 'p2']);
        expect(await match({ name: { $regex: '^a' } })).toEqual(['p2']);
        expect(await match({ name: /^g/i })).toEqual(['p3']);
        expect(await match({ name: { $not: /^[a-c]/i } })).toEqual(['p3', 'p4']);
        expect(await match({ age: { $not: { $gt: 40 } } })).toEqual(['p1', 'p4', 'p5']);
      });

      it('$elemMatch and $all', async () => {
        expect(await match({ items: { $elemMatch: { sku: 'b', qty: { $gt: 5 } } } })).toEqual(['p3']);
        expect(await match({ items: { $elemMatch: { sku: 'a', qty: 9 } } })).toEqual([]);
        expect(await match({ scores: { $elemMatch: { $gte: 80, $lt: 85 } } })).toEqual(['p5']);
        expect(await match({ tags: { $all: ['code', 'math'] } })).toEqual(['p1']);
        expect(await match({ tags: { $all: ['code'] } })).toEqual(['p1', 'p2']);
      });

      it('$and, $or, $nor', async () => {
        expect(await match({ $and: [{ tags: 'code' }, { age: { $gt: 40 } }] })).toEqual(['p2']);
        expect(await match({ $or: [{ name: 'Ada' }, { 'items.sku': 'a' }] })).toEqual(['p1', 'p3']);
        expect(await match({ $nor: [{ tags: 'code' }, { scores: { $exists: true } }] })).toEqual([
          'p3',
          'p4',
        ]);
        expect(
          await match({ $or: [{ age: { $lt: 40 } }, { age: { $gt: 80 } }], name: { $ne: 'Ada' } }),
        ).toEqual(['p3']);
      });

      it('refuses operators outside the supported subset', async () => {
        for (const filter of [
          { $where: 'true' },
          { $expr: { $eq: ['$a', 1] } },
          { a: { $foo: 1 } },
          { a: { $size: 1 } },
          { $or: [] },
        ]) {
          await expect(c.find(filter), JSON.stringify(filter)).rejects.toBeInstanceOf(StoreQueryError);
        }
      });

      it('answers the same with and without an index on the field', async () => {
        const indexed = await seeded(people);
        await indexed.createIndex({ keys: { name: 1 } });
        await indexed.createIndex({ keys: { tags: 1 } });
        await indexed.createIndex({ keys: { 'items.sku': 1, age: -1 } });
        await indexed.createIndex({ keys: { age: 1 } });
        await indexed.createIndex({ keys: { address: 1 } });
        const filters: Filter[] = [
          { name: 'Ada' },
          { name: { $eq: 'alan' } },
          { name: { $in: ['Ada', 'Grace', 'x'] } },
          { name: { $in: [/^a/i] } },
          { tags: 'code' },
          { tags: ['code'] },
          { tags: [] },
          { tags: null },
          { 'items.sku': 'b' },
          { 'items.sku': 'b', age: 85 },
          { age: 36 },
          { age: '72' },
          { age: { $in: [36, '72'] } },
          { age: { $gt: 40 } },
          { address: { city: 'Wilmslow' } },
          { _id: 'p2' },
          { _id: { $in: ['p3', 'p1', 'nope'] } },
          { _id: 'p2', name: 'Ada' },
        ];
        for (const filter of filters) {
          const expected = ids(await c.find(filter, { sort: { _id: 1 } }));
          expect(ids(await indexed.find(filter, { sort: { _id: 1 } })), JSON.stringify(filter)).toEqual(
            expected,
          );
          expect(await indexed.countDocuments(filter), JSON.stringify(filter)).toBe(expected.length);
        }
      });

      it('tells a string from the number or boolean it spells, indexed or not', async () => {
        const docs: Doc[] = [
          { _id: 'n', code: 1 },
          { _id: 's', code: '1' },
          { _id: 't', code: true },
          { _id: 'u', code: 'true' },
          { _id: 'a', code: [1, 'x'] },
        ];
        const plain = await seeded(docs);
        const indexed = await seeded(docs);
        await indexed.createIndex({ keys: { code: 1 } });
        for (const c of [plain, indexed]) {
          expect(ids(await c.find({ code: 1 }, { sort: { _id: 1 } }))).toEqual(['a', 'n']);
          expect(ids(await c.find({ code: '1' }))).toEqual(['s']);
          expect(ids(await c.find({ code: true }))).toEqual(['t']);
          expect(ids(await c.find({ code: 'true' }))).toEqual(['u']);
          expect(ids(await c.find({ code: { $in: ['1', 'true'] } }, { sort: { _id: 1 } }))).toEqual([
            's',
            'u',
          ]);
          expect(await c.countDocuments({ code: 1 })).toBe(2);
        }
      });
    });

    describe('sort, skip, limit, projection, count', () => {
      it('sorts on several keys, ascending and descending', async () => {
        const c = await seeded([
          { _id: 'a', team: 'x', n: 2 },
          { _id: 'b', team: 'y', n: 1 },
          { _id: 'c', team: 'x', n: 3 },
          { _id: 'd', team: 'y', n: 5 },
        ]);
        expect(ids(await c.find({}, { sort: { team: 1, n: -1 } }))).toEqual(['c', 'a', 'd', 'b']);
        expect(ids(await c.find({}, { sort: { team: -1, n: 1 } }))).toEqual(['b', 'd', 'a', 'c']);
        expect(ids(await c.find({}, { sort: { n: 1 } }))).toEqual(['b', 'a', 'c', 'd']);
        expect((await c.findOne({ team: 'x' }, { sort: { n: -1 } }))?._id).toBe('c');
      });

      it("follows MongoDB's order across types; missing sorts as null", async () => {
        const c = await seeded([
          { _id: 'bool', v: true },
          { _id: 'str', v: 'abc' },
          { _id: 'num', v: 10 },
          { _id: 'missing' },
          { _id: 'obj', v: { a: 1 } },
          { _id: 'neg', v: -1.5 },
          { _id: 'str2', v: 'Abc' },
        ]);
        const asc = ids(await c.find({}, { sort: { v: 1, _id: 1 } }));
        expect(asc).toEqual(['missing', 'neg', 'num', 'str2', 'str', 'obj', 'bool']);
        const desc = ids(await c.find({}, { sort: { v: -1, _id: 1 } }));
        expect(desc).toEqual(['bool', 'obj', 'str', 'str2', 'num', 'neg', 'missing']);
        const withNull = await seeded([{ _id: 'b', v: 1 }, { _id: 'a', v: null }, { _id: 'c' }]);
        expect(ids(await withNull.find({}, { sort: { v: 1, _id: 1 } }))).toEqual(['a', 'c', 'b']);
      });

      it('sorts array fields by their smallest element ascending, largest descending', async () => {
        const c = await seeded([
          { _id: 'a', v: [1, 5] },
          { _id: 'b', v: [3] },
          { _id: 'c', v: 4 },
        ]);
        expect(ids(await c.find({}, { sort: { v: 1 } }))).toEqual(['a', 'b', 'c']);
        expect(ids(await c.find({}, { sort: { v: -1 } }))).toEqual(['a', 'c', 'b']);
      });

      it('skips and limits after sorting (limit 0 means no limit)', async () => {
        const docs = Array.from({ length: 30 }, (_, i) => ({
          _id: `d${String(i).padStart(2, '0')}`,
          n: (i * 7) % 30,
        }));
        const c = await seeded(docs);
        const byN = [...docs].sort((a, b) => a.n - b.n).map((d) => d._id);
        expect(ids(await c.find({}, { sort: { n: 1 }, limit: 3 }))).toEqual(byN.slice(0, 3));
        expect(ids(await c.find({}, { sort: { n: 1 }, skip: 5, limit: 4 }))).toEqual(byN.slice(5, 9));
        expect(ids(await c.find({}, { sort: { n: -1 }, skip: 28 }))).toEqual(byN.slice(0, 2).reverse());
        expect(await c.find({}, { sort: { n: 1 }, skip: 40 })).toEqual([]);
        expect(await c.find({}, { sort: { n: 1 }, limit: 0 })).toHaveLength(30);
        expect(await c.find({ n: { $lt: 10 } }, { limit: 4 })).toHaveLength(4);
        expect(await c.find({}, { skip: 25 })).toHaveLength(5);
        await expect(c.find({}, { limit: -1 })).rejects.toBeInstanceOf(StoreQueryError);
      });

      it('projects: inclusion keeps _id, exclusion, _id: 0, dotted paths', async () => {
        const c = await seeded([{ _id: 'a', name: 'n', secret: 's', b: { c: 1, d: 2 } }]);
        const [included] = await c.find({}, { projection: { name: 1 } });
        expect(included).toEqual({ _id: 'a', name: 'n' });
        expect(Object.keys(included!)).toEqual(['_id', 'name']);
        expect(await c.findOne({ _id: 'a' }, { projection: { secret: 0, b: 0 } })).toEqual({
          _id: 'a',
          name: 'n',
        });
        expect(await c.findOne({}, { projection: { _id: 0, name: 1 } })).toEqual({ name: 'n' });
        expect(await c.findOne({}, { projection: { 'b.c': 1 } })).toEqual({ _id: 'a', b: { c: 1 } });
        await expect(c.find({}, { projection: { name: 1, secret: 0 } })).rejects.toBeInstanceOf(
          StoreQueryError,
        );
      });

      it('counts', async () => {
        const c = await seeded([
          { _id: 'a', k: 1 },
          { _id: 'b', k: 2 },
          { _id: 'c', k: 2 },
        ]);
        expect(await c.countDocuments()).toBe(3);
        expect(await c.countDocuments({})).toBe(3);
        expect(await c.countDocuments({ k: 2 })).toBe(2);
        expect(await c.countDocuments({ k: 3 })).toBe(0);
        expect(await fresh().countDocuments()).toBe(0);
      });
    });

    describe('update operators', () => {
      const updated = async (doc: Doc, update: Parameters<Collection<Doc>['updateOne']>[1]) => {
        const c = await seeded([doc]);
        const result = await c.updateOne({ _id: doc._id }, update);
        return { result, doc: await c.findOne({ _id: doc._id }) };
      };

      it('$set, also creating nested paths; a no-op is not a modification', async () => {
        const { result, doc } = await updated(
          { _id: 'a', n: 1, o: { p: 1 } },
          { $set: { n: 2, 'o.q': 3, 'x.y.z': 'new' } },
        );
        expect(result).toEqual({ matchedCount: 1, modifiedCount: 1 });
        expect(doc).toEqual({ _id: 'a', n: 2, o: { p: 1, q: 3 }, x: { y: { z: 'new' } } });
        const same = await updated({ _id: 'a', n: 1 }, { $set: { n: 1 } });
        expect(same.result).toEqual({ matchedCount: 1, modifiedCount: 0 });
      });

      it('$unset with "", 1 or true', async () => {
        const { doc } = await updated(
          { _id: 'a', a: 1, b: 2, c: 3, d: { e: 1, f: 2 } },
          { $unset: { a: '', b: 1, 'd.e': true, missing: '' } },
        );
        expect(doc).toEqual({ _id: 'a', c: 3, d: { f: 2 } });
      });

      it('$inc on existing and missing fields', async () => {
        const { doc } = await updated(
          { _id: 'a', n: 1, f: 0.5 },
          { $inc: { n: 2, f: -1.5, fresh: 5, 'o.k': 1 } },
        );
        expect(doc).toEqual({ _id: 'a', n: 3, f: -1, fresh: 5, o: { k: 1 } });
      });

      it('$min and $max, on numbers and ISO timestamps', async () => {
        const { doc } = await updated(
          { _id: 'a', lo: 5, hi: 5, first: '2024-03-01T00:00:00Z', last: '2024-03-01T00:00:00Z' },
          {
            $min: { lo: 3, first: '2024-01-01T00:00:00Z', absent: 7 },
            $max: { hi: 4, last: '2024-06-01T00:00:00Z' },
          },
        );
        expect(doc).toEqual({
          _id: 'a',
          lo: 3,
          hi: 5,
          first: '2024-01-01T00:00:00Z',
          last: '2024-06-01T00:00:00Z',
          absent: 7,
        });
      });

      it('$push one value, $each, $each with $slice', async () => {
        const { doc } = await updated(
          { _id: 'a', one: [1], each: [1], recent: [1, 2, 3], firstTwo: [1] },
          {
            $push: {
              one: 2,
              each: { $each: [2, 3] },
              recent: { $each: [4, 5], $slice: -3 },
              firstTwo: { $each: [2, 3], $slice: 2 },
              created: { at: 'x' },
            },
          },
        );
        expect(doc).toEqual({
          _id: 'a',
          one: [1, 2],
          each: [1, 2, 3],
          recent: [3, 4, 5],
          firstTwo: [1, 2],
          created: [{ at: 'x' }],
        });
      });

      it('$addToSet one value or $each, skipping values already present', async () => {
        const { doc } = await updated(
          { _id: 'a', tags: ['x'], objs: [{ k: 1 }] },
          { $addToSet: { tags: { $each: ['x', 'y', 'y'] }, objs: { k: 1 }, fresh: 'z' } },
        );
        expect(doc).toEqual({ _id: 'a', tags: ['x', 'y'], objs: [{ k: 1 }], fresh: ['z'] });
      });

      it('$pull by value, by condition, by $in', async () => {
        const { doc } = await updated(
          { _id: 'a', tags: ['x', 'y', 'x'], items: [{ k: 1 }, { k: 5 }, { k: 9 }], nums: [1, 2, 3, 4] },
          { $pull: { tags: 'x', items: { k: { $gte: 5 } }, nums: { $in: [2, 4] } } },
        );
        expect(doc).toEqual({ _id: 'a', tags: ['y'], items: [{ k: 1 }], nums: [1, 3] });
      });

      it('updateMany reports matched and modified counts', async () => {
        const c = await seeded([
          { _id: 'a', s: 'open' },
          { _id: 'b', s: 'done' },
          { _id: 'c', s: 'open' },
          { _id: 'd', s: 'gone' },
        ]);
        expect(await c.updateMany({ s: { $in: ['open', 'done'] } }, { $set: { s: 'done' } })).toEqual({
          matchedCount: 3,
          modifiedCount: 2,
        });
        expect(await c.updateMany({ s: 'nothing' }, { $set: { s: 'x' } })).toEqual({
          matchedCount: 0,
          modifiedCount: 0,
        });
        expect(await c.countDocuments({ s: 'done' })).toBe(3);
        expect(await c.updateOne({ s: 'nothing' }, { $set: { s: 'x' } })).toEqual({
          matchedCount: 0,
          modifiedCount: 0,
        });
      });

      it('refuses bad updates with StoreQueryError and leaves the document alone', async () => {
        const c = await seeded([{ _id: 'a', s: 'text', n: 1 }]);
        const bad: unknown[] = [
          {},
          { s: 'replacement' },
          { $rename: { s: 't' } },
          { $inc: { s: 1 } },
          { $inc: { n: 'one' } },
          { $push: { s: 1 } },
          { $set: { _id: 'b' } },
          { $set: { 's.x': 1 } },
        ];
        for (const update of bad) {
          await expect(
            c.updateOne({ _id: 'a' }, update as never),
            JSON.stringify(update),
          ).rejects.toBeInstanceOf(StoreQueryError);
        }
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', s: 'text', n: 1 });
      });
    });

    describe('upserts', () => {
      it('inserts from the filter equalities plus $set and $setOnInsert, with a string _id', async () => {
        const c = fresh();
        const result = await c.updateOne(
          { key: 'k1', 'meta.source': 'mail', n: { $gt: 3 }, kind: { $eq: 'x' }, $and: [{ team: 't' }] },
          { $set: { seen: 1 }, $setOnInsert: { createdAt: '2024-01-01' }, $inc: { count: 1 } },
          { upsert: true },
        );
        expect(result.matchedCount).toBe(0);
        expect(result.modifiedCount).toBe(0);
        expect(typeof result.upsertedId).toBe('string');
        const doc = await c.findOne({ _id: result.upsertedId! });
        expect(doc).toEqual({
          _id: result.upsertedId,
          key: 'k1',
          meta: { source: 'mail' },
          kind: 'x',
          team: 't',
          seen: 1,
          createdAt: '2024-01-01',
          count: 1,
        });
      });

      it('takes _id from the filter; on a match, $setOnInsert is ignored', async () => {
        const c = fresh();
        const first = await c.updateOne(
          { _id: 'fixed' },
          { $inc: { n: 1 }, $setOnInsert: { createdAt: 't1' } },
          { upsert: true },
        );
        expect(first).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'fixed' });
        const second = await c.updateOne(
          { _id: 'fixed' },
          { $inc: { n: 1 }, $setOnInsert: { createdAt: 't2' } },
          { upsert: true },
        );
        expect(second).toEqual({ matchedCount: 1, modifiedCount: 1 });
        expect(await c.findOne({ _id: 'fixed' })).toEqual({ _id: 'fixed', n: 2, createdAt: 't1' });
      });

      it('findOneAndUpdate upserts, returning the new document (after) or null (before)', async () => {
        const c = fresh();
        const after = await c.findOneAndUpdate(
          { _id: 'counter' },
          { $inc: { value: 1 }, $setOnInsert: { name: 'tickets' } },
          { upsert: true },
        );
        expect(after).toEqual({ _id: 'counter', value: 1, name: 'tickets' });
        const before = await c.findOneAndUpdate(
          { slug: 'new' },
          { $set: { n: 1 } },
          { upsert: true, returnDocument: 'before' },
        );
        expect(before).toBeNull();
        const inserted = await c.findOne({ slug: 'new' });
        expect(inserted).toMatchObject({ slug: 'new', n: 1 });
        expect(typeof inserted?._id).toBe('string');
      });
    });

    describe('findOneAndUpdate', () => {
      it("returns the updated document by default, the original with 'before', null without a match", async () => {
        const c = await seeded([{ _id: 'a', n: 1 }]);
        expect(await c.findOneAndUpdate({ _id: 'a' }, { $inc: { n: 1 } })).toEqual({ _id: 'a', n: 2 });
        expect(
          await c.findOneAndUpdate({ _id: 'a' }, { $inc: { n: 1 } }, { returnDocument: 'before' }),
        ).toEqual({
          _id: 'a',
          n: 2,
        });
        expect(
          await c.findOneAndUpdate({ _id: 'a' }, { $inc: { n: 1 } }, { returnDocument: 'after' }),
        ).toEqual({
          _id: 'a',
          n: 4,
        });
        expect(await c.findOneAndUpdate({ _id: 'zzz' }, { $inc: { n: 1 } })).toBeNull();
        expect(await c.findOneAndUpdate({ _id: 'a' }, { $set: { n: 4 } })).toEqual({ _id: 'a', n: 4 });
      });

      it('updates the first match in sort order', async () => {
        const c = await seeded([
          { _id: 'low', status: 'queued', priority: 1 },
          { _id: 'high', status: 'queued', priority: 9 },
          { _id: 'mid', status: 'queued', priority: 5 },
          { _id: 'done', status: 'done', priority: 10 },
        ]);
        const claimed = await c.findOneAndUpdate(
          { status: 'queued' },
          { $set: { status: 'leased' } },
          { sort: { priority: -1 } },
        );
        expect(claimed).toEqual({ _id: 'high', status: 'leased', priority: 9 });
        const next = await c.findOneAndUpdate(
          { status: 'queued' },
          { $set: { status: 'leased' } },
          { sort: { priority: 1 } },
        );
        expect(next?._id).toBe('low');
      });

      it('is atomic: 50 concurrent claims of 10 jobs claim each job exactly once', async () => {
        const c = await seeded(
          Array.from({ length: 10 }, (_, i) => ({
            _id: `job${i}`,
            status: 'queued',
            priority: i % 3,
            owner: null,
          })),
        );
        await c.createIndex({ keys: { status: 1, priority: -1 } });
        const claims = await Promise.all(
          Array.from({ length: 50 }, (_, worker) =>
            c.findOneAndUpdate(
              { status: 'queued' },
              { $set: { status: 'leased', owner: `w${worker}`, leaseUntil: '2030-01-01T00:00:00Z' } },
              { sort: { priority: -1, _id: 1 } },
            ),
          ),
        );
        const won = claims.filter((claim) => claim !== null);
        expect(won).toHaveLength(10);
        expect(new Set(won.map((job) => job._id)).size).toBe(10);
        expect(new Set(won.map((job) => job.owner)).size).toBe(10);
        expect(await c.countDocuments({ status: 'leased' })).toBe(10);
        for (const job of won) expect(await c.findOne({ _id: job._id })).toMatchObject({ owner: job.owner });
      });

      it('is atomic for counters: 100 concurrent increments hand out 100 distinct values', async () => {
        const c = await seeded([{ _id: 'seq', value: 0 }]);
        const values = await Promise.all(
          Array.from({ length: 100 }, () => c.findOneAndUpdate({ _id: 'seq' }, { $inc: { value: 1 } })),
        );
        expect(new Set(values.map((v) => v?.value)).size).toBe(100);
        expect(await c.findOne({ _id: 'seq' })).toEqual({ _id: 'seq', value: 100 });
      });
    });

    describe('deletes', () => {
      it('deleteOne removes one match, deleteMany all of them', async () => {
        const c = await seeded([
          { _id: 'a', k: 1 },
          { _id: 'b', k: 1 },
          { _id: 'c', k: 1 },
          { _id: 'd', k: 2 },
        ]);
        expect(await c.deleteOne({ k: 1 })).toEqual({ deletedCount: 1 });
        expect(await c.countDocuments({ k: 1 })).toBe(2);
        expect(await c.deleteOne({ k: 3 })).toEqual({ deletedCount: 0 });
        expect(await c.deleteMany({ k: 1 })).toEqual({ deletedCount: 2 });
        expect(await c.deleteMany({ k: 1 })).toEqual({ deletedCount: 0 });
        expect(ids(await c.find({}))).toEqual(['d']);
        expect(await c.deleteOne({ _id: 'd' })).toEqual({ deletedCount: 1 });
        expect(await c.countDocuments()).toBe(0);
      });

      it('a deleted _id and its unique keys can be used again', async () => {
        const c = fresh();
        await c.createIndex({ keys: { email: 1 }, unique: true });
        await c.insertOne({ _id: 'a', email: 'x@y' });
        await c.deleteOne({ _id: 'a' });
        await c.insertOne({ _id: 'a', email: 'x@y' });
        await c.insertOne({ _id: 'b', email: 'other' });
        await c.updateOne({ _id: 'b' }, { $set: { email: 'moved' } });
        await c.insertOne({ _id: 'c', email: 'other' });
        expect(await c.countDocuments()).toBe(3);
      });
    });
  });
}
