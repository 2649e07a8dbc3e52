/**
 * The collaboration hub of one Baton instance: every loaded document and every connection, with
 * no module-level state (tests run several hubs in one process).
 *
 * A connection goes: authenticate (token → principal) → document kind decides read/write → load
 * the document (stored state first, then the kind's session) → greet (sync step 1 + presence) →
 * handle what the client sent meanwhile. Anything failing before the greeting closes the socket
 * with a 44xx code before a single sync byte was sent.
 */
import type { FileRef, IssueWorkspace, SchemaAjv } from '@baton/schemas';
import type { WebSocket } from 'ws';
import { principalKey } from '../auth/principal.ts';
import type { AuthService } from '../auth/service.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import { openBlobStore } from '../store/files/index.ts';
import type { Store } from '../store/port.ts';
import { Connection } from './connection.ts';
import { type DocumentContext, HubDocument } from './document.ts';
import { type FileLimits, FileStore } from './files.ts';
import { type FlowDraft, flowDocumentName, readFlowDraftFrom, writeFlowDraftTo } from './flow-draft.ts';
import { issueDocumentName, issueWorkspaceKind, readWorkspace, WorkspaceRoots } from './issue-workspace.ts';
import { WorkspaceMirror } from './mirror.ts';
import { type CollabOptions, type CollabOptionsInput, resolveOptions } from './options.ts';
import { CollabPersistence } from './persistence.ts';
import { CloseCode } from './protocol.ts';
import type {
  CollabExtension,
  CollabHookName,
  CollabHookPayloads,
  CollabLogger,
  DocumentKind,
  DocumentSession,
} from './types.ts';
import { createWorkspaceValidators, type WorkspaceValidators } from './validators.ts';

export interface CollabHubDeps {
  store: Store;
  clock: Clock;
  auth: AuthService;
  issues: IssueService;
  timeline: TimelineService;
  log: CollabLogger;
  /** File size and quota limits (defaults: `FILE_LIMIT_DEFAULTS`). */
  files?: Partial<FileLimits>;
  /** The instance's shared Ajv (strict, every Baton schema); the hub builds one on first need otherwise. */
  ajv?: SchemaAjv;
}

/** The document does not exist (or its kind says it may not be opened): 4404. */
export class DocumentNotFoundError extends Error {
  override readonly name = 'DocumentNotFoundError';
}

interface Loaded {
  document: HubDocument;
  session: DocumentSession;
  /** Server-side users (API calls) holding the document in memory. */
  holds: number;
  unloading: Promise<void> | null;
}

export class CollabHub {
  readonly options: CollabOptions;
  readonly validators: WorkspaceValidators;
  /** Files attached to workspaces, content-addressed. */
  readonly files: FileStore;
  readonly #persistence: CollabPersistence;
  readonly #mirror: WorkspaceMirror;
  readonly #kinds = new Map<string, DocumentKind>();
  readonly #loaded = new Map<string, Loaded>();
  readonly #loading = new Map<string, Promise<Loaded>>();
  readonly #connections = new Set<Connection>();
  readonly #extensions = new Set<CollabExtension>();
  readonly #context: DocumentContext;
  #heartbeat: NodeJS.Timeout | null = null;
  #closing: Promise<void> | null = null;

  constructor(
    private readonly deps: CollabHubDeps,
    options: CollabOptionsInput = {},
  ) {
    this.options = resolveOptions(options);
    this.validators = createWorkspaceValidators(deps.ajv);
    this.#persistence = new CollabPersistence(deps.store, deps.clock);
    this.files = new FileStore(deps.store, openBlobStore(deps.store), deps.clock, deps.files);
    const emit = this.#emit.bind(this);
    this.#context = { persistence: this.#persistence, options: this.options, log: deps.log, emit };
    this.#mirror = new WorkspaceMirror(deps.store, {
      issues: deps.issues,
      timeline: deps.timeline,
      clock: deps.clock,
      validators: this.validators,
      log: deps.log,
      emit,
    });
    this.registerKind(issueWorkspaceKind({ issues: deps.issues, mirror: this.#mirror }));
  }

  async init(): Promise<void> {
    await this.#persistence.init();
    await this.#mirror.init();
    await this.files.init();
  }

  registerKind(kind: DocumentKind): void {
    if (this.#kinds.has(kind.prefix)) throw new Error(`document kind ${kind.prefix} is already registered`);
    this.#kinds.set(kind.prefix, kind);
  }

  /** Observes the hub; returns the function that stops it. */
  use(extension: CollabExtension): () => void {
    this.#extensions.add(extension);
    return () => this.#extensions.delete(extension);
  }

  #emit<K extends CollabHookName>(hook: K, payload: CollabHookPayloads[K]): void {
    for (const extension of this.#extensions) {
      const fn = extension[hook] as ((p: CollabHookPayloads[K]) => void) | undefined;
      if (!fn) continue;
      try {
        fn(payload);
      } catch (err) {
        this.deps.log.error({ err, hook }, 'collaboration hook failed');
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  /**
   * Takes over an upgraded WebSocket for `documentName`. Call synchronously from the upgrade handler
   * (the connection listens at once and holds the client's first messages until it is admitted).
   */
  accept(socket: WebSocket, documentName: string, token: string | undefined, ip = ''): Connection {
    const connection = new Connection(socket, documentName, this.options, {
      closed: (c, code, reason) => this.#onClosed(c, code, reason),
      refused: (c, code, reason) => {
        // An operator asked why someone's workspace says "Closed" finds the reason here.
        this.deps.log.warn?.(
          {
            document: c.documentName,
            code,
            reason,
            principal: c.principal ? principalKey(c.principal) : null,
          },
          'collaboration connection refused',
        );
        this.#emit('refused', { document: c.documentName, principal: c.principal, code, reason });
      },
      readOnlyUpdate: (c, bytes) =>
        c.principal &&
        this.#emit('readOnlyUpdate', { document: c.documentName, principal: c.principal, bytes }),
    });
    connection.ip = ip;
    this.#connections.add(connection);
    this.#startHeartbeat();
    if (ip && this.#count((c) => c.ip === ip) > this.options.maxConnectionsPerIp) {
      connection.close(
        CloseCode.rateLimited,
        `too many open connections from your address (at most ${this.options.maxConnectionsPerIp})`,
      );
      return connection;
    }
    void this.#admit(connection, token);
    return connection;
  }

  #count(match: (connection: Connection) => boolean): number {
    let count = 0;
    for (const connection of this.#connections) if (!connection.closed && match(connection)) count++;
    return count;
  }

  async #admit(connection: Connection, token: string | undefined): Promise<void> {
    const name = connection.documentName;
    try {
      if (this.#closing) return connection.close(CloseCode.goingAway, 'the server is shutting down');
      if (!token) {
        return connection.close(
          CloseCode.unauthenticated,
          'authentication required: pass ?token=<bearer token> or a baton.bearer.<base64url token> subprotocol',
        );
      }
      const principal = await this.deps.auth.authenticate(token);
      if (!principal)
        return connection.close(CloseCode.unauthenticated, 'the token is unknown, expired or revoked');
      connection.principal = principal;
      const key = principalKey(principal);
      const mine = this.#count((c) => c.principal !== null && principalKey(c.principal) === key);
      if (mine > this.options.maxConnectionsPerPrincipal) {
        return connection.close(
          CloseCode.rateLimited,
          `too many open connections for you (at most ${this.options.maxConnectionsPerPrincipal})`,
        );
      }
      const { kind, id } = this.#resolve(name);
      if (!kind)
        return connection.close(CloseCode.notFound, `no document ${name}: names are issue:<id> or flow:<id>`);
      const access = kind.access(principal);
      if (!access) {
        return connection.close(
          CloseCode.forbidden,
          `your roles (${principal.roles.join(', ')}) cannot open ${kind.prefix} documents`,
        );
      }
      if (connection.closed) return;
      const loaded = await this.#acquire(name, kind, id, false);
      if (connection.closed || this.#closing) return this.#maybeIdle(loaded);
      this.#cancelIdle(loaded);
      connection.activate(loaded.document, principal, access);
      this.#emit('connected', { document: name, principal, access });
    } catch (error) {
      if (error instanceof DocumentNotFoundError) return connection.close(CloseCode.notFound, error.message);
      this.deps.log.error({ err: error, document: name }, 'collaboration document failed to load');
      connection.close(CloseCode.unavailable, 'the document could not be loaded; try again');
    }
  }

  #onClosed(connection: Connection, code: number, reason: string): void {
    this.#connections.delete(connection);
    const document = connection.document;
    if (!document) return;
    document.removeConnection(connection);
    if (connection.principal) {
      this.#emit('disconnected', { document: document.name, principal: connection.principal, code, reason });
    }
    const loaded = this.#loaded.get(document.name);
    if (loaded?.document === document) this.#maybeIdle(loaded);
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      // A timer callback: nothing may escape it.
      for (const connection of this.#connections) {
        try {
          if (!connection.alive) {
            connection.socket.terminate();
            continue;
          }
          connection.alive = false;
          connection.socket.ping();
        } catch {
          try {
            connection.socket.terminate();
          } catch {}
        }
      }
    }, this.options.pingIntervalMs);
    this.#heartbeat.unref();
  }

  // ---------------------------------------------------------------------------------------------
  // Documents

  #resolve(name: string): { kind: DocumentKind | undefined; id: string } {
    const colon = name.indexOf(':');
    if (colon <= 0 || colon === name.length - 1) return { kind: undefined, id: '' };
    return { kind: this.#kinds.get(name.slice(0, colon)), id: name.slice(colon + 1) };
  }

  /** The loaded document, loading it first if needed (waits for an unload in progress). */
  async #acquire(name: string, kind: DocumentKind, id: string, allowNew: boolean): Promise<Loaded> {
    for (;;) {
      if (this.#closing) throw new Error('the collaboration hub is closed');
      const current = this.#loaded.get(name);
      if (current && !current.unloading) return current;
      if (current?.unloading) {
        await current.unloading;
        continue;
      }
      let loading = this.#loading.get(name);
      if (!loading) {
        loading = this.#load(name, kind, id, allowNew).finally(() => this.#loading.delete(name));
        this.#loading.set(name, loading);
      }
      const loaded = await loading;
      if (!loaded.unloading) return loaded;
    }
  }

  async #load(name: string, kind: DocumentKind, id: string, allowNew: boolean): Promise<Loaded> {
    const state = await this.#persistence.load(name);
    const session = (await kind.open(id, { stored: state.stored })) ?? (allowNew ? {} : null);
    if (!session) throw new DocumentNotFoundError(`no document ${name}`);
    const document = new HubDocument(name, kind, id, state, this.#context);
    const loaded: Loaded = { document, session, holds: 0, unloading: null };
    try {
      await session.attach?.(document);
    } catch (error) {
      await document.unload().catch(() => {});
      throw error;
    }
    this.#loaded.set(name, loaded);
    this.#emit('loaded', { document: name, stored: state.stored, updates: state.updates.length });
    if (document.quarantined.length || document.pruned) await this.#quarantine(document);
    // Nobody may join after all (a client that left while it loaded): unload it in time.
    queueMicrotask(() => this.#maybeIdle(loaded));
    return loaded;
  }

  /** Keeps what the load left out for a person to look at, and says so loudly. */
  async #quarantine(document: HubDocument): Promise<void> {
    const updates = document.quarantined.map(({ seq, update, reason }) => ({
      seq,
      bytes: update.byteLength,
      reason,
    }));
    for (const { seq, update, reason } of document.quarantined) {
      try {
        await this.#persistence.quarantine(document.name, seq, update, reason);
      } catch (err) {
        this.deps.log.error({ err, document: document.name, seq }, 'could not quarantine a stored update');
      }
    }
    this.deps.log.error(
      { document: document.name, updates, pruned: document.pruned },
      'collaboration document loaded without stored updates that break the limits (kept in collab_quarantine)',
    );
    this.#emit('quarantined', { document: document.name, updates, pruned: document.pruned });
  }

  #cancelIdle(loaded: Loaded): void {
    if (loaded.document.idleTimer) clearTimeout(loaded.document.idleTimer);
    loaded.document.idleTimer = null;
  }

  #maybeIdle(loaded: Loaded): void {
    const { document } = loaded;
    if (loaded.unloading || document.connections.size || loaded.holds || document.idleTimer) return;
    document.idleTimer = setTimeout(() => {
      document.idleTimer = null;
      if (!document.connections.size && !loaded.holds) {
        this.#unload(loaded).catch((err) =>
          this.deps.log.error({ err, document: document.name }, 'collaboration document failed to unload'),
        );
      }
    }, this.options.idleUnloadMs);
    document.idleTimer.unref();
  }

  #unload(loaded: Loaded): Promise<void> {
    this.#cancelIdle(loaded);
    loaded.unloading ??= (async () => {
      const { document } = loaded;
      try {
        await document.whenStored();
        await loaded.session.detach?.();
      } catch (err) {
        this.deps.log.error(
          { err, document: document.name },
          'collaboration document session failed to detach',
        );
      }
      try {
        await document.unload();
      } finally {
        this.#loaded.delete(document.name);
        this.#emit('unloaded', { document: document.name });
      }
    })();
    return loaded.unloading;
  }

  /**
   * Runs `fn` on a loaded document (loading it if needed) as the server. With `allowNew`, a document
   * its kind does not know (a flow not seeded yet) is created empty. Resolves after what `fn`
   * changed is stored.
   */
  async withDocument<T>(
    name: string,
    fn: (document: HubDocument) => T | Promise<T>,
    options: { allowNew?: boolean } = {},
  ) {
    const { kind, id } = this.#resolve(name);
    if (!kind) throw new DocumentNotFoundError(`no document ${name}`);
    const loaded = await this.#acquire(name, kind, id, options.allowNew ?? false);
    loaded.holds += 1;
    this.#cancelIdle(loaded);
    try {
      const result = await fn(loaded.document);
      await loaded.document.whenStored();
      return result;
    } finally {
      loaded.holds -= 1;
      this.#maybeIdle(loaded);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What other modules use

  /** The live draft of a flow, or null when it was never seeded or edited (and no source has it). */
  async readFlowDraft(flowId: string): Promise<FlowDraft | null> {
    try {
      return await this.withDocument(flowDocumentName(flowId), (d) => readFlowDraftFrom(d.doc));
    } catch (error) {
      if (error instanceof DocumentNotFoundError) return null;
      throw error;
    }
  }

  /**
   * Makes the live draft of a flow hold exactly `draft` (creating it if needed): connected editors
   * see the change at once. Changes only what differs. Resolves once stored.
   */
  async seedFlowDraft(flowId: string, draft: FlowDraft): Promise<void> {
    await this.withDocument(
      flowDocumentName(flowId),
      (d) => d.change((doc) => writeFlowDraftTo(doc, draft)),
      {
        allowNew: true,
      },
    );
  }

  /** An issue's workspace as JSON (entries that do not match their schema are left out). */
  async readWorkspace(issueId: string): Promise<IssueWorkspace> {
    return this.withDocument(issueDocumentName(issueId), (d) =>
      readWorkspace(d.doc, issueId, this.validators),
    );
  }

  /** Lists a stored file in an issue's workspace (keyed by its hash: listing it again updates it). */
  async addFileReference(issueId: string, ref: FileRef): Promise<void> {
    await this.withDocument(issueDocumentName(issueId), (d) =>
      d.change((doc) => doc.getMap(WorkspaceRoots.files).set(ref.sha256, ref)),
    );
  }

  stats(): { documents: number; connections: number } {
    return { documents: this.#loaded.size, connections: this.#connections.size };
  }

  /** Whether a document is in memory now (for tests and diagnostics). */
  isLoaded(name: string): boolean {
    const loaded = this.#loaded.get(name);
    return Boolean(loaded && !loaded.unloading);
  }

  /** Closes every connection (1001: clients reconnect to the next server), stores and unloads all. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const connection of [...this.#connections])
        connection.close(CloseCode.goingAway, 'the server is shutting down');
      if (this.#heartbeat) clearInterval(this.#heartbeat);
      this.#heartbeat = null;
      await Promise.allSettled([...this.#loading.values()]);
      await Promise.allSettled([...this.#loaded.values()].map((loaded) => this.#unload(loaded)));
    })();
    return this.#closing;
  }
}
