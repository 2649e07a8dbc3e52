/**
 * Secondary indexes of the embedded store.
 *
 * - A {@link UniqueIndex} enforces a declared unique index with MongoDB's key semantics: arrays index
 *   each element (multikey), a missing field indexes as null unless the index is sparse (the port's
 *   sparse: only documents with every key field are indexed).
 * - A {@link FieldLookup} maps the values of one field (the first key of any declared index) to the
 *   documents holding them, so equality filters read a handful of candidates instead of scanning.
 *   Candidates are always re-checked by the real matcher, so a lookup may over-approximate, never miss
 *   (its keys are {@link lookupKey}s).
 */
import { DuplicateKeyError, StoreQueryError } from '../port.ts';
import type { Doc } from './json.ts';
import { collectValues, splitPath } from './paths.ts';

export interface IndexDef {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
  sparse: boolean;
}

/** MongoDB indexes an empty array as `undefined`: one key that no JSON value collides with. */
const EMPTY_ARRAY = Symbol('empty array');
const EMPTY_ARRAY_KEY = 'E'; // bare E is not valid JSON, so no encoded value equals it

/** Equal JSON values (numbers compare by value, objects by field order, as in MongoDB) encode equally. */
export function encodeKey(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * A {@link FieldLookup}'s key for a value: a string is its own key, anything else its JSON text.
 * Most indexed values are strings (ids, statuses), and the string itself is a key the Map already
 * has the hash of; its JSON text was a new string to build and hash on every write and query.
 * A string that reads like another value's JSON (`"1"` and `1`) shares its key: harmless, since a
 * lookup may over-approximate (every candidate is checked by the matcher). Unique indexes, which
 * must not, keep {@link encodeKey}.
 */
export function lookupKey(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

interface IndexKey {
  encoded: string;
  values: unknown[];
}

export class UniqueIndex {
  private readonly paths: string[][];
  private readonly fields: string[];
  /** Encoded key → `_id` of the one document holding it. */
  private readonly owners = new Map<string, string>();

  constructor(
    readonly collection: string,
    readonly def: IndexDef,
  ) {
    this.fields = Object.keys(def.keys);
    this.paths = this.fields.map(splitPath);
  }

  /** The keys a document occupies in this index (none when sparse and a key field is missing). */
  keysOf(doc: Doc): IndexKey[] {
    const perField: unknown[][] = [];
    let arrays = 0;
    for (const path of this.paths) {
      const found = collectValues(doc, path);
      if (found.length === 0) {
        if (this.def.sparse) return [];
        perField.push([null]);
        continue;
      }
      const expanded: unknown[] = [];
      for (const value of found) {
        if (Array.isArray(value)) {
          arrays++;
          if (value.length === 0) expanded.push(EMPTY_ARRAY);
          else expanded.push(...value);
        } else {
          expanded.push(value);
        }
      }
      perField.push(expanded);
    }
    if (arrays > 1 && this.fields.length > 1) {
      throw new StoreQueryError(
        `cannot index parallel arrays in ${this.collection} (index ${this.def.name})`,
      );
    }
    const keys = new Map<string, IndexKey>();
    for (const values of cartesian(perField)) {
      const encoded = values.map((v) => (v === EMPTY_ARRAY ? EMPTY_ARRAY_KEY : encodeKey(v))).join('\u0000');
      keys.set(encoded, { encoded, values });
    }
    return [...keys.values()];
  }

  /** Throws {@link DuplicateKeyError} if another document already holds one of these keys. */
  check(id: string, keys: readonly IndexKey[]): void {
    for (const key of keys) {
      const owner = this.owners.get(key.encoded);
      if (owner !== undefined && owner !== id) {
        const keyObject: Record<string, unknown> = {};
        this.fields.forEach((field, i) => {
          keyObject[field] = key.values[i] === EMPTY_ARRAY ? [] : key.values[i];
        });
        throw new DuplicateKeyError(this.collection, this.def.name, keyObject);
      }
    }
  }

  add(id: string, keys: readonly IndexKey[]): void {
    for (const key of keys) this.owners.set(key.encoded, id);
  }

  remove(id: string, keys: readonly IndexKey[]): void {
    for (const key of keys) if (this.owners.get(key.encoded) === id) this.owners.delete(key.encoded);
  }
}

function cartesian(lists: unknown[][]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const list of lists) {
    const next: unknown[][] = [];
    for (const prefix of out) for (const value of list) next.push([...prefix, value]);
    out = next;
  }
  return out;
}

/**
 * A document's keys in a {@link FieldLookup}: none (null), the one key of a field holding one value
 * (most do: ids, statuses, queues), or a set (an array's elements, and the array itself). Not a set
 * every time: every write asks each lookup of its table for the keys of both versions of the
 * document, and two fresh sets per lookup were ~6 KB of garbage an ingested issue.
 */
export type LookupKeys = string | ReadonlySet<string> | null;

const NO_KEYS: ReadonlySet<string> = new Set();

function isOneKey(keys: LookupKeys): keys is string | null {
  return keys === null || typeof keys === 'string';
}

function asSet(keys: LookupKeys): ReadonlySet<string> {
  return keys === null ? NO_KEYS : typeof keys === 'string' ? new Set([keys]) : keys;
}

export class FieldLookup {
  private readonly path: string[];
  /** Undefined until first use: like the ordered indexes, built when a query first needs it. */
  private built: Map<string, Set<string>> | undefined;

  constructor(
    readonly field: string,
    private readonly source: () => Iterable<{ doc: Doc }>,
  ) {
    this.path = splitPath(field);
  }

  private get entries(): Map<string, Set<string>> {
    if (this.built) return this.built;
    this.built = new Map();
    for (const { doc } of this.source()) this.#put(doc._id, this.keysOf(doc));
    return this.built;
  }

  /** Every value an equality filter on this field could match: the values, and the elements of arrays. */
  keysOf(doc: Doc): LookupKeys {
    if (this.path.length === 1) {
      // A top-level field holding one value: its key, without walking the path.
      const field = this.path[0] as string;
      if (!Object.hasOwn(doc, field)) return null;
      const value = doc[field];
      if (value === null) return null; // null filters also match missing fields: they scan instead
      if (!Array.isArray(value)) return lookupKey(value);
    }
    const keys = new Set<string>();
    for (const value of collectValues(doc, this.path)) {
      if (value === null) continue;
      keys.add(lookupKey(value));
      if (Array.isArray(value))
        for (const element of value) if (element !== null) keys.add(lookupKey(element));
    }
    return keys;
  }

  /** Whether the lookup has been built (writes before that cost nothing: the build reads them). */
  get isBuilt(): boolean {
    return this.built !== undefined;
  }

  add(id: string, keys: LookupKeys): void {
    if (this.built) this.#put(id, keys);
  }

  remove(id: string, keys: LookupKeys): void {
    if (!this.built || keys === null) return;
    if (typeof keys === 'string') this.#drop(id, keys);
    else for (const key of keys) this.#drop(id, key);
  }

  /**
   * Moves a document from the keys of the version it replaces to its own, touching only the keys that
   * differ: most writes leave the field alone, and taking an id out of a set of 90,000 (`resolved`)
   * to put it straight back churned that set into a rehash every so often.
   */
  replace(id: string, before: LookupKeys, after: LookupKeys): void {
    if (!this.built || before === after) return;
    if (isOneKey(before) && isOneKey(after)) {
      // One key or none each, and they differ.
      if (before !== null) this.#drop(id, before);
      if (after !== null) this.#addOne(id, after);
      return;
    }
    const was = asSet(before);
    const is = asSet(after);
    for (const key of was) if (!is.has(key)) this.#drop(id, key);
    for (const key of is) if (!was.has(key)) this.#addOne(id, key);
  }

  #put(id: string, keys: LookupKeys): void {
    if (keys === null) return;
    if (typeof keys === 'string') this.#addOne(id, keys);
    else for (const key of keys) this.#addOne(id, key);
  }

  #addOne(id: string, key: string): void {
    const entries = this.built as Map<string, Set<string>>;
    let ids = entries.get(key);
    if (!ids) {
      ids = new Set();
      entries.set(key, ids);
    }
    ids.add(id);
  }

  #drop(id: string, key: string): void {
    const entries = this.built as Map<string, Set<string>>;
    const ids = entries.get(key);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) entries.delete(key);
  }

  /** How many documents hold these values (an upper bound: one holding two of them counts twice), without gathering them. */
  count(encodedValues: readonly string[]): number {
    let n = 0;
    for (const key of encodedValues) n += this.entries.get(key)?.size ?? 0;
    return n;
  }

  /** Ids of documents that may hold any of the encoded values. */
  lookup(encodedValues: readonly string[]): Set<string> {
    if (encodedValues.length === 1) return this.entries.get(encodedValues[0]!) ?? new Set();
    const out = new Set<string>();
    for (const key of encodedValues) for (const id of this.entries.get(key) ?? []) out.add(id);
    return out;
  }
}
