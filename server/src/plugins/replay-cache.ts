/**
 * Signed inbound webhooks carry a timestamp inside what they sign, so a captured request stops
 * verifying after the tolerance (5 minutes) — but within it, it could be sent again and again.
 * The cache remembers each verified signature for the window and refuses the same one twice. Per
 * instance and in memory: behind a load balancer, pin `/hooks/` to one instance or accept that a
 * replay may reach another within the window.
 */
import { createHash } from 'node:crypto';

/** Twice the SDK's 5-minute tolerance: a timestamp may be up to that far on either side of now. */
export const REPLAY_WINDOW_MS = 2 * 300_000;
/** Signatures remembered at most (a flood of valid ones evicts the oldest). */
const MAX_ENTRIES = 100_000;

export class ReplayCache {
  readonly #seen = new Map<string, number>();

  constructor(private readonly windowMs = REPLAY_WINDOW_MS) {}

  /**
   * The key of a signed request: its signature headers (any header naming a signature, which also
   * covers the timestamp they sign), the route and the body. Null when the request carries none.
   */
  static keyOf(
    plugin: string,
    path: string,
    headers: Readonly<Record<string, string | undefined>>,
    body: Buffer,
  ) {
    const signed = Object.entries(headers)
      .filter(([name, value]) => value && /signature|timestamp/.test(name))
      .sort(([a], [b]) => a.localeCompare(b));
    if (!signed.some(([name]) => name.includes('signature'))) return null;
    const hash = createHash('sha256').update(`${plugin}\n${path}\n`);
    for (const [name, value] of signed) hash.update(`${name}:${value}\n`);
    return hash.update(body).digest('hex');
  }

  /** True when `key` was seen within the window (a replay); otherwise remembers it. */
  seen(key: string, nowMs: number): boolean {
    const until = this.#seen.get(key);
    if (until !== undefined && until > nowMs) return true;
    this.#seen.delete(key);
    this.#seen.set(key, nowMs + this.windowMs);
    if (this.#seen.size > MAX_ENTRIES) this.#sweep(nowMs);
    return false;
  }

  #sweep(nowMs: number): void {
    for (const [key, until] of this.#seen) if (until <= nowMs) this.#seen.delete(key);
    while (this.#seen.size > MAX_ENTRIES) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
  }
}
