/**
 * Token buckets per connection: one for messages, one for bytes. A message is admitted when both
 * buckets hold enough; refills are continuous at the sustained rate, capped at the burst.
 */
import type { RateLimit } from './options.ts';

export class ConnectionRateLimiter {
  #messages: number;
  #bytes: number;
  #last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#messages = limit.burstMessages;
    this.#bytes = limit.burstBytes;
    this.#last = now();
  }

  /** Takes one message of `size` bytes; false when the connection is over its limit. */
  take(size: number): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#last = now;
    this.#messages = Math.min(
      this.limit.burstMessages,
      this.#messages + elapsed * this.limit.messagesPerSecond,
    );
    this.#bytes = Math.min(this.limit.burstBytes, this.#bytes + elapsed * this.limit.bytesPerSecond);
    if (this.#messages < 1 || this.#bytes < size) return false;
    this.#messages -= 1;
    this.#bytes -= size;
    return true;
  }
}
