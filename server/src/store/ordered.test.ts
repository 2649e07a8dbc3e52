import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterKey } from '../http/cursor.ts';
import { lookupKey } from './embedded/indexes.ts';
import type { Doc } from './embedded/json.ts';
import { candidates, sortedMatches } from './embedded/planner.ts';
import { compileFilter, MatcherCache } from './embedded/query.ts';
import { sortDocs } from './embedded/sort.ts';
import { openEmbeddedStore } from './embedded/store.ts';
import { Table } from './embedded/table.ts';
import type { Filter, SortSpec, StoredDocument } from './port.ts';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUSES = ['new', 'open', 'pending', 'resolved'] as const;

/** Issue-like documents with many ties on `createdAt`, some missing fields and astral characters. */
function issueTable(n: number, seed = 1): Table {
  const rnd = random(seed);
  const table = new Table('issues');
  table.createIndex({
    name: 'createdAt_-1__id_-1',
    keys: { createdAt: -1, _id: -1 },
    unique: false,
    sparse: false,
  });
  table.createIndex({ name: 'status_1', keys: { status: 1 }, unique: false, sparse: false });
  table.createIndex({
    name: 'status_1_dueAt_1',
    keys: { status: 1, dueAt: 1 },
    unique: false,
    sparse: false,
  });
  table.createIndex({ name: 'rank_1', keys: { rank: 1 }, unique: false, sparse: false });
  for (let i = 0; i < n; i++) {
    const doc: Doc = {
      _id: `iss_${String(i).padStart(6, '0')}`,
      createdAt: `2026-01-01T00:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00.000Z`,
      status: STATUSES[Math.floor(rnd() * 4)]!,
      dueAt: `2026-02-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
    };
    const r = rnd();
    // Ranks mix types, nulls, missing values and strings beyond the BMP (sorted by code point).
    if (r < 0.1) doc.rank = null;
    else if (r < 0.4) doc.rank = Math.floor(rnd() * 20);
    else if (r < 0.5) doc.rank = rnd() < 0.5 ? '\u{1F600}' : '\uFF5E';
    else if (r < 0.9) doc.rank = `r${Math.floor(rnd() * 10)}`;
    table.put(doc);
  }
  return table;
}

function counting(filter: Filter): { matcher: (doc: Doc) => boolean; calls: () => number } {
  const inner = compileFilter(filter);
  let calls = 0;
  return {
    matcher: (doc) => {
      calls++;
      return inner(doc);
    },
    calls: () => calls,
  };
}

/** What the planner must return: every document matched, then sorted by `sortDocs`. */
function expected(table: Table, filter: Filter, sort: SortSpec, skip: number, limit: number): string[] {
  const matches = compileFilter(filter);
  return sortDocs([...table.scan()].filter(matches), sort, skip, limit).map((d) => d._id);
}

describe('embedded store: ordered indexes', () => {
  it('answers sorts, filters, skips and limits exactly as sorting everything would, both directions', () => {
    const table = issueTable(3000);
    const cases: Array<[Filter, SortSpec, number, number]> = [
      [{}, { createdAt: -1, _id: -1 }, 0, 50],
      [{}, { createdAt: 1, _id: 1 }, 10, 25],
      [{ status: 'open' }, { createdAt: -1, _id: -1 }, 0, 50],
      [{ status: 'pending' }, { dueAt: 1 }, 0, 100],
      [{ status: 'pending' }, { dueAt: -1 }, 5, 40],
      [{ status: 'pending', dueAt: { $lte: '2026-02-10' } }, { dueAt: 1 }, 0, 0],
      [{}, { rank: 1 }, 0, 200],
      [{}, { rank: -1 }, 0, 200],
      [{ rank: { $gte: 'r3' } }, { rank: 1 }, 0, 0],
      [{ rank: { $lt: 10 } }, { rank: -1 }, 0, 30],
      [{}, { createdAt: -1 }, 0, 50], // a prefix of an index: ties must keep natural order, so no walk
    ];
    for (const [filter, sort, skip, limit] of cases) {
      const { matcher } = counting(filter);
      const got = sortedMatches(table, filter, matcher, sort, skip, limit).map((d) => d._id);
      expect(got, JSON.stringify({ filter, sort, skip, limit })).toEqual(
        expected(table, filter, sort, skip, limit),
      );
    }
  });

  it('builds an index declared over stored documents on first use, with the writes before and after it', () => {
    // Indexes are bulk-loaded when first asked for (a server declares them over a full store at start).
    const table = new Table('issues');
    const rnd = random(3);
    for (let i = 0; i < 2000; i++) {
      table.put({ _id: `iss_${i}`, n: Math.floor(rnd() * 50), status: STATUSES[i % 4]! });
    }
    table.createIndex({ name: 'n_1', keys: { n: 1 }, unique: false, sparse: false });
    table.createIndex({ name: 'status_1_n_-1', keys: { status: 1, n: -1 }, unique: false, sparse: false });
    const ordered = table.ordered.find((index) => index.name === 'n_1')!;
    expect(ordered.isBuilt).toBe(false);
    // Writes before the first use: the build reads the documents as they are then.
    table.put({ _id: 'iss_5', n: -1, status: 'open' });
    table.remove('iss_6');
    table.put({ _id: 'late', n: 7, status: 'new' });
    const check = (filter: Filter, sort: SortSpec) =>
      expect(sortedMatches(table, filter, compileFilter(filter), sort, 0, 0).map((d) => d._id)).toEqual(
        expected(table, filter, sort, 0, 0),
      );
    check({}, { n: 1 });
    expect(ordered.isBuilt).toBe(true);
    expect(ordered.size).toBe(table.size);
    check({ status: 'open' }, { n: -1 });
    expect([...(candidates(table, { status: 'new' }) ?? [])].map((d) => d._id)).toContain('late');
    // Writes after it keep the built index in step, a multikey document included.
    table.put({ _id: 'iss_7', n: 99, status: 'new' });
    table.remove('iss_8');
    check({}, { n: -1 });
    check({ status: 'new' }, { n: -1 });
    table.put({ _id: 'multi', n: [1, 2], status: 'open' });
    expect(ordered.usable).toBe(false);
    check({}, { n: 1 });
  });

  it('reads about a page of documents for newest-first and for the page after a cursor', () => {
    const table = issueTable(20_000);
    const sort = { createdAt: -1, _id: -1 } as const;
    const first = counting({});
    const page1 = sortedMatches(table, {}, first.matcher, sort, 0, 51);
    expect(first.calls()).toBe(51);

    const last = page1[49]!;
    const after = afterKey(['createdAt', '_id'], [last.createdAt as string, last._id], -1);
    const filter = { $and: [{}, after] };
    const second = counting(filter);
    const page2 = sortedMatches(table, filter, second.matcher, sort, 0, 51).map((d) => d._id);
    expect(page2).toEqual(expected(table, filter, sort, 0, 51));
    // The seek starts at the cursor's createdAt: only that second's issues before it are skipped.
    const sameSecond = [...table.scan()].filter((d) => d.createdAt === last.createdAt).length;
    expect(second.calls()).toBeLessThanOrEqual(51 + sameSecond);
    expect(second.calls()).toBeLessThan(1000);
  });

  it('pages through everything with keyset cursors, each item once', () => {
    const table = issueTable(2000, 7);
    const sort = { createdAt: -1, _id: -1 } as const;
    const seen: string[] = [];
    let cursor: Doc | undefined;
    for (;;) {
      const after = cursor
        ? afterKey(['createdAt', '_id'], [cursor.createdAt as string, cursor._id], -1)
        : {};
      const filter = { $and: [{ status: { $in: ['new', 'open'] } }, after] };
      const page = sortedMatches(table, filter, compileFilter(filter), sort, 0, 50);
      seen.push(...page.map((d) => d._id));
      if (page.length < 50) break;
      cursor = page.at(-1);
    }
    expect(seen).toEqual(expected(table, { status: { $in: ['new', 'open'] } }, sort, 0, 0));
  });

  it('seeks a pinned field and a range (the timers sweep) without scanning', () => {
    const table = issueTable(20_000);
    const filter = { status: 'pending', dueAt: { $lte: '2026-02-01' } };
    const found = candidates(table, filter)!;
    const due = [...table.scan()].filter(compileFilter(filter));
    expect(found.map((d) => d._id)).toEqual(due.map((d) => d._id)); // natural order, nothing missed
    expect(found.length).toBeLessThan(table.size / 50);
  });

  it('a selective filter sorts its few candidates instead of walking the whole order', () => {
    const table = issueTable(20_000);
    table.createIndex({ name: 'customerId_1', keys: { customerId: 1 }, unique: false, sparse: false });
    table.put({ _id: 'iss_vip1', customerId: 'cus_vip', createdAt: '2020-01-01T00:00:00.000Z' });
    table.put({ _id: 'iss_vip2', customerId: 'cus_vip', createdAt: '2020-01-02T00:00:00.000Z' });
    const filter = { customerId: 'cus_vip' };
    const probe = counting(filter);
    const got = sortedMatches(table, filter, probe.matcher, { createdAt: -1, _id: -1 }, 0, 50);
    expect(got.map((d) => d._id)).toEqual(['iss_vip2', 'iss_vip1']);
    expect(probe.calls()).toBe(2);
  });

  it("a walk under a pinned prefix reads about a page of one customer's many issues, newest first", () => {
    const table = issueTable(20_000);
    table.createIndex({ name: 'customerId_1', keys: { customerId: 1 }, unique: false, sparse: false });
    table.createIndex({
      name: 'customerId_1_createdAt_-1__id_-1',
      keys: { customerId: 1, createdAt: -1, _id: -1 },
      unique: false,
      sparse: false,
    });
    // 200 of 20,200: too few for an unpinned walk to pay (200² < 20 × 20,200), plenty to sort.
    for (let i = 0; i < 200; i++) {
      const minute = String(i % 60).padStart(2, '0');
      table.put({ _id: `iss_big${i}`, customerId: 'cus_big', createdAt: `2026-01-02T00:${minute}:00.000Z` });
    }
    const filter = { customerId: 'cus_big' };
    const sort = { createdAt: -1, _id: -1 } as const;
    const probe = counting(filter);
    const got = sortedMatches(table, filter, probe.matcher, sort, 0, 20).map((d) => d._id);
    expect(got).toEqual(expected(table, filter, sort, 0, 20));
    expect(probe.calls()).toBe(20); // not all 200 gathered and sorted
  });

  it('stops using an index while a document puts an array on its path, and resumes after', () => {
    const table = issueTable(500);
    const sort = { rank: 1 } as const;
    table.put({ _id: 'multi', rank: ['r0', 5] });
    const probe = counting({});
    expect(sortedMatches(table, {}, probe.matcher, sort, 0, 20).map((d) => d._id)).toEqual(
      expected(table, {}, sort, 0, 20),
    );
    expect(probe.calls()).toBe(table.size); // sorted the lot: the index could not answer
    table.remove('multi');
    const again = counting({});
    sortedMatches(table, {}, again.matcher, sort, 0, 20);
    expect(again.calls()).toBe(20);
  });

  it('moves a document between lookup keys as its field changes, arrays included, and leaves it when not', () => {
    const table = new Table('issues');
    table.createIndex({ name: 'tags_1', keys: { tags: 1 }, unique: false, sparse: false });
    for (let i = 0; i < 50; i++) table.put({ _id: `iss_${i}`, tags: ['billing', `t${i % 5}`] });
    const lookup = table.lookups.get('tags')!;
    const ids = (tag: string) => [...lookup.lookup([lookupKey(tag)])].sort();
    expect(ids('t3')).toHaveLength(10); // builds the lookup
    expect(lookup.isBuilt).toBe(true);
    table.put({ _id: 'iss_3', tags: ['billing', 'refund'], note: 'moved' });
    table.put({ _id: 'iss_8', tags: ['billing', 't3'], note: 'unchanged tags' });
    expect(ids('t3')).not.toContain('iss_3');
    expect(ids('t3')).toContain('iss_8');
    expect(ids('refund')).toEqual(['iss_3']);
    expect(ids('billing')).toHaveLength(50);
    table.put({ _id: 'iss_3', tags: [] });
    expect(ids('refund')).toEqual([]);
    expect(ids('billing')).toHaveLength(49);
  });

  it('counts an $in on an indexed field by its lookup, leaving the ordered index unbuilt; a range still walks it', () => {
    const table = issueTable(2000, 9);
    const byRank = table.ordered.find((i) => i.name === 'rank_1')!;
    const found = candidates(table, { rank: { $in: ['r1', 'r3'] } });
    expect(found?.map((d) => d._id)).toEqual(
      [...table.scan()].filter((d) => d.rank === 'r1' || d.rank === 'r3').map((d) => d._id),
    );
    expect(byRank.isBuilt).toBe(false);
    // A range the lookup cannot count is what the ordered index is for.
    const early = { rank: { $lt: 'r1' }, createdAt: { $lte: '2026-01-01T00:05:00.000Z' } };
    expect(candidates(table, early)?.every((d) => d.createdAt! <= '2026-01-01T00:05:00.000Z')).toBe(true);
    expect(table.ordered.find((i) => i.name === 'createdAt_-1__id_-1')!.isBuilt).toBe(true);
  });

  it("reads one issue's few events by lookup without building the ordered index it would not walk", () => {
    const table = new Table('timeline');
    table.createIndex({ name: 'issueId_1_at_1', keys: { issueId: 1, at: 1 }, unique: false, sparse: false });
    for (let i = 0; i < 3000; i++) {
      table.put({
        _id: `evt_${i}`,
        issueId: `iss_${i % 1000}`,
        at: `2026-01-01T00:00:${String(59 - (i % 60)).padStart(2, '0')}Z`,
      });
    }
    const index = table.ordered[0]!;
    const read = (filter: Filter, limit: number) =>
      sortedMatches(table, filter, compileFilter(filter), { at: 1 }, 0, limit).map((d) => d._id);
    // All three of an issue's events, or a page bigger than them: sorting three beats any walk.
    expect(read({ issueId: 'iss_7' }, 0)).toEqual(expected(table, { issueId: 'iss_7' }, { at: 1 }, 0, 0));
    expect(read({ issueId: 'iss_7' }, 50)).toEqual(expected(table, { issueId: 'iss_7' }, { at: 1 }, 0, 50));
    expect(index.isBuilt).toBe(false);
    // A page smaller than what the lookup holds walks the issue's prefix, building the index for it.
    expect(read({ issueId: 'iss_7' }, 2)).toEqual(expected(table, { issueId: 'iss_7' }, { at: 1 }, 0, 2));
    expect(index.isBuilt).toBe(true);
  });

  it('re-indexes a document from the version it replaces: a moved key, an array and back, a delete', () => {
    const table = issueTable(300, 5);
    const sort = { rank: 1 } as const;
    const index = table.ordered.find((i) => i.name === 'rank_1')!;
    const check = () =>
      expect(sortedMatches(table, {}, compileFilter({}), sort, 0, 0).map((d) => d._id)).toEqual(
        expected(table, {}, sort, 0, 0),
      );
    check(); // builds it
    const id = 'iss_000010';
    table.put({ ...table.get(id)!, rank: 'a-first' });
    check();
    table.put({ ...table.get(id)!, rank: ['x', 'y'] });
    expect(index.usable).toBe(false);
    table.put({ ...table.get(id)!, rank: 'z-last' });
    expect(index.usable).toBe(true);
    check();
    table.put({ ...table.get(id)!, title: 'same rank, other field' });
    table.remove(id);
    expect(index.size).toBe(table.size);
    check();
  });

  it('keeps the index in step with updates and deletes through the store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-ordered-'));
    tempDirs.push(dir);
    const store = await openEmbeddedStore({ dir, logger: { info: () => {}, warn: () => {} } });
    const issues = store.collection<StoredDocument & { at: string; n: number }>('issues');
    await issues.createIndex({ keys: { at: -1, _id: -1 } });
    for (let i = 0; i < 100; i++) await issues.insertOne({ _id: `i${i}`, at: `t${100 + i}`, n: i });
    await issues.updateOne({ _id: 'i3' }, { $set: { at: 't999' } });
    await issues.deleteOne({ _id: 'i99' });
    const newest = await issues.find({}, { sort: { at: -1, _id: -1 }, limit: 3 });
    expect(newest.map((d) => d._id)).toEqual(['i3', 'i98', 'i97']);
    const oldest = await issues.findOneAndUpdate({}, { $inc: { n: 1 } }, { sort: { at: 1, _id: 1 } });
    expect(oldest).toMatchObject({ _id: 'i0', n: 1 });
    await store.close();
  });
});

describe('embedded store: compiled filters', () => {
  it('the equality fast path matches exactly what mingo matches', () => {
    const rnd = random(3);
    const values = ['a', 'b', 1, 2, true, false, null];
    const pick = () => values[Math.floor(rnd() * values.length)];
    const docs: Doc[] = Array.from({ length: 300 }, (_, i) => {
      const doc: Doc = { _id: `d${i}` };
      if (rnd() < 0.8) doc.x = rnd() < 0.3 ? [pick(), pick()] : pick();
      if (rnd() < 0.8) doc.y = rnd() < 0.3 ? [[pick()], pick()] : pick();
      return doc;
    });
    const cache = new MatcherCache();
    const filters: Filter[] = [
      { x: 'a' },
      { x: 1, y: true },
      { x: { $eq: 2 } },
      { x: { $in: ['a', 1, false] } },
      { y: { $in: ['b', true] }, x: 'b' },
      { _id: 'd7' },
      { y: 'a' },
    ];
    for (const filter of filters) {
      const mingo = compileFilter(filter);
      const fast = cache.compile(filter);
      expect(
        docs.filter(fast).map((d) => d._id),
        JSON.stringify(filter),
      ).toEqual(docs.filter(mingo).map((d) => d._id));
    }
    expect(cache.size).toBe(0); // all took the fast path: nothing compiled through mingo
  });

  it('the fast path also takes dotted paths through arrays and $and, matching what mingo matches', () => {
    const rnd = random(5);
    const values = ['a', 'b', 1, true, null];
    const pick = () => values[Math.floor(rnd() * values.length)];
    const leaf = () => (rnd() < 0.2 ? [pick(), pick()] : pick());
    const inner = (): unknown => {
      const r = rnd();
      if (r < 0.15) return pick();
      if (r < 0.3) return [{ c: leaf() }, { c: leaf() }, pick()];
      if (r < 0.4) return [[{ c: leaf() }]];
      return rnd() < 0.9 ? { c: leaf() } : {};
    };
    const docs: Doc[] = Array.from({ length: 400 }, (_, i) => {
      const doc: Doc = { _id: `d${i}`, s: pick() };
      const r = rnd();
      if (r < 0.4) doc.a = { b: inner() };
      else if (r < 0.8) doc.a = [{ b: inner() }, { b: inner() }, pick()];
      else if (r < 0.9) doc.a = pick();
      return doc;
    });
    const cache = new MatcherCache();
    const filters: Filter[] = [
      { 'a.b.c': 'a' },
      { 'a.b': 'b' },
      { 'a.b.c': { $eq: 'b' }, s: 'a' },
      { $and: [{ s: 1 }, { 'a.b.c': 'a' }] },
      { $and: [{ s: { $in: ['a', 'b'] } }, {}] },
    ];
    for (const filter of filters) {
      const mingo = compileFilter(filter);
      const fast = cache.compile(filter);
      expect(
        docs.filter(fast).map((d) => d._id),
        JSON.stringify(filter),
      ).toEqual(docs.filter(mingo).map((d) => d._id));
    }
    expect(cache.size).toBe(0);
    // Shapes it does not take still go through mingo.
    cache.compile({ 'a.0.b': 'a' });
    cache.compile({ $and: [{ s: { $gt: 1 } }] });
    cache.compile({ 'a.b.c': { $in: [1, true] } });
    expect(cache.size).toBe(3);
  });

  it('caches mingo compilations by the filter, RegExps included', () => {
    const cache = new MatcherCache(2);
    const a = cache.compile({ name: { $regex: /^a/i } });
    expect(cache.compile({ name: { $regex: /^a/i } })).toBe(a);
    expect(cache.compile({ name: { $regex: /^b/i } })).not.toBe(a);
    cache.compile({ n: { $gt: 1 } });
    expect(cache.size).toBe(2);
    expect(cache.compile({ name: { $regex: /^a/i } })).not.toBe(a); // evicted: oldest first
  });
});
