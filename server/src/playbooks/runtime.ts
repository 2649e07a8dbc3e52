/**
 * The playbook runtime: runs published playbooks (flow documents of kind `playbook`) on issues with
 * several workstreams at once. The flow executor walks each workstream (a token) node by node until
 * it parks; this class owns the tokens: a parked `fork` ends its token and starts one per branch, a
 * `join` holds arrivals until every sibling of the fork has arrived or ended, and a step a person
 * settles (or a timer, or a bus event such as `escalation.ended`) resumes the token parked there.
 *
 * One run changes one at a time in this process (a keyed queue on the run id); the run is held in
 * memory while its workstreams execute, so the playbook kinds open steps on it through the host,
 * and it is written back once, under its revision, at the end.
 *
 * Flows of kind `playbook` are not started by the flow runtime; this runtime starts them, on their
 * trigger events (once per issue while a run of the same playbook is active) or by hand.
 */
import type { Actor, EventCause, FlowRunWaiting, Issue, PlaybookRun, PlaybookToken } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import type { CompiledFlow } from '../engine/compile.ts';
import { liveEffects } from '../engine/effects.ts';
import type { FlowEngine } from '../engine/engine.ts';
import type { Execution, ResumeBy, RunInput } from '../engine/executor.ts';
import type { FactSource } from '../engine/facts.ts';
import { outputHandles } from '../engine/registry.ts';
import type { DomainEvent, EventBus } from '../events/bus.ts';
import type { FlowService } from '../flows/service.ts';
import { invalidInput, ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import { HUMAN_KINDS, SETTLED } from './kinds.ts';
import type { LoadedRun, PlaybookRunStore } from './runs.ts';

export const RESUME_TIMER = 'playbook.resume';

/** A run being executed in this process: what the kinds' host reads and changes. */
export interface LiveRun {
  run: LoadedRun;
  compiled: CompiledFlow;
  issue: Issue;
  /** The workstream executing now (its lane labels the steps it opens). */
  token?: PlaybookToken;
  /** The run ended during this change (completed or failed). */
  ended?: boolean;
  /**
   * The flow run this change is the work of, when the event that started or resumed the playbook
   * was caused by one: the playbook's own events (started, step done or missed, ended) carry it on,
   * so the loop guard sees a flow that would start again on them.
   */
  cause?: EventCause | undefined;
}

export interface RuntimeDeps {
  clock: Clock;
  bus: EventBus;
  engine: FlowEngine;
  flows: FlowService;
  issues: IssueService;
  directory: DirectoryService;
  timers: TimerService;
  runs: PlaybookRunStore;
  facts: FactSource;
  log: { error(obj: object, msg: string): void };
}

export interface StartOptions {
  actor: Actor;
  /** The event that started it; none when a person did. */
  event?: DomainEvent;
  question?: string;
  expertAgentId?: string;
}

/** A hook the step module runs when a workstream is resumed by its timer at a step (deadline passed). */
export type DeadlineHook = (live: LiveRun, nodeId: string, handle: string) => Promise<void>;
/** A hook run after a run ended (completed, failed). */
export type EndHook = (live: LiveRun) => Promise<void>;

export class PlaybookRuntime {
  readonly #queue = new KeyedQueue();
  readonly #live = new Map<string, LiveRun>();
  readonly #unsubscribe: Array<() => void> = [];
  #onDeadline: DeadlineHook = async () => {};
  #onEnd: EndHook = async () => {};
  #onStarted: EndHook = async () => {};

  constructor(private readonly deps: RuntimeDeps) {}

  hooks(h: { deadline: DeadlineHook; end: EndHook; started: EndHook }): void {
    this.#onDeadline = h.deadline;
    this.#onEnd = h.end;
    this.#onStarted = h.started;
  }

  /** The run executing in this process, for the kinds' host; null outside a playbook run. */
  live(runId: string): LiveRun | null {
    return this.#live.get(runId) ?? null;
  }

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

  /** Resumes workstreams waiting for this event on its issue, then starts the playbooks it triggers. */
  async handle(event: DomainEvent): Promise<void> {
    const trigger = this.deps.engine.triggers.get(event.type);
    if (!trigger) return;
    const issueId = trigger.issueId(event);
    for (const found of await this.deps.runs.waitingOn(issueId, event.type)) {
      if (event.cause?.runId === found.id) continue;
      await this.#guarded(() =>
        this.withRun(found.id, async (live) => {
          live.cause = event.cause;
          for (const token of live.run.tokens.filter((t) => t.status === 'waiting')) {
            if (token.waiting?.event !== event.type) continue;
            const payload = trigger.payload(event);
            await this.resumeToken(live, token, { type: event.type, payload }, { by: 'event' });
          }
        }),
      );
    }
    if (event.type === 'playbook.requested') return;
    for (const flow of await this.deps.flows.enabledFor(event.type, 'playbook')) {
      if (event.cause?.flows.includes(flow.id)) continue;
      await this.#guarded(() =>
        this.startRun(flow.id, issueId, { actor: { kind: 'system', name: event.type }, event }),
      );
    }
  }

  async #guarded(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.deps.log.error({ err }, 'playbook run could not be started or resumed');
    }
  }

  /**
   * Starts a playbook on an issue. From an event, the trigger's filter decides (null: it did not
   * match) and a playbook already active on the issue is not started twice; by hand, the filter is
   * skipped and a second active run is a conflict.
   */
  async startRun(flowId: string, issueId: string, options: StartOptions): Promise<PlaybookRun | null> {
    const { flows, engine, issues, clock, directory } = this.deps;
    const manual = !options.event;
    // The cached metadata, not the API record (which reads the flow's last run): every issue event
    // reaches here for each enabled playbook, most of them to be filtered out by the trigger.
    const record = await flows.meta(flowId);
    if (record.kind !== 'playbook')
      throw invalidInput('/playbookId', `${record.name} is a flow, not a playbook`);
    const version = record.enabled ? record.enabledVersion : record.latestVersion;
    if (!version)
      throw new ProblemError('conflict', `${record.name} has no published version; publish it first`);
    // The issue as the event carries it (as the flow runtime does), else as stored.
    const carried = options.event
      ? engine.triggers.get(options.event.type)?.issue?.(options.event)
      : undefined;
    const issue = carried ?? (await issues.get(issueId));
    const doc = await flows.version(flowId, version);
    const compiled = engine.compiled(doc);
    const id = newId('pbr', clock.now().getTime());
    // From an event, the trigger's filter first: most events are not for this playbook, and that
    // needs neither the store nor a traced walk.
    if (options.event) {
      const probe = { run: { id, flowId, flowName: record.name }, compiled, issue };
      if (!(await engine.executor.admits(this.#input(probe, this.#eventOf(options.event))))) return null;
    }
    const active = (await this.deps.runs.active(issueId)).find((r) => r.flowId === flowId);
    if (active) {
      if (manual) throw new ProblemError('conflict', `${record.name} is already running on this issue`);
      return null;
    }
    const now = clock.now().toISOString();
    const participants: PlaybookRun['participants'] = {};
    if (options.expertAgentId) {
      const expert = await directory.findAgent(options.expertAgentId);
      if (!expert) throw invalidInput('/expertAgentId', `no agent ${options.expertAgentId} exists`);
      participants.expert = { agentId: expert.id, name: expert.name };
    }
    const event = options.event;
    if (event && 'handoff' in event) {
      participants.handoffId = event.handoff.id;
      const to = event.handoff.to.agentId ? await directory.findAgent(event.handoff.to.agentId) : null;
      if (to) participants.receiver = { agentId: to.id, name: to.name };
    }
    const run = {
      id,
      flowId,
      flowName: record.name,
      version,
      issueId,
      status: 'active',
      startedBy: options.actor,
      ...(event ? { trigger: event.type } : {}),
      ...(options.question ? { question: options.question } : {}),
      participants,
      tokens: [],
      steps: [],
      startedAt: now,
      updatedAt: now,
      rev: 0,
    } satisfies LoadedRun as LoadedRun;
    return this.#queue.run(id, async () => {
      const live: LiveRun = { run, compiled, issue, cause: event?.cause };
      this.#live.set(id, live);
      try {
        const token = this.#token(run, []);
        const input = this.#input(
          live,
          event ? this.#eventOf(event) : { type: 'playbook.requested', payload: {} },
        );
        const exec = manual
          ? await engine.executor.resume(
              input,
              { nodeId: compiled.trigger.node.id, seq: 0 },
              { by: 'timer', dueHandle: 'next' },
              async () => true,
            )
          : await engine.executor.start(input);
        if (!exec || exec.status === 'filtered') return null;
        await this.#settle(live, token, exec);
        live.run = await this.deps.runs.insert(live.run);
        await this.#onStarted(live);
        this.deps.bus.emit(
          {
            type: 'playbook.started',
            at: now,
            issueId,
            runId: id,
            flowId,
            flowName: record.name,
            manual,
          },
          live.cause,
        );
        await this.#afterChange(live);
        return live.run;
      } finally {
        this.#live.delete(id);
      }
    });
  }

  /** Runs `fn` on the run, one change at a time per run, and writes it back. */
  async withRun<T>(runId: string, fn: (live: LiveRun) => Promise<T>): Promise<{ run: LoadedRun; result: T }> {
    return this.#queue.run(runId, async () => {
      const run = await this.deps.runs.get(runId);
      const compiled = this.deps.engine.compiled(await this.deps.flows.version(run.flowId, run.version));
      const live: LiveRun = { run, compiled, issue: await this.deps.issues.get(run.issueId) };
      this.#live.set(runId, live);
      try {
        const result = await fn(live);
        live.run.updatedAt = this.deps.clock.now().toISOString();
        live.run = await this.deps.runs.save(live.run);
        await this.#afterChange(live);
        return { run: live.run, result };
      } finally {
        this.#live.delete(runId);
      }
    });
  }

  /** Delivers a step's outcome to the workstream parked at its node. */
  async settleStep(live: LiveRun, nodeId: string, status: string): Promise<void> {
    const token = live.run.tokens.find((t) => t.status === 'waiting' && t.waiting?.nodeId === nodeId);
    if (!token) return;
    await this.resumeToken(
      live,
      token,
      { type: SETTLED, payload: { runId: live.run.id, nodeId, status } },
      { by: 'event' },
    );
  }

  async resumeToken(
    live: LiveRun,
    token: PlaybookToken,
    event: RunInput['event'],
    how: ResumeBy,
  ): Promise<void> {
    const waiting = token.waiting;
    if (!waiting) return;
    const input = this.#input(live, event);
    live.token = token;
    const exec = await this.deps.engine.executor.resume(input, waiting, how, async () => true);
    if (!exec) return;
    if (waiting.timerId) await this.deps.timers.cancel(waiting.timerId);
    delete token.waiting;
    await this.#settle(live, token, exec);
  }

  #token(run: PlaybookRun, groups: string[], lane?: string): PlaybookToken {
    const token: PlaybookToken = {
      id: `t${run.tokens.length + 1}`,
      status: 'running',
      groups,
      ...(lane ? { lane } : {}),
    };
    run.tokens.push(token);
    return token;
  }

  #eventOf(event: DomainEvent): RunInput['event'] {
    const trigger = this.deps.engine.triggers.get(event.type);
    return { type: event.type, payload: trigger ? trigger.payload(event) : {} };
  }

  #input(
    live: Pick<LiveRun, 'compiled' | 'issue'> & { run: Pick<LoadedRun, 'id' | 'flowId' | 'flowName'> },
    event: RunInput['event'],
  ): RunInput {
    const { run, compiled } = live;
    const actor: Actor = { kind: 'system', id: run.flowId, name: `playbook ${run.flowName}` };
    const cause = { flowId: run.flowId, runId: run.id, depth: 1, flows: [run.flowId] };
    return {
      runId: run.id,
      flow: compiled,
      issue: live.issue,
      event,
      source: this.deps.facts,
      effects: liveEffects(this.deps.issues, actor, cause),
      trace: true,
      depth: 1,
    };
  }

  /**
   * Applies what a workstream's walk ended with, and keeps going while forks and joins release more
   * workstreams. Steps the walk passed that are automatic are recorded on the run.
   */
  async #settle(live: LiveRun, first: PlaybookToken, firstExec: Execution): Promise<void> {
    const { run, compiled } = live;
    const work: Array<[PlaybookToken, Execution]> = [[first, firstExec]];
    while (work.length) {
      const [token, exec] = work.shift()!;
      live.issue = exec.issue;
      this.#recordAutomatic(live, token, exec);
      if (exec.status === 'failed') {
        token.status = 'failed';
        run.status = 'failed';
        run.error = `${exec.error?.nodeId ? `${this.#title(live, exec.error.nodeId)}: ` : ''}${exec.error?.message ?? 'failed'}`;
        continue;
      }
      if (exec.status !== 'waiting' || !exec.waiting) {
        token.status = 'ended';
        work.push(...(await this.#join(live, token)));
        continue;
      }
      const parked = compiled.nodes.get(exec.waiting.nodeId)!;
      const type = parked.kind.type;
      if (type === 'fork') {
        token.status = 'forked';
        const group = `${parked.node.id}@${run.tokens.length}`;
        const branches =
          (parked.node.data as { branches?: Array<{ id: string; label: string }> }).branches ?? [];
        for (const handle of outputHandles(parked.kind, parked.node.data)) {
          const lane = branches.find((b) => b.id === handle)?.label ?? handle;
          const child = this.#token(run, [...token.groups, group], lane);
          live.token = child;
          const resumed = await this.deps.engine.executor.resume(
            this.#input(live, { type: 'playbook.fork', payload: { branch: handle } }),
            exec.waiting,
            { by: 'timer', dueHandle: handle },
            async () => true,
          );
          if (resumed) work.push([child, resumed]);
        }
        continue;
      }
      token.waiting = exec.waiting;
      if (type === 'join') {
        token.status = 'joined';
        work.push(...(await this.#join(live, token)));
        continue;
      }
      token.status = 'waiting';
      if (exec.waiting.dueAt) await this.#arm(run, token, exec.waiting);
    }
    const open = run.tokens.some(
      (t) => t.status === 'running' || t.status === 'waiting' || t.status === 'joined',
    );
    if (run.status === 'active' && !open) {
      run.status = 'completed';
      run.endedAt = this.deps.clock.now().toISOString();
      live.ended = true;
    } else if (run.status === 'failed' && !run.endedAt) {
      run.endedAt = this.deps.clock.now().toISOString();
      live.ended = true;
      for (const t of run.tokens) if (t.status === 'waiting' || t.status === 'joined') t.status = 'ended';
    }
  }

  /**
   * A workstream arrived at a join (or ended): when no sibling of its fork is still going, the
   * workstreams merge into one that leaves the join.
   */
  async #join(live: LiveRun, token: PlaybookToken): Promise<Array<[PlaybookToken, Execution]>> {
    const group = token.groups.at(-1);
    if (!group) return [];
    const depth = token.groups.length - 1;
    const family = live.run.tokens.filter((t) => t.groups[depth] === group);
    const going = family.some(
      (t) =>
        t.status === 'running' ||
        t.status === 'waiting' ||
        (t.status === 'joined' && t.groups.length > depth + 1),
    );
    const arrived = family.filter((t) => t.status === 'joined' && t.groups.length === depth + 1);
    if (going || !arrived.length) return [];
    const at = arrived[0]!.waiting!;
    for (const t of arrived) {
      t.status = 'ended';
      delete t.waiting;
    }
    const merged = this.#token(live.run, token.groups.slice(0, -1));
    live.token = merged;
    const exec = await this.deps.engine.executor.resume(
      this.#input(live, { type: 'playbook.join', payload: {} }),
      at,
      { by: 'timer', dueHandle: 'next' },
      async () => true,
    );
    return exec ? [[merged, exec]] : [];
  }

  /** Automatic steps the walk passed (summary, war room, notify, escalate, …) with what they did. */
  #recordAutomatic(live: LiveRun, token: PlaybookToken, exec: Execution): void {
    const skip = new Set(['trigger', 'condition', 'switch', 'fork', 'join', 'end', 'wait']);
    const recorded: PlaybookRun['steps'] = [];
    for (const step of exec.steps) {
      if (skip.has(step.type) || HUMAN_KINDS.has(step.type) || step.resumed) continue;
      recorded.push({
        id: `${step.nodeId}~${live.run.steps.length + 1}`,
        nodeId: step.nodeId,
        type: step.type,
        title: this.#title(live, step.nodeId),
        automatic: true,
        ...(token.lane ? { lane: token.lane } : {}),
        status: 'done',
        startedAt: step.at,
        doneAt: step.at,
        output: describeTrace(step.detail as Record<string, unknown> | undefined, step.handle),
      });
    }
    // The walk ran them before the step it parked at, which opened its record while it ran.
    const parkedAt = (exec.steps.at(-1)?.detail as { stepId?: string } | undefined)?.stepId;
    const at = parkedAt ? live.run.steps.findIndex((s) => s.id === parkedAt) : -1;
    if (at >= 0) live.run.steps.splice(at, 0, ...recorded);
    else live.run.steps.push(...recorded);
  }

  #title(live: LiveRun, nodeId: string): string {
    const node = live.compiled.nodes.get(nodeId);
    const data = node?.node.data as { title?: string } | undefined;
    return node?.node.label ?? data?.title ?? node?.kind.title ?? nodeId;
  }

  async #arm(run: PlaybookRun, token: PlaybookToken, waiting: FlowRunWaiting): Promise<void> {
    const timer = await this.deps.timers.schedule(
      RESUME_TIMER,
      waiting.dueAt!,
      { runId: run.id, tokenId: token.id, seq: waiting.seq },
      { key: `${RESUME_TIMER}:${run.id}:${token.id}:${waiting.seq}` },
    );
    waiting.timerId = timer.id;
  }

  async #onTimer(timer: Timer): Promise<void> {
    const { runId, tokenId, seq } = timer.payload as { runId: string; tokenId: string; seq: number };
    await this.withRun(runId, async (live) => {
      const token = live.run.tokens.find((t) => t.id === tokenId);
      const waiting = token?.waiting;
      if (live.run.status !== 'active' || !token || token.status !== 'waiting' || waiting?.seq !== seq)
        return;
      const handle = waiting.dueHandle ?? 'next';
      const node = live.compiled.nodes.get(waiting.nodeId);
      if (node && HUMAN_KINDS.has(node.kind.type)) await this.#onDeadline(live, waiting.nodeId, handle);
      delete waiting.timerId;
      await this.resumeToken(
        live,
        token,
        { type: 'timer', payload: { timerId: timer.id } },
        { by: 'timer', dueHandle: handle },
      );
    });
  }

  async #afterChange(live: LiveRun): Promise<void> {
    const { run } = live;
    if (!live.ended || run.status === 'active' || !run.endedAt) return;
    await this.#onEnd(live);
    this.deps.bus.emit(
      {
        type: 'playbook.ended',
        at: run.endedAt,
        issueId: run.issueId,
        runId: run.id,
        flowId: run.flowId,
        flowName: run.flowName,
        status: run.status,
      },
      live.cause,
    );
  }
}

/** An automatic step's trace in a person's words. */
function describeTrace(detail: Record<string, unknown> | undefined, handle: string | null): string[] {
  if (!detail) return handle ? [`took “${handle}”`] : [];
  switch (detail.kind) {
    case 'summarize':
      return (detail.summary as string[] | undefined) ?? [];
    case 'expert-search': {
      const expert = detail.expert as { name: string; score: number } | undefined;
      if (expert && detail.considered === 0) return [`${expert.name}, named when the playbook started`];
      return expert
        ? [
            `${expert.name} is the expert (best of ${detail.considered}, score ${Math.round(expert.score * 100)}/100)`,
          ]
        : ['Nobody available right now'];
    }
    case 'war-room': {
      const people = (detail.people as string[] | undefined) ?? [];
      return people.length ? [`Pulled in ${people.join(', ')}`] : ['Nobody to pull in'];
    }
    case 'notify': {
      const sent = (detail.notifications as unknown[] | undefined)?.length ?? 0;
      return [
        sent
          ? `${sent} notification${sent === 1 ? '' : 's'} queued`
          : String(detail.error ?? 'Nobody to tell'),
      ];
    }
    case 'escalate':
      return [`Escalation ${detail.outcome ?? 'started'}`];
    case 'set':
      return Object.entries((detail.changes as Record<string, { to: unknown }>) ?? {}).map(
        ([field, c]) => `${field} set to ${String(c.to)}`,
      );
    default:
      return handle ? [`took “${handle}”`] : [];
  }
}
