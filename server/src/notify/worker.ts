/**
 * The delivery worker: takes due notifications from the outbox (leased, see outbox.ts), sends each
 * through its channel's notifier plugin, and settles the attempt:
 *
 * - delivered → `delivered`, with the provider's external id;
 * - failed (permanent) → `dead` at once;
 * - retry / threw / timed out / answered garbage / no notifier → queued again after exponential
 *   backoff with full jitter (a provider's Retry-After is a floor), until `maxAttempts`, then `dead`.
 *
 * Dead notifications stay in the outbox for inspection and `POST /api/notifications/:id/redeliver`.
 * `runDue(now)` does one pass (tests drive it with a ManualClock); `start()` runs passes on a poll
 * interval, woken early by new work and by the earliest retry this instance scheduled.
 */

import type { OutboundMessage } from '@baton/plugin-sdk';
import type { DeliveryAttempt } from '@baton/schemas';
import type { HostLogger, SendOutcome } from '../plugins/host.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { BACKOFF_DEFAULTS, type BackoffOptions, retryDelay } from './backoff.ts';
import { ATTEMPTS_KEPT, type Outbox, type StoredNotification } from './outbox.ts';

export interface Notifier {
  send(channel: string, message: OutboundMessage): Promise<SendOutcome>;
}

export interface DeliveryHooks {
  /** After a notification was delivered (to arm its ack-or-escalate timeout). */
  delivered?(doc: StoredNotification, at: Date): Promise<void>;
  /** After a notification was dead-lettered (to escalate at once). */
  dead?(doc: StoredNotification, at: Date): Promise<void>;
}

export interface WorkerOptions {
  /** Sends in flight at once. Default 16. */
  concurrency?: number;
  /** Due notifications read per query. Default 200. */
  batchSize?: number;
  /** Attempts before a notification is dead-lettered. Default 8. */
  maxAttempts?: number;
  /**
   * How long a claim holds unless renewed. While an attempt runs, the polling worker renews its
   * claims every third of this, so a slow plugin call (manifests allow 2 min) keeps its lease, and a
   * worker that died (kill -9, lost machine) frees its notifications within this time. Default 30 s.
   */
  leaseMs?: number;
  /** Default 1 s. */
  pollIntervalMs?: number;
  backoff?: Partial<BackoffOptions>;
  log?: HostLogger;
}

type Resolved = Required<Omit<WorkerOptions, 'log' | 'backoff'>> & {
  backoff: BackoffOptions;
  log?: HostLogger;
};

export class DeliveryWorker {
  readonly owner = newId('ntf').replace(/^ntf_/, 'worker_');
  readonly #options: Resolved;
  #hooks: DeliveryHooks = {};
  #running = false;
  #timer: { at: number; handle: NodeJS.Timeout } | null = null;
  #tick: Promise<void> | null = null;
  #again = false;
  /** Notifications this worker holds a lease on right now (renewed while their attempt runs). */
  readonly #inFlight = new Set<string>();
  #renewer: NodeJS.Timeout | null = null;
  /** Resolves a pass that waits for a slot, so new work does not wait for a slow send. */
  #kick: (() => void) | null = null;
  #renewing: Promise<void> | null = null;

  constructor(
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    options: WorkerOptions = {},
  ) {
    this.#options = {
      concurrency: 16,
      batchSize: 200,
      maxAttempts: 8,
      leaseMs: 30_000,
      pollIntervalMs: 1000,
      ...options,
      backoff: { ...BACKOFF_DEFAULTS, ...(options.backoff ?? {}) },
    };
  }

  get maxAttempts(): number {
    return this.#options.maxAttempts;
  }

  setHooks(hooks: DeliveryHooks): void {
    this.#hooks = hooks;
  }

  /**
   * Delivers everything due at `now` (default: the clock's now), `concurrency` at a time. Slots are
   * refilled as they free up — a send waiting for a slow receiver (up to its timeout) holds one slot,
   * not the whole pass, so what is queued meanwhile goes out at once. Each notification is attempted
   * at most once per pass, and retries scheduled during it are due later, so a pass always ends.
   * Returns the attempts made.
   */
  async runDue(now?: Date): Promise<number> {
    let attempts = 0;
    const seen = new Set<string>();
    const running = new Set<Promise<void>>();
    const { concurrency, batchSize } = this.#options;
    for (;;) {
      const at = now ?? this.clock.now();
      const free = concurrency - running.size;
      const batch =
        free > 0
          ? (await this.outbox.due(at, Math.min(batchSize, free + seen.size), this.#inFlight)).filter(
              (d) => !seen.has(d._id),
            )
          : [];
      if (!batch.length) {
        if (!running.size) break;
        // Wait for a slot, new work (wake) or, on the real clock, a poll interval — then look again.
        await Promise.race([
          ...running,
          new Promise<void>((resolve) => {
            this.#kick = resolve;
          }),
          ...(now
            ? []
            : [new Promise<void>((resolve) => setTimeout(resolve, this.#options.pollIntervalMs).unref())]),
        ]);
        this.#kick = null;
        continue;
      }
      for (const doc of batch.slice(0, free)) {
        seen.add(doc._id);
        const task = this.#one(doc, at).then((attempted) => {
          if (attempted) attempts++;
        });
        const tracked = task.finally(() => running.delete(tracked));
        running.add(tracked);
      }
      if (running.size >= concurrency) await Promise.race(running);
    }
    return attempts;
  }

  /** Claims and attempts one notification; false when another worker took it first. */
  async #one(doc: StoredNotification, at: Date): Promise<boolean> {
    try {
      const claimed = await this.outbox.claim(doc, this.owner, at, this.#options.leaseMs);
      if (!claimed) return false;
      this.#inFlight.add(claimed._id);
      try {
        await this.#attempt(claimed);
      } finally {
        this.#inFlight.delete(claimed._id);
      }
      return true;
    } catch (err) {
      // The store failed mid-attempt: the lease runs out and the notification is taken again.
      this.#options.log?.error({ err, notificationId: doc._id }, 'notification attempt failed');
      return false;
    }
  }

  async #attempt(doc: StoredNotification): Promise<void> {
    const started = this.clock.now();
    if (doc.escalationOf) {
      const acked = await this.outbox.collection.findOne({
        group: doc.group,
        'ack.ackedAt': { $exists: true },
      });
      if (acked) {
        await this.outbox.settle(doc._id, this.owner, {
          $set: {
            status: 'cancelled',
            cancelledReason: 'acknowledged before the escalation was due',
            updatedAt: started.toISOString(),
          },
          $inc: { attemptCount: -1 },
        });
        return;
      }
    }
    const outcome = await this.notifier.send(doc.channel, outboundMessage(doc));
    const now = this.clock.now();
    const at = now.toISOString();
    const attempt: DeliveryAttempt = {
      at,
      outcome: outcome.outcome,
      durationMs: outcome.durationMs,
      ...(outcome.plugin ? { plugin: outcome.plugin } : {}),
      ...('error' in outcome ? { error: outcome.error.slice(0, 2000) } : {}),
      ...('retryAfterMs' in outcome && outcome.retryAfterMs !== undefined
        ? { retryAfterMs: outcome.retryAfterMs }
        : {}),
    };
    const push = { attempts: { $each: [attempt], $slice: -ATTEMPTS_KEPT } };
    const plugin = outcome.plugin ? { plugin: outcome.plugin } : {};

    if (outcome.outcome === 'delivered') {
      const settled = await this.outbox.settle(doc._id, this.owner, {
        $set: {
          status: 'delivered',
          deliveredAt: at,
          updatedAt: at,
          ...plugin,
          ...(outcome.externalId ? { externalId: outcome.externalId } : {}),
        },
        $unset: { lastError: '', deferral: '' },
        $push: push,
      });
      if (settled) await this.#hook('delivered', doc, now);
      else this.#lostLease(doc);
      return;
    }

    const permanent = outcome.outcome === 'failed';
    if (permanent || doc.attemptCount >= this.#options.maxAttempts) {
      const reason = permanent
        ? outcome.error
        : `gave up after ${doc.attemptCount} attempts; last: ${outcome.error}`;
      const settled = await this.outbox.settle(doc._id, this.owner, {
        $set: { status: 'dead', deadAt: at, lastError: reason.slice(0, 2000), updatedAt: at, ...plugin },
        $push: push,
      });
      this.#options.log?.warn?.(
        { notificationId: doc._id, channel: doc.channel, error: reason },
        'notification dead-lettered',
      );
      if (settled) await this.#hook('dead', doc, now);
      else this.#lostLease(doc);
      return;
    }

    const retryAfter = outcome.outcome === 'retry' ? outcome.retryAfterMs : undefined;
    // At least 1 ms: a retry is never due within the pass that scheduled it.
    const delay = Math.max(1, retryDelay(doc.attemptCount, this.#options.backoff, retryAfter));
    const dueAt = new Date(now.getTime() + delay);
    attempt.nextAttemptAt = dueAt.toISOString();
    const settled = await this.outbox.settle(doc._id, this.owner, {
      $set: {
        status: 'queued',
        dueAt: dueAt.toISOString(),
        lastError: outcome.error.slice(0, 2000),
        updatedAt: at,
        ...plugin,
      },
      $push: push,
    });
    if (settled) this.#wakeAt(dueAt.getTime());
    else this.#lostLease(doc);
  }

  async #hook(name: 'delivered' | 'dead', doc: StoredNotification, at: Date): Promise<void> {
    try {
      await this.#hooks[name]?.(doc, at);
    } catch (err) {
      this.#options.log?.error({ err, notificationId: doc._id }, `notification ${name} hook failed`);
    }
  }

  #lostLease(doc: StoredNotification): void {
    this.#options.log?.warn?.(
      { notificationId: doc._id },
      'the lease on a notification expired during its attempt; another worker owns it now and this result was dropped',
    );
  }

  // ---- the polling loop --------------------------------------------------------------------------

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#renewer ??= setInterval(() => this.#renew(), Math.max(1, Math.floor(this.#options.leaseMs / 3)));
    this.#renewer.unref();
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer.handle);
    this.#timer = null;
    // Attempts in flight finish first; their leases are renewed until they do.
    await this.#tick;
    if (this.#renewer) clearInterval(this.#renewer);
    this.#renewer = null;
    await this.#renewing;
  }

  /** Extends the lease of every attempt in flight (a timer callback: nothing may escape it). */
  #renew(): void {
    if (!this.#inFlight.size || this.#renewing) return;
    const until = new Date(this.clock.now().getTime() + this.#options.leaseMs);
    this.#renewing = this.outbox
      .renew([...this.#inFlight], this.owner, until)
      .then(() => undefined)
      .catch((err: unknown) => this.#options.log?.error({ err }, 'renewing notification leases failed'))
      .finally(() => {
        this.#renewing = null;
      });
  }

  /** New work was queued: run a pass soon. */
  wake(): void {
    if (!this.#running) return;
    this.#kick?.();
    if (this.#tick) this.#again = true;
    else this.#schedule(0);
  }

  #wakeAt(at: number): void {
    if (!this.#running) return;
    this.#schedule(Math.max(0, at - this.clock.now().getTime()));
  }

  #schedule(delay: number): void {
    if (!this.#running) return;
    const at = Date.now() + delay;
    if (this.#timer && this.#timer.at <= at) return;
    if (this.#timer) clearTimeout(this.#timer.handle);
    const handle = setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, delay);
    handle.unref();
    this.#timer = { at, handle };
  }

  #run(): void {
    if (!this.#running) return;
    if (this.#tick) {
      this.#again = true;
      return;
    }
    this.#tick = this.runDue()
      .then(() => undefined)
      .catch((err: unknown) => this.#options.log?.error({ err }, 'notification delivery pass failed'))
      .finally(() => {
        this.#tick = null;
        const again = this.#again;
        this.#again = false;
        this.#schedule(again ? 0 : this.#options.pollIntervalMs);
      });
  }
}

export function outboundMessage(doc: StoredNotification): OutboundMessage {
  const m = doc.message;
  const issue = (m.data as { issue?: OutboundMessage['issue'] } | undefined)?.issue;
  return {
    id: doc._id,
    idempotencyKey: doc.idempotencyKey,
    channel: doc.channel,
    urgency: doc.urgency,
    to: {
      address: doc.address,
      ...(doc.recipient.name ? { name: doc.recipient.name } : {}),
      recipient: doc.recipient,
    },
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
    text: m.text,
    ...(m.html !== undefined ? { html: m.html } : {}),
    ...(m.data !== undefined ? { data: m.data } : {}),
    links: m.links ?? {},
    ...(issue ? { issue } : {}),
    ack: doc.ack?.required ?? false,
    attempt: doc.attemptCount,
    createdAt: doc.createdAt,
  };
}
