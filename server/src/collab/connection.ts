/**
 * One client's WebSocket on one document. It holds what the client sends while the hub
 * authenticates it and loads the document, enforces the size and rate limits, and closes itself —
 * and nothing else — on malformed input.
 */
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/principal.ts';
import type { HubDocument } from './document.ts';
import type { CollabOptions } from './options.ts';
import { CloseCode, encodePermissionDenied, MalformedMessageError, parseClientMessage } from './protocol.ts';
import { ConnectionRateLimiter } from './rate-limit.ts';
import type { DocumentAccess } from './types.ts';

export interface ConnectionEvents {
  /** The connection closed, by either side; called once. */
  closed(connection: Connection, code: number, reason: string): void;
  /** The hub closed it for a reason the client caused (limits, malformed input). */
  refused(connection: Connection, code: number, reason: string): void;
  readOnlyUpdate(connection: Connection, bytes: number): void;
}

const OPEN = 1;

export class Connection {
  principal: Principal | null = null;
  access: DocumentAccess = 'read';
  document: HubDocument | null = null;
  /** Answered the last ping (checked by the hub's heartbeat). */
  alive = true;
  /** The client's address, for the per-address connection cap. */
  ip = '';
  #queue: Uint8Array[] | null = [];
  #closed = false;
  #toldReadOnly = false;
  readonly #limiter: ConnectionRateLimiter;

  constructor(
    readonly socket: WebSocket,
    readonly documentName: string,
    private readonly options: CollabOptions,
    private readonly events: ConnectionEvents,
  ) {
    this.#limiter = new ConnectionRateLimiter(options.rateLimit);
    // Listeners are attached at once: nothing the client sends before the hub is ready is lost.
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', (code, reason) => this.#onClosed(code, reason.toString()));
    socket.on('error', () => {
      // ws reports protocol errors (e.g. a frame over maxPayload) here and then closes the socket.
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Joins the loaded document: greets the client and handles what it sent meanwhile. */
  activate(document: HubDocument, principal: Principal, access: DocumentAccess): void {
    this.document = document;
    this.principal = principal;
    this.access = access;
    document.connections.add(this);
    document.greet(this);
    const queued = this.#queue ?? [];
    this.#queue = null;
    for (const frame of queued) {
      if (this.#closed) return;
      this.#handle(frame);
    }
  }

  send(message: Uint8Array): void {
    if (this.#closed || this.socket.readyState !== OPEN) return;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.close(
        CloseCode.tryAgainLater,
        'too slow: the document moved on faster than this connection reads',
      );
      return;
    }
    this.socket.send(message, { binary: true });
  }

  /** A read-only client sent a change: it is dropped, and the client told once why. */
  refuseWrite(bytes: number): void {
    this.events.readOnlyUpdate(this, bytes);
    if (this.#toldReadOnly) return;
    this.#toldReadOnly = true;
    this.send(
      encodePermissionDenied(
        `read-only: your role cannot change ${this.documentName}; changes are not saved`,
      ),
    );
  }

  /** Closes with a code and a reason the client sees (at most 123 bytes, as WebSocket allows). */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    const clipped = Buffer.from(reason).subarray(0, 123).toString();
    this.#markClosed(code, clipped);
    if (code !== CloseCode.goingAway) this.events.refused(this, code, clipped);
    try {
      this.socket.close(code, clipped);
    } catch {
      this.socket.terminate();
    }
  }

  #onMessage(data: unknown, isBinary: boolean): void {
    if (this.#closed) return;
    const frame = toBytes(data);
    if (!isBinary || !frame) {
      this.close(CloseCode.malformed, 'malformed message: text frames are not part of the protocol');
      return;
    }
    if (!this.#limiter.take(frame.byteLength)) {
      this.close(CloseCode.rateLimited, 'rate limit exceeded: too many messages or bytes per second');
      return;
    }
    if (this.#queue) {
      if (this.#queue.length >= this.options.maxQueuedWhileLoading) {
        this.close(CloseCode.rateLimited, 'too many messages before the document was ready');
        return;
      }
      this.#queue.push(frame);
      return;
    }
    this.#handle(frame);
  }

  #handle(frame: Uint8Array): void {
    const document = this.document;
    if (!document) return;
    try {
      document.receive(this, parseClientMessage(frame));
    } catch (error) {
      const detail =
        error instanceof MalformedMessageError
          ? error.message
          : `cannot apply it (${(error as Error).message})`;
      this.close(CloseCode.malformed, `malformed message: ${detail}`);
    }
  }

  #onClosed(code: number, reason: string): void {
    this.#markClosed(code, reason);
  }

  #markClosed(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = null;
    this.events.closed(this, code, reason);
  }
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  return null;
}
