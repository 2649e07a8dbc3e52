/**
 * Limits on what one client may hold of the HTTP server: how long a request may take to arrive, and
 * how many connections one address and how many requests one principal may have open at once.
 * Without them, 20,000 slow connections from one key exhausted the process's file descriptors and
 * every request failed while they were held.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError } from './problem.ts';

export interface HttpLimits {
  /** Longest a whole request (headers and body) may take to arrive; slower: 408. */
  requestTimeoutMs: number;
  /** Longest the headers may take to arrive; slower: 408. */
  headersTimeoutMs: number;
  /** Open TCP connections one address may hold (hub sockets included); more are dropped at once. */
  maxConnectionsPerIp: number;
  /** Requests one principal may have in flight at once; more are answered 429. */
  maxRequestsPerPrincipal: number;
}

export const HTTP_LIMIT_DEFAULTS: Readonly<HttpLimits> = Object.freeze({
  // A 10 MiB upload over a slow (1 Mbit/s) line still fits; a body trickled a byte a second does not.
  requestTimeoutMs: 120_000,
  // Headers are a few hundred bytes: anything honest sends them at once.
  headersTimeoutMs: 20_000,
  // Far above a browser's 6 per host or an office behind one NAT, far below the descriptor limit.
  maxConnectionsPerIp: 1_000,
  // A studio page fires a dozen requests at once; an integration a few dozen.
  maxRequestsPerPrincipal: 100,
});

/** The Node server options these limits need (passed to Fastify as `http`). */
export function serverOptions(limits: HttpLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    // Node checks the two timeouts this often (30 s by default, longer than a short timeout).
    connectionsCheckingInterval: Math.max(
      50,
      Math.min(30_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
    ),
  };
}

const counted = new WeakSet<FastifyRequest>();

/** Counts connections per address on the server and requests in flight per principal. */
export function applyConnectionLimits(app: FastifyInstance, limits: HttpLimits): void {
  const perIp = new Map<string, number>();
  app.server.on('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? '';
    const open = (perIp.get(ip) ?? 0) + 1;
    perIp.set(ip, open);
    socket.once('close', () => {
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
    // Dropped before a byte is read: answering would cost what the cap saves.
    if (open > limits.maxConnectionsPerIp) socket.destroy();
  });

  const inFlight = new Map<string, number>();
  const keyOf = (request: FastifyRequest) =>
    request.principal ? `${request.principal.kind}:${request.principal.id}` : null;
  const release = (request: FastifyRequest) => {
    if (!counted.has(request)) return;
    counted.delete(request);
    const key = keyOf(request) as string;
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  };
  // After authentication (an onRequest hook of the auth plugin), before the body is validated.
  app.addHook('preValidation', async (request, reply) => {
    const key = keyOf(request);
    if (!key) return;
    const open = (inFlight.get(key) ?? 0) + 1;
    if (open > limits.maxRequestsPerPrincipal) {
      throw new ProblemError(
        'rate-limited',
        `you have ${limits.maxRequestsPerPrincipal} requests in flight already; wait for them to finish`,
        undefined,
        { 'retry-after': '1' },
      );
    }
    inFlight.set(key, open);
    counted.add(request);
    // The response's `close` comes once it is sent or its connection is gone (a timed-out upload
    // included), so no slot outlives its request.
    reply.raw.once('close', () => release(request));
  });
}
