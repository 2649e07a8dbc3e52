/**
 * An ordered index of the embedded store: a B+ tree (sorted-btree) of one declared index's key values,
 * so a sort that follows the index, a range on its fields and a cursor seek read only the documents
 * they return instead of scanning and sorting the collection.
 *
 * - Tree keys are `[value of each field..., insertion seq]` in the index's directions, values compared in
 *   MongoDB's order (`compareValues`, the same order `sortDocs` uses), so walking the tree yields exactly
 *   what sorting would: ties on every field keep natural (insertion) order, in either walk direction.
 * - A missing field keys as null, like MongoDB sorts it. A document whose indexed path reaches an array
 *   is multikey: its sort key depends on the direction, so it is left out of the tree and the index is
 *   not used while any such document exists (the planner falls back; results never change).
 * - Built on first use, not when declared: a server declares every index while it starts, over a store
 *   that may already hold 100,000 issues, and most indexes are not asked for in its first seconds. The
 *   first use sorts the keys once and bulk-loads the tree (O(n) after the sort, and a fuller tree than
 *   n inserts leave); until then writes only touch the documents, which the build reads.
 */
import { bulkLoad } from 'sorted-btree/extended/bulkLoad.js';
import type { Doc } from './json.ts';
import { collectValues, splitPath } from './paths.ts';
import { compareStrings, compareValues } from './sort.ts';

type Tree = import('sorted-btree').default<Key, string>;
/** sorted-btree's default branching factor. */
const NODE_SIZE = 64;

/** The documents of the collection with their insertion order, read once when the index is built. */
export type IndexSource = () => Iterable<{ doc: Doc; seq: number }>;

/** Search-only sentinels: before / after every value of a field, whatever the field's direction. */
export const MIN_VALUE = Symbol('min');
export const MAX_VALUE = Symbol('max');
type Bound = typeof MIN_VALUE | typeof MAX_VALUE;

/** `[field values..., seq]`; search keys may hold sentinels. */
export type Key = unknown[];

/** A range over one field in value order; `undefined` ends are open. Ends are inclusive (over-approximate). */
export interface ValueRange {
  lo?: unknown;
  hi?: unknown;
}

export class OrderedIndex {
  readonly fields: string[];
  readonly directions: Array<1 | -1>;
  private readonly paths: string[][];
  private readonly compare: (a: Key, b: Key) => number;
  /** Undefined until first use (see the module comment). */
  private built: Tree | undefined;
  /** Documents left out because their path reaches an array. */
  private readonly multikey = new Set<string>();

  constructor(
    readonly name: string,
    keys: Record<string, 1 | -1>,
    private readonly source: IndexSource,
  ) {
    this.fields = Object.keys(keys);
    this.directions = Object.values(keys);
    this.paths = this.fields.map(splitPath);
    const n = this.fields.length;
    const directions = this.directions;
    this.compare = (a: Key, b: Key) => {
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        if (x === y) continue;
        if (x === MIN_VALUE || y === MAX_VALUE) return -1;
        if (x === MAX_VALUE || y === MIN_VALUE) return 1;
        const c =
          typeof x === 'string' && typeof y === 'string'
            ? compareStrings(x, y)
            : typeof x === 'number' && typeof y === 'number'
              ? x - y
              : compareValues(x, y);
        if (c !== 0) return c * directions[i]!;
      }
      return (a[n] as number) - (b[n] as number);
    };
  }

  /** Whether the tree exists yet (it is built on first use). */
  get isBuilt(): boolean {
    return this.built !== undefined;
  }

  /** The index can answer for the whole collection (no document was left out). */
  get usable(): boolean {
    this.tree();
    return this.multikey.size === 0;
  }

  get size(): number {
    return this.tree().size;
  }

  /**
   * Indexes a document, or re-indexes it when `before` (the version it replaces, which the tree holds)
   * is given; `seq` is its insertion order. The old key is computed from `before` rather than kept per
   * id: a map of 100,000+ ids cost two hash lookups that miss the cache on every write (~40 % of a
   * put) and a map entry per document per index.
   */
  put(doc: Doc, seq: number, before?: Doc): void {
    const tree = this.built;
    if (!tree) return; // the build reads every document as it is then
    const key = this.keyOf(doc, seq);
    if (before) {
      const old = this.keyOf(before, seq);
      if (old) {
        if (key && sameKey(old, key)) return;
        tree.delete(old);
      } else {
        this.multikey.delete(before._id);
      }
    }
    if (key) tree.set(key, doc._id);
    else this.multikey.add(doc._id);
  }

  /** Takes out a document (the version the tree holds) inserted as `seq`. */
  remove(doc: Doc, seq: number): void {
    const tree = this.built;
    if (!tree) return;
    const old = this.keyOf(doc, seq);
    if (old) tree.delete(old);
    else this.multikey.delete(doc._id);
  }

  /** The tree, built from the collection on first call: keys sorted once, then bulk-loaded. */
  private tree(): Tree {
    if (this.built) return this.built;
    const entries: Array<[Key, string]> = [];
    for (const { doc, seq } of this.source()) {
      const key = this.keyOf(doc, seq);
      if (!key) {
        this.multikey.add(doc._id);
        continue;
      }
      entries.push([key, doc._id]);
    }
    const compare = this.compare;
    entries.sort((a, b) => compare(a[0], b[0]));
    this.built = bulkLoad(
      entries.map((e) => e[0]),
      entries.map((e) => e[1]),
      NODE_SIZE,
      compare,
    ) as unknown as Tree;
    return this.built;
  }

  /**
   * Ids in index order (or its reverse), within `prefix` (equal values of the first fields) and `range`
   * on the next field. Ties on every field come in insertion order in both directions.
   */
  *walk(prefix: readonly unknown[], range: ValueRange = {}, reverse = false): Generator<string> {
    const n = this.fields.length;
    const k = prefix.length;
    const start: Key = [...prefix];
    const end: Key = [...prefix];
    if (k < n) {
      const ascending = this.directions[k] === 1;
      const first = ascending ? range.lo : range.hi;
      const last = ascending ? range.hi : range.lo;
      start.push(first === undefined ? MIN_VALUE : first);
      end.push(last === undefined ? MAX_VALUE : last);
    }
    while (start.length < n) start.push(MIN_VALUE as Bound);
    while (end.length < n) end.push(MAX_VALUE as Bound);
    start.push(Number.NEGATIVE_INFINITY);
    end.push(Number.POSITIVE_INFINITY);
    const compare = this.compare;
    const tree = this.tree();
    if (!reverse) {
      for (const [key, id] of tree.entries(start)) {
        if (compare(key, end) > 0) return;
        yield id;
      }
      return;
    }
    // Walking backwards reverses ties too; gather each run of equal values and give it in seq order.
    let run: string[] = [];
    let runKey: Key | undefined;
    for (const [key, id] of tree.entriesReversed(end)) {
      if (compare(key, start) < 0) break;
      if (runKey && !sameValues(runKey, key, n)) {
        for (let i = run.length - 1; i >= 0; i--) yield run[i]!;
        run = [];
      }
      runKey = key;
      run.push(id);
    }
    for (let i = run.length - 1; i >= 0; i--) yield run[i]!;
  }

  /** The key a document has in this index, or undefined when a path reaches an array (multikey). */
  private keyOf(doc: Doc, seq: number): Key | undefined {
    const key: Key = new Array(this.paths.length + 1);
    for (let i = 0; i < this.paths.length; i++) {
      const parts = this.paths[i]!;
      let value: unknown;
      if (parts.length === 1) {
        value = Object.hasOwn(doc, parts[0]!) ? doc[parts[0]!] : null;
      } else {
        const found = collectValues(doc, parts);
        if (found.length > 1) return undefined;
        value = found.length === 0 ? null : found[0];
      }
      if (Array.isArray(value)) return undefined;
      key[i] = value;
    }
    key[this.paths.length] = seq;
    return key;
  }
}

function sameValues(a: Key, b: Key, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && compareValues(a[i], b[i]) !== 0) return false;
  return true;
}

function sameKey(a: Key, b: Key): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
