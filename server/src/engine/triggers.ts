/**
 * Trigger events are data, not code: a flow's trigger node names event types, and this registry says
 * which bus events can start (or resume) a run, how to find the issue they concern and what the
 * `event` fact holds. The SLA and handoff modules register theirs (`sla.breached`, `handoff.offered`)
 * when they arrive; the runtime subscribes to each type as it is registered.
 */
import type { Issue } from '@baton/schemas';
import type { DomainEvent, DomainEventType, EventOf } from '../events/bus.ts';

export interface TriggerEventDefinition<K extends DomainEventType = DomainEventType> {
  type: K;
  description: string;
  /** The issue the event concerns; a run always belongs to one issue. */
  issueId(event: EventOf<K>): string;
  /** The issue as the event carries it, when it does (saves a read). */
  issue?(event: EventOf<K>): Issue | undefined;
  /** What the `event` fact holds besides `eventType`. */
  payload(event: EventOf<K>): Record<string, unknown>;
}

type AnyTrigger = TriggerEventDefinition<DomainEventType>;

export class TriggerRegistry {
  readonly #triggers = new Map<string, AnyTrigger>();
  readonly #listeners = new Set<(trigger: AnyTrigger) => void>();

  constructor() {
    this.register({
      type: 'issue.created',
      description: 'An issue was opened (by a channel, an integration or a person).',
      issueId: (e) => e.issue.id,
      issue: (e) => e.issue,
      payload: () => ({}),
    });
    this.register({
      type: 'issue.updated',
      description: 'An issue changed: $.changes holds each changed field with from and to.',
      issueId: (e) => e.issue.id,
      issue: (e) => e.issue,
      payload: (e) => ({ changes: e.changes }),
    });
    this.register({
      type: 'message.added',
      description:
        'A message was added to the timeline (customer message, agent reply, note, call, CRM update): the event fact is the timeline event ($.type, $.text, $.author.kind).',
      issueId: (e) => e.issue.id,
      issue: (e) => e.issue,
      payload: (e) => ({ ...e.event }),
    });
  }

  register<K extends DomainEventType>(trigger: TriggerEventDefinition<K>): void {
    if (this.#triggers.has(trigger.type))
      throw new Error(`trigger event ${trigger.type} is already registered`);
    const any = trigger as unknown as AnyTrigger;
    this.#triggers.set(trigger.type, any);
    for (const listener of this.#listeners) listener(any);
  }

  has(type: string): boolean {
    return this.#triggers.has(type);
  }

  get(type: string): AnyTrigger | undefined {
    return this.#triggers.get(type);
  }

  list(): AnyTrigger[] {
    return [...this.#triggers.values()];
  }

  describe(): Array<{ type: string; description: string }> {
    return this.list().map(({ type, description }) => ({ type, description }));
  }

  /** Calls `listener` for every trigger registered so far and every one registered later. */
  subscribe(listener: (trigger: AnyTrigger) => void): () => void {
    for (const trigger of this.#triggers.values()) listener(trigger);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The `event` fact of a bus event. */
  eventFact(event: DomainEvent): Record<string, unknown> {
    const trigger = this.#triggers.get(event.type);
    return { eventType: event.type, ...(trigger ? trigger.payload(event) : {}) };
  }
}
