/**
 * Locks an account after repeated failed sign-ins, so a password cannot be guessed at the rate the
 * server answers. Per instance and in memory: a restart forgets the count (it is a brake, not a
 * record), and the per-address rate limit on the route still applies.
 */
import { ProblemError } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';

export interface SignInLimits {
  /** Sign-in attempts one address may make per minute (any account); more: 429. */
  attemptsPerMinute: number;
  /** Failed sign-ins in a row after which the account is locked. */
  maxFailures: number;
  /** How long a locked account stays locked. */
  lockoutMs: number;
}

export const SIGN_IN_DEFAULTS: Readonly<SignInLimits> = Object.freeze({
  // A person mistyping retries a few times a minute; a script tries thousands.
  attemptsPerMinute: 10,
  // Five wrong passwords in a row is no longer a typo.
  maxFailures: 5,
  // Long enough to make guessing hopeless (a few hundred tries a day), short enough to wait out.
  lockoutMs: 15 * 60_000,
});

/** Accounts tracked at most; the oldest entries go first (memory stays bounded under a spray). */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  lockedUntil: number;
}

export class SignInGuard {
  readonly #failures = new Map<string, Failures>();

  constructor(
    readonly limits: SignInLimits,
    private readonly clock: Clock,
  ) {}

  /** Throws a 429 problem while the account is locked. */
  check(account: string): void {
    const entry = this.#failures.get(account);
    const now = this.clock.now().getTime();
    if (!entry || entry.lockedUntil <= now) return;
    const seconds = Math.ceil((entry.lockedUntil - now) / 1000);
    throw new ProblemError(
      'rate-limited',
      `too many failed sign-ins for this account: try again in ${Math.ceil(seconds / 60)} minute(s)`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }

  failed(account: string): void {
    const entry = this.#failures.get(account) ?? { count: 0, lockedUntil: 0 };
    this.#failures.delete(account);
    entry.count += 1;
    if (entry.count >= this.limits.maxFailures) {
      entry.lockedUntil = this.clock.now().getTime() + this.limits.lockoutMs;
      entry.count = 0;
    }
    this.#failures.set(account, entry);
    if (this.#failures.size > MAX_TRACKED) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  succeeded(account: string): void {
    this.#failures.delete(account);
  }
}
