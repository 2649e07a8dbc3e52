/**
 * The hub's extension points, Hocuspocus style but smaller:
 * - a {@link DocumentKind} decides who may open `<prefix>:<id>` documents, whether one exists, and
 *   what runs while it is loaded (seeding, observers such as the timeline mirror);
 * - a {@link CollabExtension} observes the hub through a hook-name → payload map (logging, metrics,
 *   tests). Hooks are called synchronously and must not throw; a hook that does is logged.
 */
import type { Principal } from '../auth/principal.ts';
import type { HubDocument } from './document.ts';

/** What a principal may do with a document: read (sync and presence) or also write. */
export type DocumentAccess = 'read' | 'write';

/** What a kind keeps running while one of its documents is loaded. */
export interface DocumentSession {
  /** Runs once the stored state is applied, before the first client is answered. */
  attach?(document: HubDocument): void | Promise<void>;
  /** Runs when the document unloads, after its last update was stored; awaited. */
  detach?(): void | Promise<void>;
}

export interface DocumentKind {
  /** The part of the document name before the first colon: `issue` for `issue:iss_…`. */
  readonly prefix: string;
  /** The access a principal has to every document of this kind, or null for none. */
  access(principal: Principal): DocumentAccess | null;
  /**
   * Called before a document of this kind is loaded. Returns null when `id` names nothing that may
   * be opened (the connection is closed with 4404), else the session to run while it is loaded.
   */
  open(id: string, context: { stored: boolean }): Promise<DocumentSession | null>;
}

export interface CollabHookPayloads {
  connected: { document: string; principal: Principal; access: DocumentAccess };
  disconnected: { document: string; principal: Principal; code: number; reason: string };
  /** A connection was refused or closed by the hub (auth, limits, malformed input). */
  refused: { document: string; principal: Principal | null; code: number; reason: string };
  /** A read-only connection sent a change; it was not applied. */
  readOnlyUpdate: { document: string; principal: Principal; bytes: number };
  loaded: { document: string; stored: boolean; updates: number };
  stored: { document: string; seq: number; bytes: number; updates: number };
  compacted: { document: string; seq: number; bytes: number };
  unloaded: { document: string };
  /** A workspace comment or decision reached the timeline. */
  mirrored: { document: string; entry: 'comment' | 'decision'; id: string; eventId: string };
  error: { document: string; error: Error; during: string };
  /** Loading left stored updates out (they break the update limits); they are in `collab_quarantine`. */
  quarantined: {
    document: string;
    updates: { seq: number; bytes: number; reason: string }[];
    pruned: number;
  };
}

export type CollabHookName = keyof CollabHookPayloads;

export type CollabExtension = { [K in CollabHookName]?: (payload: CollabHookPayloads[K]) => void };

export interface CollabLogger {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
}

/** The origin of a transaction the hub makes itself (load, seeding, API writes). */
export const SERVER_ORIGIN = Symbol('baton-collab-server');
export const LOAD_ORIGIN = Symbol('baton-collab-load');
