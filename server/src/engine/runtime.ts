/**
 * The flow runtime: runs published, enabled flows on their trigger events, stores every run with its
 * trace and pinned version, parks runs at wait nodes and resumes them on their event or timer.
 *
 * Loop guard: a run's actions carry the run's cause (effects.ts hands it to the module each action
 * calls, and modules' listeners hand on the cause of the event they react to), so the events they
 * lead to (a `set` emits `issue.updated`; routing, hearing the new queue, `routing.offered`) carry
 * the causation chain: which flows' runs led to it and how deep. Explicit rather than through
 * AsyncLocalStorage, whose promise hooks made every promise in the process slower (~14 % of an
 * ingested issue's CPU on Node 20: docs/decisions.md).
 * A flow never starts on an event its own run caused, directly or through other flows (A → B → A), and
 * no flow starts past {@link MAX_DEPTH} links of flow-caused events; such a start is stored as a
 * `skipped` run naming the chain, so the loop is visible rather than silent.
 */
import type { Actor, FlowDocument, FlowRun, Issue, TimelineSummary } from '@baton/schemas';
import type { DomainEvent, EventBus } from '../events/bus.ts';
import { ProblemError } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { merge } from '../shared/merge.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import type { CompiledFlow } from './compile.ts';
import { liveEffects } from './effects.ts';
import type { FlowEngine } from './engine.ts';
import type { Execution, RunInput } from './executor.ts';
import { type FactSource, summarizeTimeline } from './facts.ts';
import type { RunStore } from './runs.ts';

/** Flow-caused events deeper than this start no flow. */
export const MAX_DEPTH = 8;
/** The timer kind that resumes parked runs. */
export const RESUME_TIMER = 'flow.resume';
/** The timeline summary reads at most this many events per issue. */
const TIMELINE_LIMIT = 2000;

/** A flow an event starts. `tracePercent`: its own share of live runs that keep their full trace, if any. */
export interface StartingFlow {
  id: string;
  name: string;
  enabledVersion: number;
  tracePercent?: number;
}

/** What the runtime needs of the flows module. */
export interface FlowSource {
  enabledFor(eventType: string): Promise<StartingFlow[]>;
  version(flowId: string, version: number): Promise<FlowDocument>;
  /** The same share for a flow whose parked run resumes (absent: the runtime's default). */
  tracePercent?(flowId: string): Promise<number>;
}

export interface RuntimeLogger {
  error(obj: object, msg: string): void;
}

export interface RuntimeDeps {
  engine: FlowEngine;
  runs: RunStore;
  flows: FlowSource;
  timers: TimerService;
  bus: EventBus;
  issues: IssueService;
  customers: CustomerService;
  timeline: TimelineService;
  clock: Clock;
  log: RuntimeLogger;
  /**
   * Share of live runs (0–100, default 100) stored with their full trace — each step's conditions,
   * facts and timing — rather than only the path they took. A full trace is most of a run's stored
   * bytes and a good part of its cost, so the server samples (BATON_FLOW_TRACE_PERCENT, default 0);
   * a simulation in the lab always traces.
   */
  tracePercent?: number;
}

export class FlowRuntime {
  readonly #unsubscribe: Array<() => void> = [];
  readonly tracePercent: number;

  constructor(private readonly deps: RuntimeDeps) {
    this.tracePercent = Math.min(100, Math.max(0, deps.tracePercent ?? 100));
  }

  /**
   * Whether the run about to start or resume keeps its full trace (a fresh draw per segment), at its
   * flow's own share when it has one.
   */
  #traced(flowPercent: number | undefined): boolean {
    const percent = flowPercent ?? this.tracePercent;
    return percent >= 100 || (percent > 0 && Math.random() * 100 < percent);
  }

  /** Reads live data for conditions: the customer and the timeline summary, each only when a condition asks. */
  get factSource(): FactSource {
    const { customers, timeline } = this.deps;
    return {
      customer: (id) => customers.find(id),
      async timeline(issueId) {
        return summarizeTimeline(await timeline.allForIssue(issueId, TIMELINE_LIMIT));
      },
    };
  }

  /** Subscribes to every trigger event (also those registered later) and handles resume timers. */
  start(): void {
    this.deps.timers.handle(RESUME_TIMER, (timer) => this.#onTimer(timer));
    this.#unsubscribe.push(
      this.deps.engine.triggers.subscribe((trigger) => {
        this.#unsubscribe.push(this.deps.bus.on(trigger.type, (event) => this.handle(event)));
      }),
    );
  }

  stop(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  /** Re-arms the timers of parked runs (idempotent by key): after a crash between parking and scheduling. */
  async recover(): Promise<number> {
    let armed = 0;
    for (const run of await this.deps.runs.waitingWithTimer()) {
      if (!run.waiting?.dueAt) continue;
      await this.#arm(run.id, run.waiting.seq, run.waiting.dueAt);
      armed++;
    }
    return armed;
  }

  /** Handles one bus event: resumes runs waiting for it on its issue, then starts the flows it triggers. */
  async handle(event: DomainEvent): Promise<void> {
    const trigger = this.deps.engine.triggers.get(event.type);
    if (!trigger) return;
    const issueId = trigger.issueId(event);
    for (const run of await this.deps.runs.waitingOn(issueId, event.type)) {
      // A run is not woken by what it did itself before parking.
      if (event.cause?.runId === run.id) continue;
      await this.#guarded(run.flowId, () => this.#resumeByEvent(run, event));
    }
    for (const flow of await this.deps.flows.enabledFor(event.type)) {
      await this.#guarded(flow.id, () => this.#start(flow, event, issueId));
    }
  }

  async #guarded(flowId: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.deps.log.error({ err, flowId }, 'flow run could not be stored or resumed');
    }
  }

  async #start(flow: StartingFlow, event: DomainEvent, issueId: string) {
    const cause = event.cause;
    if (cause?.flows.includes(flow.id)) return;
    // Replayed after a crash (events/outbox.ts): a run stored for this event is not started again.
    if (event.replayed && (await this.deps.runs.ranFor(issueId, flow.id, event))) return;
    const depth = cause?.depth ?? 0;
    const runId = newId('run', this.deps.clock.now().getTime());
    const now = this.deps.clock.now().toISOString();
    const base = {
      id: runId,
      flowId: flow.id,
      flowName: flow.name,
      version: flow.enabledVersion,
      issueId,
      trigger: { event: event.type, at: event.at, ...(cause ? { causedBy: cause } : {}) },
      depth,
      startedAt: now,
      updatedAt: now,
    };
    if (depth >= MAX_DEPTH) {
      await this.deps.runs.insert({
        ...base,
        status: 'skipped',
        endedAt: now,
        durationMs: 0,
        path: [],
        steps: [],
        effects: [],
        error: {
          message: `loop guard: this event is ${depth} flow actions deep (${cause?.flows.join(' → ')}); flows start at most ${MAX_DEPTH} deep`,
        },
      });
      return;
    }
    const doc = await this.deps.flows.version(flow.id, flow.enabledVersion);
    let compiled: CompiledFlow;
    try {
      compiled = this.deps.engine.compiled(doc);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      // A version that cannot run as published (a node kind changed since): a failed run says why.
      await this.deps.runs.insert({
        ...base,
        status: 'failed',
        endedAt: now,
        durationMs: 0,
        path: [],
        steps: [],
        effects: [],
        error: { message: err.detail },
      });
      return;
    }
    const trigger = this.deps.engine.triggers.get(event.type)!;
    const issue = trigger.issue?.(event) ?? (await this.deps.issues.get(issueId));
    const input = this.#input(
      runId,
      compiled,
      issue,
      event.type,
      trigger.payload(event),
      depth,
      {
        flowId: flow.id,
        runId,
        depth: depth + 1,
        flows: [...(cause?.flows ?? []), flow.id],
      },
      this.#traced(flow.tracePercent),
    );
    const exec = await this.deps.engine.executor.start(input);
    if (exec.status === 'filtered') return;
    // merge, not a literal opening with `...base`: V8 takes a slow path for each field after it.
    const run: FlowRun = merge(base, {
      status: exec.status,
      updatedAt: this.deps.clock.now().toISOString(),
      durationMs: exec.durationMs,
      path: exec.path,
      steps: exec.steps,
      effects: exec.effects,
      ...(exec.outcome ? { outcome: exec.outcome } : {}),
      ...(exec.error ? { error: exec.error } : {}),
      ...(exec.waiting ? { waiting: exec.waiting } : {}),
      ...(exec.status === 'completed' || exec.status === 'failed'
        ? { endedAt: this.deps.clock.now().toISOString() }
        : {}),
    });
    await this.deps.runs.insert(run);
    await this.#afterPark(runId, exec);
  }

  /** {@link FlowRuntime.#traced} for a parked run's next segment, at its flow's current share. */
  async #resumeTraced(flowId: string): Promise<boolean> {
    // A flow deleted since the run parked has no setting left: the default decides.
    const percent = await this.deps.flows.tracePercent?.(flowId).catch(() => undefined);
    return this.#traced(percent);
  }

  /** A segment's input; `trace` from {@link FlowRuntime.#traced}. */
  #input(
    runId: string,
    flow: ReturnType<FlowEngine['compiled']>,
    issue: Issue,
    type: string,
    payload: Record<string, unknown>,
    depth: number,
    cause: NonNullable<DomainEvent['cause']>,
    trace: boolean,
  ): RunInput {
    const actor: Actor = { kind: 'system', id: flow.flowId, name: `flow ${flow.name} v${flow.version}` };
    return {
      runId,
      flow,
      issue,
      event: { type, payload },
      source: this.factSource,
      effects: liveEffects(this.deps.issues, actor, cause),
      trace,
      depth,
    };
  }

  async #resumeByEvent(run: FlowRun, event: DomainEvent): Promise<void> {
    const waiting = run.waiting;
    if (!waiting) return;
    const trigger = this.deps.engine.triggers.get(event.type)!;
    const compiled = this.deps.engine.compiled(await this.deps.flows.version(run.flowId, run.version));
    const issue = trigger.issue?.(event) ?? (await this.deps.issues.get(run.issueId));
    const input = this.#input(
      run.id,
      compiled,
      issue,
      event.type,
      trigger.payload(event),
      run.depth,
      {
        flowId: run.flowId,
        runId: run.id,
        depth: (event.cause?.depth ?? 0) + 1,
        flows: [...(event.cause?.flows ?? []), run.flowId],
      },
      await this.#resumeTraced(run.flowId),
    );
    const exec = await this.deps.engine.executor.resume(input, waiting, { by: 'event' }, () =>
      this.deps.runs.claim(run.id, waiting.seq),
    );
    if (!exec) return;
    if (waiting.timerId) await this.deps.timers.cancel(waiting.timerId);
    await this.deps.runs.appendSegment(run.id, exec);
    this.#resumed(run, waiting);
    await this.#afterPark(run.id, exec);
  }

  async #onTimer(timer: Timer): Promise<void> {
    const { runId, seq } = timer.payload as { runId: string; seq: number };
    const run = await this.deps.runs.find(runId);
    const waiting = run?.waiting;
    if (run?.status !== 'waiting' || !waiting || waiting.seq !== seq) return;
    const compiled = this.deps.engine.compiled(await this.deps.flows.version(run.flowId, run.version));
    const issue = await this.deps.issues.get(run.issueId);
    const input = this.#input(
      run.id,
      compiled,
      issue,
      'timer',
      { timerId: timer.id },
      run.depth,
      {
        flowId: run.flowId,
        runId: run.id,
        depth: 1,
        flows: [run.flowId],
      },
      await this.#resumeTraced(run.flowId),
    );
    const exec = await this.deps.engine.executor.resume(
      input,
      waiting,
      { by: 'timer', dueHandle: waiting.dueHandle ?? 'next' },
      () => this.deps.runs.claim(run.id, waiting.seq),
    );
    if (!exec) return;
    await this.deps.runs.appendSegment(run.id, exec);
    this.#resumed(run, waiting);
    await this.#afterPark(run.id, exec);
  }

  /** Says where a parked run waited and since when (analytics measures the waits per node). */
  #resumed(run: FlowRun, waiting: NonNullable<FlowRun['waiting']>): void {
    const at = this.deps.clock.now().toISOString();
    const { id: runId, flowId, issueId } = run;
    this.deps.bus.emit({
      type: 'flow.resumed',
      at,
      issueId,
      runId,
      flowId,
      nodeId: waiting.nodeId,
      since: waiting.since,
    });
  }

  async #afterPark(runId: string, exec: Execution): Promise<void> {
    if (exec.status !== 'waiting' || !exec.waiting?.dueAt) return;
    await this.#arm(runId, exec.waiting.seq, exec.waiting.dueAt);
  }

  async #arm(runId: string, seq: number, dueAt: string): Promise<void> {
    const timer = await this.deps.timers.schedule(
      RESUME_TIMER,
      dueAt,
      { runId, seq },
      { key: `${RESUME_TIMER}:${runId}:${seq}` },
    );
    await this.deps.runs.setTimer(runId, seq, timer.id);
  }
}

export type { TimelineSummary };
