/**
 * Test kit for the hub: the stock y-websocket client (`WebsocketProvider`, with `ws` as its
 * WebSocket in Node) and raw sockets, against a real listening server. Used by unit and e2e tests.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

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
  options: { doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(collabUrl(httpUrl), documentName, doc, {
    ...(token ? { params: { token } } : {}),
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
