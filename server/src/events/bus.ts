/**
 * The domain event bus: typed events as a discriminated union on `type`. In-process: handlers run
 * after the emitting write has been stored, one event at a time per emit, and a failing handler is
 * logged and contained — it never fails the request that caused the event.
 */
import type {
  Agent,
  Escalation,
  EscalationRecipient,
  EventCause,
  Handoff,
  Issue,
  IssueUpdate,
  PlaybookStep,
  RoutingOffer,
  SlaClockView,
  TimelineEvent,
} from '@baton/schemas';
import { merge } from '../shared/merge.ts';

export type IssueChanges = Partial<Record<keyof IssueUpdate | 'resolvedAt', { from: unknown; to: unknown }>>;

/** A handoff changed status; `handoff.settled` is any of accepted, declined or expired. */
type HandoffEvent<K extends string> = { type: K; at: string; issueId: string; handoff: Handoff };

/** A playbook run moved (playbooks module); step events carry the time taken against the window. */
type PlaybookRef = { issueId: string; runId: string; flowId: string; flowName: string };
type PlaybookEvent =
  | ({ type: 'playbook.requested'; at: string } & Omit<PlaybookRef, 'runId'>)
  | ({ type: 'playbook.started'; at: string; manual: boolean } & PlaybookRef)
  | ({ type: 'playbook.ended'; at: string; status: 'completed' | 'failed' | 'cancelled' } & PlaybookRef)
  | ({ type: 'playbook.step.completed' } & PlaybookStepTiming)
  | ({ type: 'playbook.step.missed' } & PlaybookStepTiming);
type PlaybookStepTiming = PlaybookRef & {
  at: string;
  step: PlaybookStep;
  /** From the step's start to done (completed) or to its due time (missed). */
  durationMs: number;
  windowMs?: number;
};

export type DomainEvent = (
  | { type: 'issue.created'; at: string; issue: Issue }
  | { type: 'issue.updated'; at: string; issue: Issue; changes: IssueChanges }
  | { type: 'message.added'; at: string; issue: Issue; event: TimelineEvent }
  | { type: 'sla.warning'; at: string; issueId: string; clock: SlaClockView; percent: number }
  | { type: 'sla.breached'; at: string; issueId: string; clock: SlaClockView }
  /** A clock stopped (met or missed) or was cancelled: its final numbers, for analytics. */
  | { type: 'sla.settled'; at: string; issueId: string; clock: SlaClockView }
  /** A parked flow run went on (by its event or timer): where it waited and since when. */
  | {
      type: 'flow.resumed';
      at: string;
      issueId: string;
      runId: string;
      flowId: string;
      nodeId: string;
      since: string;
    }
  | HandoffEvent<'handoff.offered'>
  | HandoffEvent<'handoff.accepted'>
  | HandoffEvent<'handoff.declined'>
  | HandoffEvent<'handoff.expired'>
  | HandoffEvent<'handoff.settled'>
  | HandoffEvent<'handoff.completed'>
  | HandoffEvent<'handoff.cancelled'>
  | {
      type: 'routing.assigned';
      at: string;
      issueId: string;
      queue: string;
      agentId: string;
      offerId?: string;
    }
  | { type: 'routing.offered'; at: string; issueId: string; offer: RoutingOffer }
  | { type: 'routing.queued'; at: string; issueId: string; queue: string; reason: string }
  /** Offers went unanswered for `rounds` rounds: the issue leaves the queue for the next tier. */
  | { type: 'routing.exhausted'; at: string; issueId: string; queue: string; rounds: number }
  | { type: 'agent.updated'; at: string; agent: Agent; changes: string[] }
  | { type: 'escalation.started'; at: string; issueId: string; escalation: Escalation }
  | {
      type: 'escalation.ended';
      at: string;
      issueId: string;
      escalation: Escalation;
      outcome: 'acknowledged' | 'exhausted' | 'cancelled';
    }
  | {
      /** An escalation step wants these people told: the notify module delivers it. */
      type: 'escalation.notify';
      at: string;
      issueId: string;
      escalationId: string;
      /** Unique per notification of a path (a repeated step notifies again under a new id): for idempotency keys. */
      noticeId: string;
      step: number;
      recipients: EscalationRecipient[];
      message: string;
      urgency: 'low' | 'normal' | 'high' | 'critical';
    }
  | PlaybookEvent
) & {
  /**
   * The flow run whose action this event comes from, directly or through the listeners of events it
   * caused (the loop guard's chain, engine/runtime.ts). Passed explicitly: a flow's actions hand
   * their run's cause to the module they call, and a listener hands on the cause of the event it
   * reacts to (see {@link EventBus.emit}).
   */
  cause?: EventCause;
  /** Set on events owed durably (`outbox.ts`): what listeners key replayed work on. */
  id?: string;
  /** Delivered again after a restart because the work it owed was not known to be finished. */
  replayed?: boolean;
};

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
    if (!set) {
      set = new Set();
      this.#handlers.set(type, set);
    }
    // Handlers are keyed by type, so each only ever receives events of its own type.
    const h = handler as unknown as (event: DomainEvent) => void | Promise<void>;
    set.add(h);
    return () => set.delete(h);
  }

  /**
   * Delivers to every handler without waiting: the emitter's request is not held up. `cause`: the
   * flow run whose action this event comes from (see {@link EventCause}); the emitter passes the
   * cause of the work it was asked to do, as a listener passes the cause of the event it reacts to.
   */
  emit(event: DomainEvent, cause?: EventCause): void {
    // Nobody waits for these handlers as a group: no Promise.all over them (a promise per handler).
    this.#deliver(event, cause, null);
  }

  /**
   * Delivers like {@link emit}; the promise resolves once every handler of this event has settled
   * (failures are logged, never rejected): the outbox clears what an event owed then.
   */
  publish(event: DomainEvent, cause?: EventCause): Promise<void> {
    const runs: Promise<void>[] = [];
    this.#deliver(event, cause, runs);
    return runs.length ? Promise.all(runs).then(() => undefined) : Promise.resolve();
  }

  /** Starts every handler of the event; `runs` (when given) collects the asynchronous ones. */
  #deliver(event: DomainEvent, cause: EventCause | undefined, runs: Promise<void>[] | null): void {
    if (cause && !event.cause) event = merge(event, { cause }) as DomainEvent;
    const handlers = this.#handlers.get(event.type);
    if (!handlers?.size) return;
    const failed = (err: unknown) => this.log.error({ err, eventType: event.type }, 'event handler failed');
    for (const handler of handlers) {
      // A handler starts at once, as an async function's body would; a synchronous one is done when
      // it returns. One promise per asynchronous handler (not an async wrapper, a catch and a
      // finally): every issue passes some fifty handler calls.
      let result: void | Promise<void>;
      try {
        result = handler(event);
      } catch (err) {
        failed(err);
        continue;
      }
      if (!result) continue;
      const run: Promise<void> = result.then(
        () => {
          this.#pending.delete(run);
        },
        (err: unknown) => {
          this.#pending.delete(run);
          failed(err);
        },
      );
      this.#pending.add(run);
      runs?.push(run);
    }
  }

  /** Handlers started and not finished yet: the work still owed for events already emitted. */
  get backlog(): number {
    return this.#pending.size;
  }

  /** Resolves when every handler started so far has finished: for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }
}
