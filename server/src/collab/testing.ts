/**
 * Test kit for the hub: the stock y-websocket client (`WebsocketProvider`, with `ws` as its
 * WebSocket in Node) and raw sockets, against a real listening server. Used by unit and e2e tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue, Role } from '@baton/schemas';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../app.ts';
import { createServices, type Services } from '../services.ts';
import { ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import type { CollabOptionsInput } from './options.ts';
import { COLLAB_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './routes.ts';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the server closes the connection with a final (44xx) code. */
  closed: Promise<{ code: number; reason: string }>;
  /** Whether the provider ever completed a sync. */
  everSynced(): boolean;
  destroy(): void;
}

/** `http://127.0.0.1:1234` → `ws://127.0.0.1:1234/collab`. */
export const collabUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/collab`;

export function connectClient(
  httpUrl: string,
  documentName: string,
  token: string | undefined,
  options: { doc?: Y.Doc; connect?: boolean; tokenIn?: 'query' | 'subprotocol' } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const viaSubprotocol = options.tokenIn === 'subprotocol';
  const provider = new WebsocketProvider(collabUrl(httpUrl), documentName, doc, {
    ...(token && !viaSubprotocol ? { params: { token } } : {}),
    // As the studio offers it (studio/src/auth/collabProtocols.ts).
    ...(token && viaSubprotocol
      ? {
          protocols: [COLLAB_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${Buffer.from(token).toString('base64url')}`],
        }
      : {}),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Providers in one process would otherwise sync through BroadcastChannel, around the server.
    disableBc: true,
    connect: options.connect ?? true,
  });
  let synced = false;
  provider.on('sync', (state: boolean) => {
    if (state) synced = true;
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.once('closed', resolve));
  return {
    doc,
    provider,
    closed,
    everSynced: () => synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function whenSynced(client: TestClient, timeoutMs = 5000): Promise<void> {
  await waitFor(() => client.provider.synced, `${client.provider.roomname} to sync`, timeoutMs);
}

/** A bare WebSocket that records every frame it receives and how it was closed. */
export interface RawSocket {
  socket: WebSocket;
  received: Buffer[];
  closed: Promise<{ code: number; reason: string }>;
}

export async function openRawSocket(httpUrl: string, path: string): Promise<RawSocket> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}${path}`);
  const received: Buffer[] = [];
  socket.on('message', (data) => received.push(Buffer.from(data as Buffer)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received, closed };
}

/**
 * Like `startTestBaton`, but with hub options (short idle times, small limits) and listening on
 * 127.0.0.1 for real WebSocket clients.
 */
export async function startCollabServer(collab: CollabOptionsInput = {}): Promise<CollabServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-collab-'));
  const store = await openStore({ dataDir });
  const errors: unknown[] = [];
  const warnings: unknown[] = [];
  // The hub logs refusals at warn when its logger has it (pino does); a variable, so the bus's
  // error-only logger type accepts the extra method.
  const log = {
    error: (obj: object) => errors.push(obj),
    warn: (obj: object) => warnings.push(obj),
  };
  const services = await createServices({
    store,
    clock: new ManualClock(),
    log,
    collab,
  });
  await services.auth.bootstrapAdminToken(ADMIN_TOKEN);
  const app = await buildApp({ services });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const admin = { kind: 'adminToken' as const, id: 'admin', name: 'admin', roles: ['admin' as const] };
  let keys = 0;
  return {
    app,
    services,
    url,
    errors,
    warnings,
    adminToken: ADMIN_TOKEN,
    async tokenFor(...roles) {
      const { secret } = await services.auth.createApiKey(
        { name: `key ${++keys}`, roles: roles as [Role, ...Role[]] },
        admin,
      );
      return secret;
    },
    async createIssue(subject = 'Printer on fire') {
      const { issue } = await services.issues.create({
        subject,
        body: `${subject}, details inside.`,
        channel: 'email',
        customer: { email: 'someone@example.test' },
      });
      return issue;
    },
    async close() {
      await app.close();
      await services.bus.drain();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const ADMIN_TOKEN = 'collab-admin-token-0123456789';

export interface CollabServer {
  app: FastifyInstance;
  services: Services;
  url: string;
  /** Whatever the server logged as an error. */
  errors: unknown[];
  /** Whatever the server logged as a warning (refused hub connections among them). */
  warnings: unknown[];
  adminToken: string;
  tokenFor(...roles: Role[]): Promise<string>;
  createIssue(subject?: string): Promise<Issue>;
  close(): Promise<void>;
}
