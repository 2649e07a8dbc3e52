/**
 * The hub's tunables. Every default says why it is what it is (Hocuspocus style): change one only
 * with a reason at least as good.
 */

export interface RateLimit {
  /** Sustained messages per second per connection. */
  messagesPerSecond: number;
  /** Messages a connection may send at once before the sustained rate applies. */
  burstMessages: number;
  /** Sustained bytes per second per connection. */
  bytesPerSecond: number;
  /** Bytes a connection may send at once; at least `maxMessageBytes`, or a big first sync is refused. */
  burstBytes: number;
}

export interface CollabOptions {
  /** How long a document with no connection stays in memory before it is stored and unloaded. */
  idleUnloadMs: number;
  /** Largest WebSocket message accepted; a larger one closes that connection (1009). */
  maxMessageBytes: number;
  rateLimit: RateLimit;
  /**
   * Least time between two appends of a document that receives turn after turn: the first update
   * after a quiet interval is appended at once, and what follows within the interval waits until a
   * turn brings nothing new or the interval ends, then goes out as one record. A crash loses from
   * the store at most this much of what was forwarded; clients that have it send it again on
   * reconnect.
   */
  storeIntervalMs: number;
  /** Appended updates after which the document is compacted into one snapshot. */
  compactAfterUpdates: number;
  /** Appended bytes after which the document is compacted, whichever comes first. */
  compactAfterBytes: number;
  /** Bytes queued towards one client beyond which it is closed as too slow (1013, it reconnects). */
  maxBufferedBytes: number;
  /** Interval of WebSocket pings; a connection that did not answer the previous one is dropped. */
  pingIntervalMs: number;
  /** Messages held per connection while its document loads; more closes it. */
  maxQueuedWhileLoading: number;
  /** Deepest nesting of shared types an update may create (a root's direct children: 1). */
  maxTypeDepth: number;
  /** Deepest nesting of a plain JSON value inside a document entry. */
  maxValueDepth: number;
  /** Largest a document may grow (its stored updates and snapshot, in bytes); beyond, writes are refused. */
  maxDocumentBytes: number;
  /** Open hub connections one principal may hold at once (across documents); more are refused with 4429. */
  maxConnectionsPerPrincipal: number;
  /** Open hub connections from one IP address at once; more are refused with 4429. */
  maxConnectionsPerIp: number;
}

export const COLLAB_DEFAULTS: Readonly<CollabOptions> = Object.freeze({
  // A page reload or a short network drop reconnects within seconds: keeping the document that long
  // spares a store read, while an abandoned workspace frees its memory within a minute.
  idleUnloadMs: 30_000,
  // Far above a real workspace or flow draft sent whole on a first sync (tens of KiB), low enough that
  // one client cannot make the server buffer much.
  maxMessageBytes: 1024 * 1024,
  rateLimit: Object.freeze({
    // Dragging a node in the flow editor sends a position update and an awareness update per frame
    // (2 × 60/s); a fast typist sends far fewer. A script flooding the hub is cut off within seconds.
    messagesPerSecond: 200,
    burstMessages: 400,
    // Editing is bytes per keystroke; only a first sync is big, and the burst covers one full message.
    bytesPerSecond: 1024 * 1024,
    burstBytes: 2 * 1024 * 1024,
  }),
  // A tenth of the embedded store's own fsync interval (1 s), so it adds little to what a power
  // loss can take; a document fed every turn appends at most 10 times a second, not once per turn.
  storeIntervalMs: 100,
  // Loading replays at most this many small updates after the snapshot (a few ms), and a snapshot of
  // a typical document (well under 100 KiB) is cheap to write this often.
  compactAfterUpdates: 500,
  compactAfterBytes: 1024 * 1024,
  // About a minute of heavy editing for a client that stopped reading: beyond it, a fresh sync on
  // reconnect is cheaper than holding the backlog.
  maxBufferedBytes: 8 * 1024 * 1024,
  // y-websocket clients drop a silent connection after 30 s; pinging as often finds dead peers as fast.
  pingIntervalMs: 30_000,
  // The stock client sends 2-3 messages before its first reply; 100 is generous and still bounded.
  maxQueuedWhileLoading: 100,
  // Flow drafts nest 2 shared types (nodes → node), workspace entries at most 2; 8 leaves room for
  // new kinds while every recursive reader (Yjs's toJSON and garbage collection) stays far from the
  // stack limit. A 6,000-deep update once ended the process from inside a timer.
  maxTypeDepth: 8,
  // A node's `data` holds conditions nested all/any a few levels; 64 is far beyond any drawn flow.
  maxValueDepth: 64,
  // The snapshot is one stored document: MongoDB caps those at 16 MiB and base64 adds a third.
  maxDocumentBytes: 8 * 1024 * 1024,
  // The studio opens one or two documents per tab; 50 covers a busy person's tabs and an
  // integration, while one leaked key cannot hold thousands of sockets (each a file descriptor).
  maxConnectionsPerPrincipal: 50,
  // Many people may share an office NAT; still far below a process's descriptor limit.
  maxConnectionsPerIp: 500,
});

export type CollabOptionsInput = Partial<Omit<CollabOptions, 'rateLimit'>> & {
  rateLimit?: Partial<RateLimit>;
};

export function resolveOptions(input: CollabOptionsInput = {}): CollabOptions {
  const { rateLimit, ...rest } = input;
  const options: CollabOptions = {
    ...COLLAB_DEFAULTS,
    ...rest,
    rateLimit: { ...COLLAB_DEFAULTS.rateLimit, ...rateLimit },
  };
  for (const [key, value] of Object.entries({ ...options, ...options.rateLimit })) {
    if (typeof value === 'number' && !(value > 0))
      throw new Error(`collab option ${key} must be positive, got ${value}`);
  }
  if (options.rateLimit.burstBytes < options.maxMessageBytes) {
    throw new Error('collab rateLimit.burstBytes must be at least maxMessageBytes');
  }
  return options;
}
