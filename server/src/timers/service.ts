/**
 * Durable timers: SLA clocks, playbook windows, flow waits, offer and ack timeouts all reduce to "call
 * this handler with this payload at that time, once, even across restarts and instances".
 *
 * - `schedule(kind, dueAt, payload, { key })` stores a timer; a key makes scheduling idempotent (the
 *   same key always names the same timer, so a retried or recovered schedule adds nothing).
 * - Handlers are registered per kind, per instance (`handle(kind, fn)`).
 * - `runDue(now)` claims due timers one at a time with `findOneAndUpdate` (status pending → running
 *   with a lease owner and expiry), so two instances never fire one timer twice; a lease that expires
 *   (the instance died mid-handler) makes the timer claimable again. Tests call `runDue` with a
 *   ManualClock instead of sleeping.
 * - The poller calls `runDue` every `pollIntervalMs` (500 ms) and wakes early for a timer scheduled
 *   sooner, so a timer fires at most about half a second late plus its handler's queue; it is not
 *   started with a ManualClock (nothing moves time but the test).
 * - A handler that throws is retried with exponential backoff (1 s, 2 s, 4 s, … at most 5 min) up to
 *   `maxAttempts`, then the timer is marked failed with the error kept.
 */
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Store } from '../store/port.ts';

export type TimerStatus = 'pending' | 'running' | 'done' | 'cancelled' | 'failed';

export interface Timer {
  id: string;
  kind: string;
  dueAt: string;
  payload: Record<string, unknown>;
  key?: string;
  status: TimerStatus;
  attempts: number;
  createdAt: string;
  firedAt?: string;
  lastError?: string;
}

interface StoredTimer extends Omit<Timer, 'id'> {
  _id: string;
  leaseOwner?: string;
  leaseUntil?: string;
}

export type TimerHandler = (timer: Timer) => void | Promise<void>;

export interface TimerLogger {
  error(obj: object, msg: string): void;
}

export interface TimerOptions {
  log?: TimerLogger;
  /** Start polling on `start()`. Default true. */
  poll?: boolean;
  pollIntervalMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

function toTimer({ _id, leaseOwner: _o, leaseUntil: _u, ...rest }: StoredTimer): Timer {
  return { id: _id, ...rest };
}

export class TimerService {
  readonly #timers: Collection<StoredTimer>;
  readonly #handlers = new Map<string, TimerHandler>();
  /** Identifies this instance's leases. */
  readonly owner = newId('tmr').replace(/^tmr_/, 'owner_');
  readonly #options: Required<Omit<TimerOptions, 'log'>> & { log?: TimerLogger };
  #poller: NodeJS.Timeout | null = null;
  #wake: { at: number; handle: NodeJS.Timeout } | null = null;
  #tick: Promise<number> | null = null;
  #running = false;

  constructor(
    store: Store,
    private readonly clock: Clock,
    options: TimerOptions = {},
  ) {
    this.#timers = store.collection('timers');
    this.#options = { poll: true, pollIntervalMs: 500, leaseMs: 30_000, maxAttempts: 5, ...options };
  }

  async init(): Promise<void> {
    await this.#timers.createIndex({ keys: { status: 1, dueAt: 1 } });
    await this.#timers.createIndex({ keys: { key: 1 }, unique: true, sparse: true });
  }

  /** Registers the handler for one kind of timer (one per kind per instance). */
  handle(kind: string, handler: TimerHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`timer kind ${kind} already has a handler`);
    this.#handlers.set(kind, handler);
  }

  async schedule(
    kind: string,
    dueAt: Date | string,
    payload: Record<string, unknown> = {},
    options: { key?: string } = {},
  ): Promise<Timer> {
    const due = new Date(dueAt).toISOString();
    const fields = {
      kind,
      dueAt: due,
      payload,
      status: 'pending' as const,
      attempts: 0,
      createdAt: this.clock.now().toISOString(),
    };
    let stored: StoredTimer | null;
    if (options.key) {
      stored = await this.#timers.findOneAndUpdate(
        { key: options.key },
        { $setOnInsert: { _id: newId('tmr'), ...fields } },
        { upsert: true },
      );
      if (!stored) throw new Error('timer upsert returned nothing');
    } else {
      stored = { _id: newId('tmr'), ...fields };
      await this.#timers.insertOne(stored);
    }
    if (stored.status === 'pending') this.#wakeAt(Date.parse(stored.dueAt));
    return toTimer(stored);
  }

  /** Cancels a pending timer by id or key; false when it already fired, failed or was cancelled. */
  async cancel(idOrKey: string): Promise<boolean> {
    const result = await this.#timers.updateOne(
      { $or: [{ _id: idOrKey }, { key: idOrKey }], status: 'pending' },
      { $set: { status: 'cancelled' } },
    );
    return result.modifiedCount > 0;
  }

  async get(idOrKey: string): Promise<Timer | null> {
    const found = await this.#timers.findOne({ $or: [{ _id: idOrKey }, { key: idOrKey }] });
    return found ? toTimer(found) : null;
  }

  /**
   * Fires every timer due at `now` that this instance has a handler for (at most `limit`), one at a
   * time, each claimed with a lease first. Returns how many handlers ran.
   */
  async runDue(now: Date = this.clock.now(), limit = 500): Promise<number> {
    let fired = 0;
    while (fired < limit) {
      const timer = await this.#claim(now);
      if (!timer) break;
      await this.#fire(timer);
      fired++;
    }
    return fired;
  }

  async #claim(now: Date): Promise<StoredTimer | null> {
    const kinds = [...this.#handlers.keys()];
    if (!kinds.length) return null;
    const at = now.toISOString();
    return this.#timers.findOneAndUpdate(
      {
        kind: { $in: kinds },
        $or: [
          { status: 'pending', dueAt: { $lte: at } },
          { status: 'running', leaseUntil: { $lt: at } },
        ],
      },
      {
        $set: {
          status: 'running',
          leaseOwner: this.owner,
          leaseUntil: new Date(now.getTime() + this.#options.leaseMs).toISOString(),
        },
        $inc: { attempts: 1 },
      },
      { sort: { dueAt: 1 } },
    );
  }

  async #fire(stored: StoredTimer): Promise<void> {
    const handler = this.#handlers.get(stored.kind);
    const mine = { _id: stored._id, leaseOwner: this.owner, status: 'running' };
    try {
      if (!handler) throw new Error(`no handler for timer kind ${stored.kind}`);
      await handler(toTimer(stored));
      await this.#timers.updateOne(mine, {
        $set: { status: 'done', firedAt: this.clock.now().toISOString() },
        $unset: { leaseOwner: '', leaseUntil: '' },
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.#options.log?.error({ err, timerId: stored._id, kind: stored.kind }, 'timer handler failed');
      const retry = stored.attempts < this.#options.maxAttempts;
      const backoff = Math.min(1000 * 2 ** (stored.attempts - 1), MAX_BACKOFF_MS);
      await this.#timers.updateOne(mine, {
        $set: retry
          ? {
              status: 'pending',
              dueAt: new Date(this.clock.now().getTime() + backoff).toISOString(),
              lastError: message,
            }
          : { status: 'failed', lastError: message },
        $unset: { leaseOwner: '', leaseUntil: '' },
      });
    }
  }

  /** Starts the poller (no-op when polling is off or already started). */
  start(): void {
    if (!this.#options.poll || this.#running) return;
    this.#running = true;
    this.#schedulePoll(this.#options.pollIntervalMs);
  }

  /** Stops polling and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#poller) clearTimeout(this.#poller);
    if (this.#wake) clearTimeout(this.#wake.handle);
    this.#poller = null;
    this.#wake = null;
    await this.#tick;
  }

  #schedulePoll(delay: number): void {
    if (!this.#running) return;
    this.#poller = setTimeout(() => void this.#pollNow(), delay);
    this.#poller.unref();
  }

  async #pollNow(): Promise<void> {
    if (!this.#running) return;
    if (!this.#tick) {
      this.#tick = this.runDue().catch((err: unknown) => {
        this.#options.log?.error({ err }, 'timer poll failed');
        return 0;
      });
      await this.#tick;
      this.#tick = null;
    }
    if (this.#poller) clearTimeout(this.#poller);
    this.#schedulePoll(this.#options.pollIntervalMs);
  }

  /** A timer due before the next poll wakes the poller for it. */
  #wakeAt(at: number): void {
    if (!this.#running) return;
    const delay = at - this.clock.now().getTime();
    if (delay >= this.#options.pollIntervalMs || (this.#wake && this.#wake.at <= at)) return;
    if (this.#wake) clearTimeout(this.#wake.handle);
    const handle = setTimeout(
      () => {
        this.#wake = null;
        void this.#pollNow();
      },
      Math.max(0, delay),
    );
    handle.unref();
    this.#wake = { at, handle };
  }
}
