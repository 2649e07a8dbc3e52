/**
 * Walks a compiled flow for one issue: from the trigger (or a parked node being resumed) node by node,
 * following the handle each node takes, until an end node, an output that leads nowhere, a node that
 * parks the run (wait), or an error. A node that throws fails the run with the error in its step;
 * it never escapes to the caller.
 *
 * With `trace` on, each step carries its kind's typed trace (json-rules-engine's condition results
 * with the fact values they saw), a timestamp and a duration. With it off, steps keep only node,
 * kind and handle — the path — and conditions skip building their result trees.
 */
import type {
  Actor,
  EventCause,
  FlowEffect,
  FlowRunWaiting,
  Issue,
  IssueUpdate,
  TraceStep,
} from '@baton/schemas';
import type { Clock } from '../shared/clock.ts';
import type { MaybePromise } from '../shared/maybe-promise.ts';
import { merge } from '../shared/merge.ts';
import type { CompiledFlow, CompiledNode } from './compile.ts';
import type { CompiledCondition, ConditionEngine, ConditionOutcome } from './conditions.ts';
import { applyIssueUpdate, type EffectsBackend } from './effects.ts';
import type { FactSource, RunAlmanac } from './facts.ts';
import type { Effects, NodeContext, NodeResult } from './registry.ts';

/** A run stops after this many steps in one segment; validation already refuses cycles without a wait. */
const MAX_STEPS = 10_000;

/**
 * Node kinds that only decide or change the issue's own fields. Changes made by a run of these are
 * kept on the segment and written as one change when the walk reaches any other kind (an action that
 * reads or changes the issue through another module, a wait, an end) or stops: see
 * {@link Segment.updateIssue}.
 */
const FIELD_ONLY_KINDS: ReadonlySet<string> = new Set(['set', 'condition', 'switch']);

export interface RunInput {
  runId: string;
  flow: CompiledFlow;
  issue: Issue;
  event: { type: string; payload: Record<string, unknown> };
  source: FactSource;
  effects: EffectsBackend;
  trace: boolean;
  depth: number;
  /** Simulation: the handle each named wait node takes instead of parking. */
  waits?: Readonly<Record<string, string | undefined>>;
}

export type ParkState = Omit<FlowRunWaiting, 'timerId'>;

export interface Execution {
  status: 'completed' | 'waiting' | 'failed' | 'filtered';
  path: string[];
  steps: TraceStep[];
  effects: FlowEffect[];
  outcome?: string;
  waiting?: ParkState;
  error?: { nodeId?: string; message: string };
  /** The issue as the run left it. */
  issue: Issue;
  /** Time spent executing, in milliseconds. */
  durationMs: number;
}

export type ResumeBy = { by: 'event' } | { by: 'timer'; dueHandle: string };

type AnyResult = NodeResult<{ kind: string }>;

/**
 * One run segment's shared state: its clock reading, almanac, the issue and the effects so far. It
 * is the segment's `Effects` too. Classes rather than closures: a run creates one segment and one
 * context per step, and per-run closures (named, under the dev/runtime transpiler) showed up as a
 * measurable share of a flow run's CPU.
 */
class Segment implements Effects {
  readonly now: Date;
  readonly state: { issue: Issue; nodeId: string };
  readonly effectsLog: FlowEffect[] = [];
  readonly dryRun: boolean;
  readonly flow: NodeContext<unknown, unknown>['flow'];
  readonly run: NodeContext<unknown, unknown>['run'];
  readonly #almanac: RunAlmanac;
  /** Field changes applied to the run's copy of the issue and not written yet (see updateIssue). */
  #pending: IssueUpdate | null = null;

  constructor(
    readonly input: RunInput,
    readonly conditions: ConditionEngine,
    clock: Clock,
  ) {
    this.now = clock.now();
    this.#almanac = conditions.almanac(
      { issue: input.issue, now: this.now, source: input.source },
      { issue: input.issue, event: { eventType: input.event.type, ...input.event.payload }, now: this.now },
    );
    this.state = { issue: input.issue, nodeId: '' };
    this.dryRun = input.effects.dryRun;
    this.flow = { id: input.flow.flowId, name: input.flow.name, version: input.flow.version };
    this.run = { id: input.runId, trace: input.trace, depth: input.depth };
  }

  /** The context a node runs with; the node becomes the one effects are recorded for. */
  context(node: CompiledNode): NodeContext<unknown, unknown> {
    this.state.nodeId = node.node.id;
    return new StepContext(this, node);
  }

  evaluate(condition: CompiledCondition): MaybePromise<ConditionOutcome> {
    return this.conditions.evaluate(condition, this.#almanac, this.input.trace);
  }

  /**
   * Changes the issue. In a live run, a change of its own fields (not the assignee) is applied to
   * the run's copy at once — the next conditions see it — and written together with the changes
   * after it when the walk leaves the field-only kinds ({@link flush}): the reference flow's
   * classify → set → condition → set chain is one write, one timeline entry and one
   * `issue.updated` event (with every field's change) instead of one per node, and every module
   * that follows issue changes hears it once.
   */
  async updateIssue(patch: IssueUpdate): Promise<Issue> {
    const before = this.state.issue;
    if (this.dryRun || patch.assignee !== undefined) {
      await this.flush();
      const after = await this.input.effects.updateIssue(this.state.issue, patch);
      this.#log(patch, before, after);
      if (after !== before) this.#setIssue(after);
      return after;
    }
    const after = applyIssueUpdate(before, patch, this.now.toISOString());
    this.#pending = { ...this.#pending, ...patch };
    this.#log(patch, before, after);
    if (after !== before) this.#setIssue(after);
    return after;
  }

  /** Whether {@link updateIssue} kept changes that {@link flush} has yet to write. */
  get hasPending(): boolean {
    return this.#pending !== null;
  }

  /** Writes the changes kept by {@link updateIssue} (nothing when there are none). */
  async flush(): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    const stored = await this.input.effects.updateIssue(this.state.issue, pending);
    this.#setIssue(stored);
  }

  #log(patch: IssueUpdate, before: Issue, after: Issue): void {
    this.effectsLog.push({
      nodeId: this.state.nodeId,
      action: 'issue.update',
      applied: !this.dryRun,
      params: patch,
      changes: changesOf(before, after),
    });
  }

  async act<T>(
    action: string,
    params: Record<string, unknown>,
    perform: (actor: Actor, cause: EventCause) => Promise<T>,
    options?: { issue?(result: T): Issue | undefined },
  ): Promise<T | null> {
    // Another module acts on the stored issue: it must see the changes made so far.
    await this.flush();
    const result = this.dryRun ? null : await this.input.effects.perform(perform);
    this.effectsLog.push({ nodeId: this.state.nodeId, action, applied: !this.dryRun, params });
    const after = result === null ? undefined : options?.issue?.(result);
    if (after && after !== this.state.issue) this.#setIssue(after);
    return result;
  }

  #setIssue(issue: Issue): void {
    this.state.issue = issue;
    this.conditions.setIssue(this.#almanac, issue);
  }
}

/** What one node sees while it runs (see NodeContext). */
class StepContext implements NodeContext<unknown, unknown> {
  readonly node: CompiledNode['node'];
  readonly data: unknown;
  readonly prepared: unknown;
  readonly flow: Segment['flow'];
  readonly run: Segment['run'];
  readonly issue: Issue;
  readonly now: Date;
  readonly event: RunInput['event'];
  readonly effects: Effects;
  readonly #segment: Segment;

  constructor(segment: Segment, node: CompiledNode) {
    this.#segment = segment;
    this.node = node.node;
    this.data = node.node.data;
    this.prepared = node.prepared;
    this.flow = segment.flow;
    this.run = segment.run;
    this.issue = segment.state.issue;
    this.now = segment.now;
    this.event = segment.input.event;
    this.effects = segment;
  }

  evaluate(condition: CompiledCondition): MaybePromise<ConditionOutcome> {
    return this.#segment.evaluate(condition);
  }
}

export class FlowExecutor {
  constructor(
    private readonly conditions: ConditionEngine,
    private readonly clock: Clock,
  ) {}

  start(input: RunInput): Promise<Execution> {
    return this.#walk(input, input.flow.trigger, 0, null);
  }

  /**
   * Whether the flow's trigger lets this event start a run, decided untraced and with nothing
   * stored. A runtime that records traces asks first: most events reach a trigger only to be
   * filtered out (every change to every issue reaches the Critical Escalation playbook), and a traced
   * evaluation copies json-rules-engine's whole result tree. A trigger that throws admits, so the
   * walk fails the run with the error in its step, as it would have.
   */
  async admits(input: RunInput): Promise<boolean> {
    const trigger = input.flow.trigger;
    try {
      const ran = trigger.kind.run(this.#segment(merge(input, { trace: false })).context(trigger));
      const result = ran instanceof Promise ? await ran : ran;
      return !('stop' in result);
    } catch {
      return true;
    }
  }

  /**
   * Resumes a run parked at `parked.nodeId`. For an event, the node's kind first decides whether the
   * event ends the wait (null: it does not, the run stays parked). Then `claim` must take the run
   * (false: another event, timer or instance resumed it first) before any node runs.
   */
  async resume(
    input: RunInput,
    parked: { nodeId: string; seq: number },
    how: ResumeBy,
    claim: () => Promise<boolean>,
  ): Promise<Execution | null> {
    const node = input.flow.nodes.get(parked.nodeId);
    if (!node) {
      if (!(await claim())) return null;
      return this.#failed(
        input,
        `node ${parked.nodeId} is not in version ${input.flow.version}`,
        parked.nodeId,
      );
    }
    const segment = this.#segment(input);
    let first: { handle: string; trace: { kind: string } } | null;
    try {
      if (how.by === 'event') {
        first = node.kind.onEvent ? await node.kind.onEvent(segment.context(node)) : null;
      } else {
        first = node.kind.onTimer
          ? node.kind.onTimer(segment.context(node), how.dueHandle)
          : { handle: how.dueHandle, trace: { kind: node.kind.type } };
      }
    } catch (err) {
      if (!(await claim())) return null;
      return this.#failed(input, messageOf(err), node.node.id);
    }
    if (!first || !(await claim())) return null;
    return this.#walk(input, node, parked.seq, first, segment);
  }

  #failed(input: RunInput, message: string, nodeId?: string): Execution {
    return {
      status: 'failed',
      path: [],
      steps: [],
      effects: [],
      error: { ...(nodeId ? { nodeId } : {}), message },
      issue: input.issue,
      durationMs: 0,
    };
  }

  #segment(input: RunInput): Segment {
    return new Segment(input, this.conditions, this.clock);
  }

  async #walk(
    input: RunInput,
    from: CompiledNode,
    seq: number,
    resumed: { handle: string; trace: { kind: string } } | null,
    existing?: Segment,
  ): Promise<Execution> {
    const started = performance.now();
    const segment = existing ?? this.#segment(input);
    const { trace } = input;
    const at = segment.now.toISOString();
    const path: string[] = [];
    const steps: TraceStep[] = [];
    const done = (rest: Omit<Execution, 'path' | 'steps' | 'effects' | 'issue' | 'durationMs'>): Execution =>
      merge(rest, {
        path,
        steps,
        effects: segment.effectsLog,
        issue: segment.state.issue,
        durationMs: performance.now() - started,
      });
    // However the walk ends, the field changes it kept are written first (a failed write fails the run).
    const finish = async (
      rest: Omit<Execution, 'path' | 'steps' | 'effects' | 'issue' | 'durationMs'>,
    ): Promise<Execution> => {
      try {
        if (segment.hasPending) await segment.flush();
      } catch (err) {
        if (rest.status !== 'failed')
          return done({ status: 'failed', error: { nodeId: segment.state.nodeId, message: messageOf(err) } });
      }
      return done(rest);
    };

    let node: CompiledNode = from;
    let pending: AnyResult | null = resumed;
    for (let count = 0; ; count++) {
      const id = node.node.id;
      if (count >= MAX_STEPS) {
        return finish({
          status: 'failed',
          error: { nodeId: id, message: `stopped after ${MAX_STEPS} steps` },
        });
      }
      const t0 = trace ? performance.now() : 0;
      const isResume = pending !== null;
      let result: AnyResult;
      try {
        // Only awaited when there is something to write (a promise and a turn per node otherwise).
        if (pending === null && segment.hasPending && !FIELD_ONLY_KINDS.has(node.node.type))
          await segment.flush();
        if (pending) result = pending;
        else {
          // A kind that answers at once (a condition over the issue) is not awaited: no promise, no turn.
          const ran = node.kind.run(segment.context(node));
          result = ran instanceof Promise ? await ran : ran;
        }
      } catch (err) {
        const message = messageOf(err);
        path.push(id);
        steps.push({
          nodeId: id,
          type: node.node.type,
          at: trace ? this.clock.now().toISOString() : at,
          handle: null,
          error: message,
        });
        return finish({ status: 'failed', error: { nodeId: id, message } });
      }
      pending = null;
      path.push(id);
      let handle: string | null = null;
      if ('handle' in result) handle = result.handle;
      else if ('park' in result) {
        const chosen = input.waits?.[id];
        if (chosen !== undefined) handle = chosen;
      }
      const step: TraceStep = { nodeId: id, type: node.node.type, at, handle };
      if (trace) {
        step.at = this.clock.now().toISOString();
        step.durationUs = Math.round((performance.now() - t0) * 1000);
        step.detail =
          'park' in result && handle !== null ? { ...result.trace, simulated: handle } : result.trace;
      }
      if (isResume) step.resumed = true;
      steps.push(step);

      if ('end' in result) return finish({ status: 'completed', outcome: result.end });
      if ('stop' in result) return finish({ status: 'filtered' });
      if ('park' in result && handle === null) {
        const park = result.park;
        return finish({
          status: 'waiting',
          waiting: {
            nodeId: id,
            since: this.clock.now().toISOString(),
            seq: seq + 1,
            ...(park.dueAt ? { dueAt: park.dueAt, dueHandle: park.dueHandle ?? 'next' } : {}),
            ...(park.event ? { event: park.event, eventHandle: 'event' } : {}),
          },
        });
      }
      const target = node.next.get(handle!);
      if (target === undefined) return finish({ status: 'completed' });
      const next = input.flow.nodes.get(target);
      if (!next)
        return finish({ status: 'failed', error: { nodeId: id, message: `edge to missing node ${target}` } });
      node = next;
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function changesOf(before: Issue, after: Issue): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['status', 'priority', 'queue', 'type', 'tags'] as const) {
    if (before[field] === after[field]) continue; // the same value: nothing to stringify
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      changes[field] = { from: before[field] ?? null, to: after[field] ?? null };
    }
  }
  return changes;
}
