/**
 * Retry timing: exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff
 * and Jitter"): attempt n waits a uniformly random time in [0, min(cap, base·2^(n-1))). Spreading
 * retries over the whole window is what keeps a thousand messages that failed together from
 * retrying together. A provider's Retry-After is a floor, never shortened by the jitter.
 */
export interface BackoffOptions {
  /** The first window. Default 1 s. */
  baseDelayMs: number;
  /** The largest window. Default 15 min. */
  maxDelayMs: number;
  /** Retry-After values above this are clamped (a provider asking for a day is not obeyed blindly). */
  maxRetryAfterMs: number;
  /** [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export const BACKOFF_DEFAULTS: BackoffOptions = {
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  random: Math.random,
};

/** The delay before attempt `attempt + 1`, after `attempt` failed attempts (attempt ≥ 1). */
export function retryDelay(attempt: number, options: BackoffOptions, retryAfterMs?: number): number {
  const window = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(options.random() * window);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(Math.min(retryAfterMs, options.maxRetryAfterMs), jittered);
}
