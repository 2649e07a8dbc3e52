/**
 * Durable timers: SLA clocks, playbook windows, flow waits, offer and ack timeouts all reduce to "call
 * this handler with this payload at that time, once, even across restarts and instances".
 *
 * - `schedule(kind, dueAt, payload, { key })` stores a timer; a key makes scheduling idempotent (the
 *   same key always names the same timer, so a retried or recovered schedule adds nothing).
 * - Handlers are registered per kind, per instance (`handle(kind, fn)`).
 * - `runDue(now)` claims due timers one at a time with `findOneAndUpdate` by id (status pending →
 *   running with a lease owner and expiry), so two instances never fire one timer twice; a lease that
 *   expires (the instance died mid-handler) makes the timer claimable again. Tests call `runDue` with
 *   a ManualClock instead of sleeping.
 * - Which timers to claim comes from an in-memory due queue (a min-heap of due time and id) holding
 *   every pending timer this instance scheduled, plus what a sweep of the store found: timers other
 *   instances scheduled, timers pending from before a restart, and expired leases. The queue only says
 *   where to look; the store stays the truth (a claim by id fails for a cancelled or taken timer). So a
 *   fire costs a heap pop and an indexed claim, not a scan of every timer — what keeps 100,000 live SLA
 *   clocks firing on time. Without the poller (tests, explicit calls) every `runDue` sweeps first; with
 *   it, a sweep runs every `sweepIntervalMs` (1 s), or less often when sweeps are slow (a store that
 *   scans for them): never more than 2 % of the time. (One instance per folder holds the embedded store,
 *   so there a sweep only finds expired leases; MongoDB answers it from the `status, dueAt` index.)
 * - The poller sleeps until the earliest queued timer is due (at most `pollIntervalMs`, 500 ms) and
 *   drains everything due before sleeping again, so a timer fires when it is due plus its handler's
 *   queue; it is not started with a ManualClock (nothing moves time but the test).
 * - A handler that throws is retried with exponential backoff (1 s, 2 s, 4 s, … at most 5 min) up to
 *   `maxAttempts`, then the timer is marked failed with the error kept.
 */
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { type Collection, DuplicateKeyError, type Store } from '../store/port.ts';

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
  /** How often the poller sweeps the store for timers its due queue does not hold. */
  sweepIntervalMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** Timers one sweep loads at most; a full sweep makes the next `runDue` sweep again. */
const SWEEP_LIMIT = 10_000;

/** A binary min-heap of (due time, timer id): the due queue. */
class DueQueue {
  readonly #items: Array<{ at: number; id: string }> = [];
  readonly #ids = new Set<string>();

  get size(): number {
    return this.#items.length;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  push(at: number, id: string): void {
    if (this.#ids.has(id)) return;
    this.#ids.add(id);
    const items = this.#items;
    items.push({ at, id });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= items[i]!.at) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  peek(): { at: number; id: string } | undefined {
    return this.#items[0];
  }

  pop(): { at: number; id: string } | undefined {
    const items = this.#items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l]!.at < items[m]!.at) m = l;
        if (r < items.length && items[r]!.at < items[m]!.at) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i]!, items[m]!];
        i = m;
      }
    }
    this.#ids.delete(top.id);
    return top;
  }
}

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
  readonly #due = new DueQueue();
  /** performance.now() of the last sweep; -Infinity: never swept. */
  #sweptAt = Number.NEGATIVE_INFINITY;
  /** How long the last sweep took: sweeps that scan (the embedded store) are spaced to stay under 2 % of the time. */
  #sweepMs = 0;
  #sweepAgain = false;

  constructor(
    store: Store,
    private readonly clock: Clock,
    options: TimerOptions = {},
  ) {
    this.#timers = store.collection('timers');
    this.#options = {
      poll: true,
      pollIntervalMs: 500,
      sweepIntervalMs: 1000,
      leaseMs: 30_000,
      maxAttempts: 5,
      ...options,
    };
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
      // Insert first, read the one already there on a duplicate key: the key is almost always new
      // (an SLA threshold, a handoff's expiry), and an upsert built the document through the generic
      // update path. The unique index on `key` keeps two racing schedules to one timer either way.
      const timer: StoredTimer = { _id: newId('tmr'), key: options.key, ...fields };
      try {
        await this.#timers.insertOne(timer);
        stored = timer;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        stored = await this.#timers.findOne({ key: options.key });
        if (!stored) throw err;
      }
    } else {
      stored = { _id: newId('tmr'), ...fields };
      await this.#timers.insertOne(stored);
    }
    if (stored.status === 'pending') {
      this.#due.push(Date.parse(stored.dueAt), stored._id);
      this.#wakeAt(Date.parse(stored.dueAt));
    }
    return toTimer(stored);
  }

  /** Cancels a pending timer by id or key; false when it already fired, failed or was cancelled. */
  async cancel(idOrKey: string): Promise<boolean> {
    // By key, then by id: two indexed updates rather than one `$or` that scans every timer.
    for (const field of ['key', '_id'] as const) {
      const result = await this.#timers.updateOne(
        { [field]: idOrKey, status: 'pending' },
        { $set: { status: 'cancelled' } },
      );
      if (result.modifiedCount > 0) return true;
    }
    return false;
  }

  async get(idOrKey: string): Promise<Timer | null> {
    const found =
      (await this.#timers.findOne({ key: idOrKey })) ?? (await this.#timers.findOne({ _id: idOrKey }));
    return found ? toTimer(found) : null;
  }

  /**
   * Fires every timer due at `now` that this instance has a handler for (at most `limit`), one at a
   * time, each claimed with a lease first. Returns how many handlers ran.
   */
  async runDue(now: Date = this.clock.now(), limit = 500): Promise<number> {
    if (!this.#handlers.size) return 0;
    const sweepEvery = this.#running ? Math.max(this.#options.sweepIntervalMs, 50 * this.#sweepMs) : 0;
    if (this.#sweepAgain || performance.now() - this.#sweptAt >= sweepEvery) await this.#sweep(now);
    let fired = 0;
    const at = now.getTime();
    while (fired < limit) {
      const next = this.#due.peek();
      if (!next || next.at > at) break;
      this.#due.pop();
      const timer = await this.#claim(next.id, now);
      if (!timer) continue;
      await this.#fire(timer);
      fired++;
    }
    return fired;
  }

  /** Queues what the store holds and this instance's queue may not: due (or soon due) timers and expired leases. */
  async #sweep(now: Date): Promise<void> {
    this.#sweptAt = performance.now();
    const kinds = [...this.#handlers.keys()];
    const horizon = new Date(now.getTime() + this.#options.sweepIntervalMs).toISOString();
    const at = now.toISOString();
    const projection = { _id: 1, dueAt: 1 } as const;
    const pending = await this.#timers.find(
      { status: 'pending', dueAt: { $lte: horizon }, kind: { $in: kinds } },
      { sort: { dueAt: 1 }, limit: SWEEP_LIMIT, projection },
    );
    const expired = await this.#timers.find(
      { status: 'running', leaseUntil: { $lt: at }, kind: { $in: kinds } },
      { limit: SWEEP_LIMIT, projection },
    );
    for (const t of [...pending, ...expired]) this.#due.push(Date.parse(t.dueAt), t._id);
    this.#sweepMs = performance.now() - this.#sweptAt;
    this.#sweepAgain = pending.length >= SWEEP_LIMIT || expired.length >= SWEEP_LIMIT;
  }

  async #claim(id: string, now: Date): Promise<StoredTimer | null> {
    const kinds = [...this.#handlers.keys()];
    const at = now.toISOString();
    return this.#timers.findOneAndUpdate(
      {
        _id: id,
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
      const retryAt = this.clock.now().getTime() + backoff;
      await this.#timers.updateOne(mine, {
        $set: retry
          ? {
              status: 'pending',
              dueAt: new Date(retryAt).toISOString(),
              lastError: message,
            }
          : { status: 'failed', lastError: message },
        $unset: { leaseOwner: '', leaseUntil: '' },
      });
      if (retry) this.#due.push(retryAt, stored._id);
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
      this.#tick = this.#drain().catch((err: unknown) => {
        this.#options.log?.error({ err }, 'timer poll failed');
        return 0;
      });
      await this.#tick;
      this.#tick = null;
    }
    if (this.#poller) clearTimeout(this.#poller);
    // Sleep until the earliest queued timer is due, and at most a poll interval (for the sweep).
    const next = this.#due.peek();
    const interval = this.#options.pollIntervalMs;
    this.#schedulePoll(
      next ? Math.min(interval, Math.max(0, next.at - this.clock.now().getTime())) : interval,
    );
  }

  /**
   * Fires everything due, batch after batch, before the poller sleeps again — yielding to the event
   * loop between batches, so requests are still answered while a backlog drains.
   */
  async #drain(): Promise<number> {
    const batch = 100;
    let total = 0;
    for (;;) {
      const fired = await this.runDue(this.clock.now(), batch);
      total += fired;
      if (fired < batch || !this.#running) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
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
