/**
 * The `http` a plugin gets: `fetch`-shaped, but every request is checked twice — the host against
 * the plugin's egress allow-list, and the resolved address against the SSRF guard (`net.ts`) at
 * connect time (a custom `lookup`, so the address checked is the address used). Redirects are not
 * followed: a 3xx comes back as it is, so a redirect cannot lead past the checks. Bodies are capped,
 * every request has a timeout and follows the call's abort signal.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { DeliveryResult } from '@baton/schemas';
import { AddressAllowList, assertAddressAllowed, bareHost, EgressError, hostMatches } from './net.ts';

export interface EgressPolicy {
  /** Host patterns the plugin may reach: `api.example.com`, `*.example.com`, `*` (any public host). */
  hosts: readonly string[];
  /** IPs/CIDRs reachable although private, loopback or link-local (tests allow loopback here). */
  allowPrivate?: readonly string[] | AddressAllowList;
}

export interface PluginRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | URLSearchParams;
  /** Per-request timeout; default 10 s (and never beyond the call's own deadline). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PluginHttp {
  /** A WHATWG Response; redirects are returned, not followed. */
  fetch(url: string | URL, init?: PluginRequestInit): Promise<Response>;
  /**
   * Checks a host (and what it resolves to) against the same rules, for plugins that open their own
   * sockets (SMTP): call it before connecting.
   */
  assertAllowed(host: string): Promise<void>;
}

export interface GuardedHttpOptions extends EgressPolicy {
  /** Identifies the plugin in error messages. */
  plugin: string;
  /** Aborts every request (the call's deadline). */
  signal?: AbortSignal;
  defaultTimeoutMs?: number;
  /** Largest response body read; larger fails. Default 2 MiB. */
  maxResponseBytes?: number;
  /** Shared keep-alive agents (one pair per plugin is plenty). */
  agents?: HttpAgents;
}

export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function createHttpAgents(): HttpAgents {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };
}

function guardedLookup(allow: AddressAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      try {
        if (!addresses.length) throw new EgressError(`${hostname} resolved to no address`);
        // Every answer must pass: a mixed answer is how rebinding attacks pick the internal one.
        for (const a of addresses) assertAddressAllowed(a.address, allow, hostname);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export function createGuardedHttp(options: GuardedHttpOptions): PluginHttp {
  const allow =
    options.allowPrivate instanceof AddressAllowList
      ? options.allowPrivate
      : new AddressAllowList(options.allowPrivate ?? []);
  const lookup = guardedLookup(allow);
  const agents = options.agents ?? createHttpAgents();
  const maxBytes = options.maxResponseBytes ?? 2 * 1024 * 1024;

  function checkHost(url: URL): string {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new EgressError(`plugin ${options.plugin} may only use http(s), not ${url.protocol}`);
    }
    if (url.username || url.password)
      throw new EgressError('credentials in URLs are not allowed; use headers');
    const host = bareHost(url.hostname);
    if (!options.hosts.some((p) => hostMatches(host, p))) {
      throw new EgressError(
        `plugin ${options.plugin} may not connect to ${host}: not in its egress allow-list (${options.hosts.join(', ') || 'empty'})`,
      );
    }
    if (isIP(host)) assertAddressAllowed(host, allow);
    return host;
  }

  return {
    async assertAllowed(hostname) {
      const host = bareHost(hostname);
      if (!options.hosts.some((p) => hostMatches(host, p))) {
        throw new EgressError(
          `plugin ${options.plugin} may not connect to ${host}: not in its egress allow-list`,
        );
      }
      if (isIP(host)) return assertAddressAllowed(host, allow);
      await new Promise<void>((resolve, reject) =>
        lookup(host, {}, (err) => (err ? reject(err) : resolve())),
      );
    },

    async fetch(input, init = {}) {
      let url: URL;
      try {
        url = new URL(String(input));
      } catch {
        // Permanent: retrying an address that does not parse can never succeed.
        throw new EgressError(`"${String(input).slice(0, 200)}" is not a valid URL`);
      }
      const host = checkHost(url);
      const timeout = AbortSignal.timeout(init.timeoutMs ?? options.defaultTimeoutMs ?? 10_000);
      const signals = [
        timeout,
        ...(options.signal ? [options.signal] : []),
        ...(init.signal ? [init.signal] : []),
      ];
      const signal = AbortSignal.any(signals);
      const body =
        init.body instanceof URLSearchParams
          ? init.body.toString()
          : init.body === undefined
            ? undefined
            : init.body;
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.body instanceof URLSearchParams && !hasHeader(headers, 'content-type')) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      if (body !== undefined && !hasHeader(headers, 'content-length')) {
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const secure = url.protocol === 'https:';
      const request = secure ? httpsRequest : httpRequest;
      return new Promise<Response>((resolve, reject) => {
        const req = request(
          {
            protocol: url.protocol,
            hostname: host,
            port: url.port || (secure ? 443 : 80),
            path: `${url.pathname}${url.search}`,
            method: (init.method ?? 'GET').toUpperCase(),
            headers,
            agent: secure ? agents.https : agents.http,
            lookup,
            signal,
            ...(secure ? { servername: isIP(host) ? undefined : host } : {}),
          },
          (res) => {
            readBody(res, maxBytes).then(
              (buf) => resolve(toResponse(res, buf)),
              (err: Error) => reject(err),
            );
          },
        );
        req.on('error', (err) => {
          if (signal.aborted) {
            const reason = timeout.aborted ? 'timed out' : 'was aborted';
            reject(new Error(`request to ${url.origin} ${reason}`, { cause: err }));
          } else reject(err);
        });
        if (body !== undefined) req.write(body);
        req.end();
      });
    },
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(new Error(`response body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}

function toResponse(res: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const status = res.statusCode ?? 502;
  // The Response constructor only takes 200–599, and no body for null-body statuses.
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : new Uint8Array(body), {
    status: status < 200 || status > 599 ? 502 : status,
    statusText: res.statusMessage ?? '',
    headers,
  });
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date); undefined when absent or bad. */
export function retryAfterMs(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * The usual reading of an HTTP provider's answer: 2xx delivered; 408, 425, 429 and 5xx are
 * temporary (Retry-After honoured); any other status is permanent — retrying would not change it.
 */
export function deliveryFromResponse(
  res: Response,
  options: { externalId?: string; now?: Date; what?: string } = {},
): DeliveryResult {
  const what = options.what ?? 'the provider';
  if (res.status >= 200 && res.status < 300) {
    return {
      status: 'delivered',
      ...(options.externalId ? { externalId: options.externalId.slice(0, 500) } : {}),
    };
  }
  const reason = `${what} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500) {
    const after = retryAfterMs(res.headers.get('retry-after'), options.now);
    return {
      status: 'retry',
      reason,
      ...(after !== undefined ? { retryAfterMs: Math.min(after, 86_400_000) } : {}),
    };
  }
  return { status: 'failed', reason };
}

/** A thrown network error as a delivery result: refused egress is permanent, the rest temporary. */
export function deliveryFromError(err: unknown, what = 'the provider'): DeliveryResult {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.name === 'EgressError')
    return { status: 'failed', reason: message.slice(0, 2000) };
  if ((err as { code?: string } | null)?.code === 'ERR_INVALID_URL')
    return { status: 'failed', reason: `${what} has no valid URL: ${message}`.slice(0, 2000) };
  return { status: 'retry', reason: `${what} could not be reached: ${message}`.slice(0, 2000) };
}
