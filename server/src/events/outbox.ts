/**
 * Work owed after an acknowledgement, kept durably. An acknowledged change whose listeners do real
 * work (flow runs, SLA clocks, routing, analytics) writes one `event_outbox` document in the same
 * turn as the change itself, so the store's group commit journals both in one flush: once the
 * client has its answer, the owed event is on disk too. The event is published after the write;
 * when every listener of it has settled, its id is cleared in a batch (one `deleteMany` per sweep,
 * after the `beforeClear` barriers, e.g. analytics writing its buffered counters). On start, before
 * the server takes new work, every event still owed is published again, marked `replayed`, and the
 * listeners recognise work they already did by the event (see docs/decisions.md, "Work owed after
 * the acknowledgement").
 */
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { merge } from '../shared/merge.ts';
import type { Collection, Store } from '../store/port.ts';
import type { BusLogger, DomainEvent, EventBus } from './bus.ts';

interface OwedDoc {
  _id: string;
  at: string;
  event: DomainEvent;
}

export interface OutboxOptions {
  bus: EventBus;
  clock: Clock;
  log: BusLogger;
  /** Whether a stored owed event still concerns something that exists (its write may have failed). */
  stillOwed?(event: DomainEvent): Promise<boolean>;
  /** How long finished events wait to be cleared together (default 1 s; 0: at once). */
  clearEveryMs?: number;
  /**
   * TEST ONLY (`BATON_TEST_AFTER_ACK_DELAY_MS`): waits this long before the listeners of a new
   * owed event run, so a test can kill the process deterministically between the acknowledgement
   * and the work. Never applied to replays.
   */
  testDelayMs?: number;
}

export class EventOutbox {
  readonly #owed: Collection<OwedDoc>;
  readonly #finished: string[] = [];
  readonly #barriers: Array<() => Promise<void>> = [];
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> = Promise.resolve();

  constructor(
    store: Store,
    private readonly options: OutboxOptions,
  ) {
    this.#owed = store.collection('event_outbox');
  }

  async init(): Promise<void> {
    await this.#owed.createIndex({ keys: { at: 1, _id: 1 } });
  }

  /**
   * Gives the event an id and starts its durable write; call it in the same turn as the change's
   * own write and await both (they share one group commit). Resolves to the event to publish.
   */
  owe<E extends DomainEvent>(event: E): { event: E & { id: string }; written: Promise<void> } {
    const owed = merge(event, { id: event.id ?? newId('evt') }) as E & { id: string };
    const written = this.#owed.insertOne({ _id: owed.id, at: owed.at, event: owed });
    return { event: owed, written };
  }

  /** Forgets an owed event whose change was not stored after all (e.g. a duplicate key). */
  async cancel(id: string): Promise<void> {
    await this.#owed.deleteOne({ _id: id });
  }

  /** Publishes an owed event; its id is cleared once every listener has settled. */
  publish(event: DomainEvent & { id: string }): void {
    const delay = this.options.testDelayMs ?? 0;
    const run = () => this.options.bus.publish(event).then(() => this.#finish(event.id));
    if (delay > 0) setTimeout(run, delay).unref?.();
    else void run();
  }

  /** Runs before each batch is cleared: listeners that buffer their writes flush them here. */
  beforeClear(barrier: () => Promise<void>): void {
    this.#barriers.push(barrier);
  }

  /**
   * Publishes every event still owed (oldest first, one at a time so that a large backlog does not
   * flood the bus) and waits for their listeners. Returns how many were replayed.
   */
  async replay(): Promise<number> {
    const owed = await this.#owed.find({}, { sort: { at: 1, _id: 1 } });
    let replayed = 0;
    for (const doc of owed) {
      const event = { ...doc.event, id: doc._id, replayed: true } as DomainEvent & { id: string };
      if (this.options.stillOwed && !(await this.options.stillOwed(event))) {
        this.#finished.push(doc._id);
        continue;
      }
      await this.options.bus.publish(event);
      this.#finished.push(doc._id);
      replayed++;
    }
    await this.clear();
    return replayed;
  }

  /** Clears every finished event now (on stop, and by the sweep timer). */
  clear(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sweeping = this.#sweeping.then(() => this.#sweep());
    return this.#sweeping;
  }

  #finish(id: string): void {
    this.#finished.push(id);
    const every = this.options.clearEveryMs ?? 1000;
    if (every <= 0) {
      void this.clear();
      return;
    }
    if (!this.#timer) {
      this.#timer = setTimeout(() => void this.clear(), every);
      this.#timer.unref?.();
    }
  }

  async #sweep(): Promise<void> {
    if (!this.#finished.length) return;
    const ids = this.#finished.splice(0);
    try {
      for (const barrier of this.#barriers) await barrier();
      await this.#owed.deleteMany({ _id: { $in: ids } });
    } catch (err) {
      // Kept owed: a later sweep (or the next start's replay) tries again; listeners are idempotent.
      this.#finished.push(...ids);
      this.options.log.error({ err }, 'owed events could not be cleared');
    }
  }
}
