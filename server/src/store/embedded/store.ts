/**
 * The embedded store: every collection in memory, made durable by a journal in a data directory that
 * this process locks. See README.md for the file format and guarantees.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Collection, Store, StoredDocument } from '../port.ts';
import { consoleLogger, type StoreLogger } from '../shared/logger.ts';
import { assertCollectionName } from '../shared/validate.ts';
import { type Change, type CollectionHost, EmbeddedCollection } from './collection.ts';
import type { FsyncPolicy } from './journal.ts';
import { acquireLock } from './lock.ts';
import { type CompactionStep, Persistence } from './persistence.ts';
import { MatcherCache } from './query.ts';
import type { CollectionState } from './snapshot.ts';
import { Table } from './table.ts';

export interface EmbeddedStoreOptions {
  /** The data directory (created if missing). One process at a time. */
  dir: string;
  /** Default 'interval'. See {@link JournalWriter}. */
  fsync?: FsyncPolicy;
  logger?: StoreLogger;
  /** Compact once the journal is at least this big (default 8 MiB) and holds over 2 records per live document. */
  compactMinBytes?: number;
  /** Test hook: called after each compaction step; throwing leaves the files as a crash there would. */
  onCompactionStep?: (step: CompactionStep) => void;
}

export const DEFAULT_COMPACT_MIN_BYTES = 8 * 1024 * 1024;

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const dir = resolve(options.dir);
  const logger = options.logger ?? consoleLogger;
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir, logger);
  try {
    return new EmbeddedStore(dir, options, logger, release);
  } catch (error) {
    release();
    throw error;
  }
}

export class EmbeddedStore implements Store, CollectionHost {
  readonly kind = 'embedded' as const;
  private readonly tables = new Map<string, Table>();
  private readonly collections = new Map<string, EmbeddedCollection<StoredDocument>>();
  private readonly persistence: Persistence;
  readonly matchers = new MatcherCache();
  private closing: Promise<void> | undefined;
  /** Changes waiting for the next group commit. */
  private group: CommitGroup | undefined;

  constructor(
    readonly dir: string,
    options: EmbeddedStoreOptions,
    logger: StoreLogger,
    private readonly releaseLock: () => void,
  ) {
    const started = Date.now();
    this.persistence = new Persistence(
      {
        dir,
        fsync: options.fsync ?? 'interval',
        compactMinBytes: options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES,
        logger,
        ...(options.onCompactionStep ? { onCompactionStep: options.onCompactionStep } : {}),
      },
      {
        put: (collection, doc) => this.table(collection).put(doc),
        del: (collection, id) => this.table(collection).remove(id),
      },
    );
    logger.info(
      `opened the embedded store in ${dir}: ${this.liveDocs()} documents in ${Date.now() - started} ms`,
    );
  }

  collection<T extends StoredDocument>(name: string): Collection<T> {
    assertCollectionName(name);
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(this.table(name), this);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.persistence.assertWritable();
  }

  /** Folds the journal into a fresh snapshot now (it also happens on its own, and on close). */
  async compact(): Promise<void> {
    this.assertOpen();
    this.flush();
    await this.persistence.compact(this.capture);
  }

  close(): Promise<void> {
    this.flush();
    this.closing ??= this.persistence.close(this.capture).finally(this.releaseLock);
    return this.closing;
  }

  assertOpen(): void {
    if (this.closing) throw new Error(`the embedded store in ${this.dir} is closed`);
  }

  /**
   * Group commit: changes made during one turn of the event loop are appended to the journal together,
   * in one write at the end of the turn (setImmediate), and every write of the group is acknowledged
   * after it. Durability is unchanged — nothing resolves before its bytes are in the journal (and on
   * disk, with fsync 'always') — while a burst of writes costs one system call instead of one each.
   * Other operations can read a change before its group is flushed; if the flush fails, the whole
   * group is undone newest first and every write in it rejects.
   */
  commit(table: Table, changes: Change[]): Promise<void> {
    try {
      this.persistence.assertWritable();
    } catch (error) {
      undo(table, changes);
      return Promise.reject(error);
    }
    let group = this.group;
    if (!group) {
      group = this.group = new CommitGroup();
      setImmediate(() => this.flush());
    }
    group.add(table, changes);
    return group.done;
  }

  /** Appends the pending group now (also before a compaction switches journals, and on close). */
  flush(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      this.persistence.append(group.lines, group.records);
    } catch (error) {
      group.undo();
      group.fail(error as Error);
      return;
    }
    group.succeed();
    this.persistence.maybeCompact(this.liveDocs(), this.capture);
  }
  private table(name: string): Table {
    let table = this.tables.get(name);
    if (!table) {
      table = new Table(name);
      this.tables.set(name, table);
    }
    return table;
  }

  private liveDocs(): number {
    let n = 0;
    for (const table of this.tables.values()) n += table.size;
    return n;
  }

  /** References to every live document; safe to serialise later because stored documents are immutable. */
  private readonly capture = (): CollectionState => {
    const state: CollectionState = [];
    for (const table of this.tables.values()) {
      if (table.size > 0) state.push([table.name, Array.from(table.scan())]);
    }
    return state;
  };
}

/** Changes made in one turn of the event loop, journalled together. */
class CommitGroup {
  /**
   * The journal lines, kept apart: joined into one string (a rope of thousands of pieces under load),
   * encoding it to UTF-8 cost 20–40 times more than encoding the lines one by one.
   */
  readonly lines: string[] = [];
  records = 0;
  private readonly applied: Array<{ table: Table; changes: Change[] }> = [];
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  readonly done = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  add(table: Table, changes: Change[]): void {
    this.applied.push({ table, changes });
    this.records += changes.length;
    for (const change of changes) {
      this.lines.push(
        change.after
          ? `{"op":"put","c":${table.jsonName},"doc":${change.json}}\n`
          : `{"op":"del","c":${table.jsonName},"id":${JSON.stringify(change.id)}}\n`,
      );
    }
  }

  /** Puts every table back as it was before the group, newest change first. */
  undo(): void {
    for (let i = this.applied.length - 1; i >= 0; i--) undo(this.applied[i]!.table, this.applied[i]!.changes);
  }

  succeed(): void {
    this.resolve();
  }

  fail(error: Error): void {
    this.reject(error);
  }
}

function undo(table: Table, changes: Change[]): void {
  for (let i = changes.length - 1; i >= 0; i--) table.restore(changes[i]!.id, changes[i]!.before);
}
