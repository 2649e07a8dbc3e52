/**
 * The domain event bus: typed events as a discriminated union on `type`. In-process: handlers run
 * after the emitting write has been stored, one event at a time per emit, and a failing handler is
 * logged and contained — it never fails the request that caused the event.
 */
import type { Issue, IssueUpdate, TimelineEvent } from '@baton/schemas';

export type IssueChanges = Partial<Record<keyof IssueUpdate | 'resolvedAt', { from: unknown; to: unknown }>>;

export type DomainEvent =
  | { type: 'issue.created'; at: string; issue: Issue }
  | { type: 'issue.updated'; at: string; issue: Issue; changes: IssueChanges }
  | { type: 'message.added'; at: string; issue: Issue; event: TimelineEvent };

export type DomainEventType = DomainEvent['type'];
export type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;
export type EventHandler<K extends DomainEventType> = (event: EventOf<K>) => void | Promise<void>;

export interface BusLogger {
  error(obj: object, msg: string): void;
}

export class EventBus {
  readonly #handlers = new Map<DomainEventType, Set<(event: DomainEvent) => void | Promise<void>>>();
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly log: BusLogger) {}

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<K extends DomainEventType>(type: K, handler: EventHandler<K>): () => void {
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, (set = new Set()));
    // Handlers are keyed by type, so each only ever receives events of its own type.
    const h = handler as unknown as (event: DomainEvent) => void | Promise<void>;
    set.add(h);
    return () => set.delete(h);
  }

  /** Delivers to every handler without waiting: the emitter's request is not held up. */
  emit(event: DomainEvent): void {
    const handlers = this.#handlers.get(event.type);
    if (!handlers?.size) return;
    for (const handler of handlers) {
      const run = (async () => handler(event))().catch((err: unknown) =>
        this.log.error({ err, eventType: event.type }, 'event handler failed'),
      );
      this.#pending.add(run);
      void run.finally(() => this.#pending.delete(run));
    }
  }

  /** Resolves when every handler started so far has finished: for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }
}
