/**
 * A real HTTP server on loopback that stands in for a provider's API (Slack, an SMS gateway, a
 * webhook receiver): it records every request and answers as the test scripts it — including
 * failures, Retry-After and dropped connections.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json<T = unknown>(): T;
  form(): URLSearchParams;
  receivedAt: number;
}

export interface SinkReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as text. */
  body?: unknown;
  delayMs?: number;
  /** Drop the connection without an answer. */
  destroy?: boolean;
}

export type SinkHandler = (request: SinkRequest) => SinkReply | undefined | Promise<SinkReply | undefined>;

export interface HttpSink {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: SinkRequest[];
  /** Replaces the handler (default: 200 `{"ok":true}`). */
  handle(handler: SinkHandler): void;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

export async function startHttpSink(handler?: SinkHandler): Promise<HttpSink> {
  let current: SinkHandler = handler ?? (() => undefined);
  const requests: SinkRequest[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '/';
      const text = body.toString('utf8');
      const recorded: SinkRequest = {
        method: req.method ?? 'GET',
        path: url.split('?')[0] ?? '/',
        url,
        headers: req.headers,
        body,
        text,
        json: <T>() => JSON.parse(text) as T,
        form: () => new URLSearchParams(text),
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      for (const wake of waiters) wake();
      let reply: SinkReply | undefined;
      try {
        reply = await current(recorded);
      } catch (err) {
        reply = { status: 500, body: { error: (err as Error).message } };
      }
      reply ??= { status: 200, body: { ok: true } };
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      const isText = typeof reply.body === 'string';
      const payload =
        reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        ...(reply.body === undefined ? {} : { 'content-type': isText ? 'text/plain' : 'application/json' }),
        ...(reply.headers ?? {}),
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(requests.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the sink got ${requests.length} of ${count} requests in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
