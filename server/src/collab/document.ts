/**
 * One loaded collaboration document: its Y.Doc and awareness, the connections editing it, and the
 * pipeline that forwards every update and stores it right after.
 *
 * Updates are applied to the Y.Doc as they arrive and queued. At the end of the event-loop turn the
 * queue is merged into one update and forwarded to the other connections (everything that arrived in
 * one turn goes out as one message, encoded once for all of them), then handed to a single writer
 * per document: at once after a quiet interval; within `storeIntervalMs` (100 ms) of an append, what
 * was forwarded meanwhile goes out as one record (group commit) as soon as a turn brings nothing new
 * or the interval ends. Compaction runs beside the writer, never in front of a forward. A crash can
 * lose from the store only what was forwarded in the last turn, or the last interval of a document
 * receiving turn after turn; every client that had it — its author
 * always — sends it again on reconnect (sync step 2), so the document loses it only if all of them
 * are gone too (docs/decisions.md, collaboration hub).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import type { CollabOptions } from './options.ts';
import type { CollabPersistence, LoadedState } from './persistence.ts';
import {
  assertValidStateVector,
  assertValidUpdate,
  type ClientMessage,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.ts';
import {
  type CollabHookPayloads,
  type CollabLogger,
  type DocumentKind,
  LOAD_ORIGIN,
  SERVER_ORIGIN,
} from './types.ts';
import { checkUpdate, collectGarbage, pruneTooDeep, UpdateRefusedError } from './update-guard.ts';

export type DocumentState = 'active' | 'unloading' | 'unloaded';

/** A stored update the load left out (and why); the hub moves it to quarantine and reports it. */
export interface QuarantinedUpdate {
  seq: number;
  update: Uint8Array;
  reason: string;
}

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
}

/** Forwarded and not yet stored: one merged update standing for `updates` received ones. */
interface UnstoredUpdate {
  update: Uint8Array;
  updates: number;
}

export interface DocumentContext {
  persistence: CollabPersistence;
  options: CollabOptions;
  log: CollabLogger;
  emit<K extends keyof CollabHookPayloads>(hook: K, payload: CollabHookPayloads[K]): void;
}

/** An update with nothing in it: what a client with no local changes answers to sync step 1. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

export class HubDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  state: DocumentState = 'active';
  /** When the last connection left (for the idle unload), or null while someone is connected. */
  idleTimer: NodeJS.Timeout | null = null;
  /** Stored updates the load left out; the hub quarantines and reports them. */
  readonly quarantined: QuarantinedUpdate[] = [];
  /** Shared types the load removed because they nested deeper than the limit. */
  readonly pruned: number = 0;
  /** About how many bytes the document holds in the store (snapshot plus later updates). */
  #bytes = 0;

  #seq: number;
  #sinceSnapshot: { updates: number; bytes: number };
  /** An append failed: the next compaction must write the whole document. */
  #snapshotOwed = false;
  /** Applied, to be forwarded at the end of this turn. */
  #pending: PendingUpdate[] = [];
  #forwardScheduled = false;
  /** Forwarded, to be appended by the writer. */
  #unstored: UnstoredUpdate[] = [];
  #flushing: Promise<void> | null = null;
  /** The next append's timer, while forwarded updates wait for it. */
  #storeTimer: NodeJS.Timeout | null = null;
  /** Looks, one turn later, whether the document went quiet (then what waits is stored at once). */
  #quietCheck: NodeJS.Immediate | null = null;
  /** When the last append started (performance.now()), for the store interval. */
  #lastAppendAt = Number.NEGATIVE_INFINITY;
  #compacting: Promise<void> | null = null;
  /** Which connection controls each awareness client id: no one may change another's presence. */
  readonly #awarenessOwners = new Map<number, Connection>();

  constructor(
    readonly name: string,
    readonly kind: DocumentKind,
    readonly id: string,
    loaded: LoadedState,
    private readonly context: DocumentContext,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.#seq = loaded.lastSeq;
    this.#sinceSnapshot = { ...loaded.sinceSnapshot };
    if (loaded.updates.length) {
      this.pruned = this.#loadStored(loaded);
      // What was left out or removed must leave the store too: the next compaction writes the rest.
      if (this.quarantined.length || this.pruned) this.#snapshotOwed = true;
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#enqueue(update, origin));
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) =>
      this.#onAwareness(changes, origin),
    );
  }

  /**
   * Applies the stored state one update at a time. An update the guard refuses (written before the
   * limits existed) is left out and listed in {@link quarantined}; the rest of the document loads.
   * A snapshot is never left out whole: types it nests too deep are removed from it instead.
   * Garbage collection is held back during the load and then done children-first, so a deep tree
   * deleted in the stored state cannot overflow the stack either.
   */
  #loadStored(loaded: LoadedState): number {
    const limits = this.context.options;
    this.doc.gc = false;
    try {
      this.doc.transact(() => {
        loaded.updates.forEach((update, index) => {
          const seq = loaded.seqs[index] ?? -1;
          try {
            if (seq === 0) assertValidUpdate(update);
            else checkUpdate(this.doc, update, limits);
            Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
            this.#bytes += update.byteLength;
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.quarantined.push({ seq, update, reason });
          }
        });
      }, LOAD_ORIGIN);
    } finally {
      this.doc.gc = true;
    }
    const pruned = pruneTooDeep(this.doc, limits.maxTypeDepth, LOAD_ORIGIN);
    collectGarbage(this.doc);
    return pruned;
  }

  /** Changes the document as the server (seeding, API writes); stored and broadcast like any update. */
  change(fn: (doc: Y.Doc) => void): void {
    if (this.state !== 'active') throw new Error(`collaboration document ${this.name} is ${this.state}`);
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
  }

  /** What a new connection gets first: the server's state vector and everyone's presence. */
  greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length) {
      connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
    }
  }

  /** Handles one parsed message of a connection; throws MalformedMessageError on bad input. */
  receive(connection: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        assertValidStateVector(message.stateVector);
        connection.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step2':
      case 'update':
        if (connection.access !== 'write') {
          if (!isEmptyUpdate(message.update)) connection.refuseWrite(message.update.byteLength);
          return;
        }
        this.#admitUpdate(message.update);
        Y.applyUpdate(this.doc, message.update, connection);
        return;
      case 'awareness':
        this.#applyAwareness(connection, message.update);
        return;
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()];
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
        return;
      }
    }
  }

  /** Refuses (throws) an update that breaks the limits, before it touches the document. */
  #admitUpdate(update: Uint8Array): void {
    const { maxDocumentBytes } = this.context.options;
    if (isEmptyUpdate(update)) return;
    if (this.#bytes + update.byteLength > maxDocumentBytes) {
      throw new UpdateRefusedError(
        `the document would exceed ${maxDocumentBytes} bytes; remove something before adding more`,
      );
    }
    checkUpdate(this.doc, update, this.context.options);
  }

  /** Forgets a connection and the presence it controlled (which everyone else is told). */
  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const controlled = [...this.#awarenessOwners]
      .filter(([, owner]) => owner === connection)
      .map(([id]) => id);
    if (controlled.length) awarenessProtocol.removeAwarenessStates(this.awareness, controlled, null);
  }

  #applyAwareness(connection: Connection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    const allowed = entries.filter((entry) => {
      const owner = this.#awarenessOwners.get(entry.clientId);
      return owner === undefined || owner === connection;
    });
    if (!allowed.length) return;
    const filtered = allowed.length === entries.length ? update : encodeAwarenessEntries(allowed);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, connection);
  }

  #onAwareness({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    if (origin && this.connections.has(origin as Connection)) {
      for (const id of added) this.#awarenessOwners.set(id, origin as Connection);
    }
    for (const id of removed) this.#awarenessOwners.delete(id);
    const changed = [...added, ...updated, ...removed];
    if (!changed.length || !this.connections.size) return;
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Sent to the author too: the stock client counts its own echo as a sign of life.
    for (const connection of this.connections) connection.send(message);
  }

  #enqueue(update: Uint8Array, origin: unknown): void {
    this.#pending.push({ update, origin });
    this.#bytes += update.byteLength;
    if (this.#forwardScheduled) return;
    this.#forwardScheduled = true;
    setImmediate(() => this.#forward());
  }

  /** Forwards what arrived this turn as one merged update and queues it for the writer. */
  #forward(): void {
    this.#forwardScheduled = false;
    if (!this.#pending.length) return;
    const batch = this.#pending.splice(0);
    const merged =
      batch.length === 1 ? (batch[0] as PendingUpdate).update : Y.mergeUpdates(batch.map((p) => p.update));
    try {
      this.#broadcast(batch, merged);
    } catch (error) {
      this.#reportError(error, 'forward');
    }
    this.#unstored.push({ update: merged, updates: batch.length });
    this.#scheduleStore();
  }

  /**
   * The writer appends at most once per `storeIntervalMs` while a document receives turn after
   * turn: the first update after a quiet interval is appended at once, what follows within the
   * interval waits (see {@link #storeWhenQuiet}) and goes out as one merged record. A saturated
   * document costs one append (and a 500th of a compaction) per interval instead of one per turn.
   */
  #scheduleStore(): void {
    if (this.#flushing || this.#storeTimer || !this.#unstored.length) return;
    const wait = this.#lastAppendAt + this.context.options.storeIntervalMs - performance.now();
    if (wait <= 0) {
      this.#store();
      return;
    }
    this.#storeTimer = setTimeout(() => {
      this.#storeTimer = null;
      this.#store();
    }, wait);
    this.#storeTimer.unref();
    this.#storeWhenQuiet();
  }

  /**
   * A document that stops receiving is stored at once, not at the interval's end: one turn of the
   * event loop (its I/O included) that brought it nothing, and what waits is appended. Only a
   * document receiving turn after turn waits for the interval, so the window a crash can take is
   * the interval only for a document under continuous load.
   */
  #storeWhenQuiet(): void {
    if (this.#quietCheck) return;
    this.#quietCheck = setImmediate(() => {
      this.#quietCheck = null;
      if (!this.#storeTimer) return;
      if (this.#pending.length || this.#forwardScheduled) this.#storeWhenQuiet();
      else this.#store();
    });
  }

  /** Starts an append of everything forwarded so far, now (unless one is in flight). */
  #store(): void {
    if (this.#storeTimer) {
      clearTimeout(this.#storeTimer);
      this.#storeTimer = null;
    }
    if (this.#flushing || !this.#unstored.length) return;
    this.#lastAppendAt = performance.now();
    this.#flushing = this.#flush()
      .catch((error) => this.#reportError(error, 'flush'))
      .finally(() => {
        this.#flushing = null;
        this.#scheduleStore();
      });
  }

  /** Appends everything forwarded so far as one record. */
  async #flush(): Promise<void> {
    const chunk = this.#unstored.splice(0);
    const merged =
      chunk.length === 1 ? (chunk[0] as UnstoredUpdate).update : Y.mergeUpdates(chunk.map((c) => c.update));
    const updates = chunk.reduce((sum, c) => sum + c.updates, 0);
    const seq = ++this.#seq;
    try {
      await this.context.persistence.append(this.name, seq, merged);
      this.#sinceSnapshot.updates += 1;
      this.#sinceSnapshot.bytes += merged.byteLength;
      this.context.emit('stored', { document: this.name, seq, bytes: merged.byteLength, updates });
    } catch (error) {
      // Keep collaborating; the whole document is written as a snapshot as soon as the store answers.
      this.#snapshotOwed = true;
      this.#reportError(error, 'append');
    }
    const { compactAfterUpdates, compactAfterBytes } = this.context.options;
    if (
      !this.#compacting &&
      (this.#snapshotOwed ||
        this.#sinceSnapshot.updates >= compactAfterUpdates ||
        this.#sinceSnapshot.bytes >= compactAfterBytes)
    ) {
      // Beside the writer: appends (and forwards) go on while the snapshot is written.
      this.#compacting = this.#compact().finally(() => {
        this.#compacting = null;
      });
    }
  }

  /**
   * One message per connection. A batch from one author goes to everyone else; a batch from several
   * goes whole to everyone, authors included (Yjs ignores what a client already has): one merge and
   * one encoding instead of one per author, which is what a busy document costs most.
   */
  #broadcast(batch: PendingUpdate[], merged: Uint8Array): void {
    if (!this.connections.size) return;
    const first = batch[0]?.origin;
    const author = batch.every((p) => p.origin === first) ? first : undefined;
    const message = encodeUpdate(merged);
    for (const connection of this.connections) if (connection !== author) connection.send(message);
  }

  async #compact(): Promise<void> {
    const seq = this.#seq;
    const counted = { ...this.#sinceSnapshot };
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.context.persistence.compact(this.name, seq, state);
      // Appends that finished meanwhile stay counted for the next compaction.
      this.#sinceSnapshot = {
        updates: Math.max(0, this.#sinceSnapshot.updates - counted.updates),
        bytes: Math.max(0, this.#sinceSnapshot.bytes - counted.bytes),
      };
      this.#bytes =
        state.byteLength +
        this.#pending.reduce((sum, p) => sum + p.update.byteLength, 0) +
        this.#unstored.reduce((sum, u) => sum + u.update.byteLength, 0);
      this.#snapshotOwed = false;
      this.context.emit('compacted', { document: this.name, seq, bytes: state.byteLength });
    } catch (error) {
      this.#snapshotOwed = true;
      this.#reportError(error, 'compact');
    }
  }

  /** Resolves once every update so far is stored (or its failure recorded). */
  async whenStored(): Promise<void> {
    // What is still waiting for the end of the turn goes out now.
    if (this.#pending.length) this.#forward();
    while (this.#flushing || this.#compacting || this.#unstored.length) {
      // What waits for the store interval is appended now.
      this.#store();
      await this.#flushing;
      await this.#compacting;
    }
  }

  /**
   * Stores what is left, compacts what was appended since the last snapshot (so the next load is
   * one read) and frees the document. Connections must be gone.
   */
  async unload(): Promise<void> {
    await this.whenStored();
    if (this.#snapshotOwed || this.#sinceSnapshot.updates > 0) await this.#compact();
    this.awareness.destroy();
    this.doc.destroy();
    this.state = 'unloaded';
  }

  #reportError(error: unknown, during: string): void {
    const err = error instanceof Error ? error : new Error(String(error));
    this.context.log.error({ err, document: this.name, during }, 'collaboration document storage failed');
    this.context.emit('error', { document: this.name, error: err, during });
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
