/**
 * Playbook runs and their steps: what people do on them (check items, attach evidence, mark done,
 * answer a consultation, confirm a receipt, the customer's satisfaction answer), what windows do
 * (a task or receipt past its window is recorded as missed and escalates — the step's own path, or
 * the standard one: tell its people, then the queue's on-call after 10 minutes — and can still be
 * done), and the host the playbook node kinds open steps through.
 *
 * Every step done or missed is a `system_event` on the issue's timeline and a
 * `playbook.step.completed` / `playbook.step.missed` bus event carrying the time taken against the
 * window; the same numbers stay on the step record (durationMs, windowMs, missed) for analytics.
 * A consultation never changes the issue's owner: nothing here updates the assignee.
 */
import { randomBytes } from 'node:crypto';
import type {
  Actor,
  EscalationStep,
  ExpertCandidate,
  FlowRecord,
  Issue,
  PlaybookAssignee,
  PlaybookPerson,
  PlaybookRole,
  PlaybookRun,
  PlaybookSimulate,
  PlaybookStart,
  PlaybookStep,
  PlaybookStepAction,
} from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { DirectoryService } from '../directory/service.ts';
import { durationMs } from '../engine/duration.ts';
import type { NodeKindRegistry } from '../engine/registry.ts';
import type { EscalationService } from '../escalation/service.ts';
import type { EventBus } from '../events/bus.ts';
import type { FlowService } from '../flows/service.ts';
import { invalidInput, notFound, ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import { actorOf } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { NotifyService } from '../notify/service.ts';
import type { Clock } from '../shared/clock.ts';
import type { Timer, TimerService } from '../timers/service.ts';
import { formatDuration } from './format.ts';
import type { PlaybookHost, StepSpec } from './host.ts';
import { type PlaybookRoles, ROLE_NAMES } from './roles.ts';
import { type LoadedRun, type PlaybookRunStore, publicRun } from './runs.ts';
import type { LiveRun, PlaybookRuntime } from './runtime.ts';
import { type PlaybookSimulation, simulatePlaybook } from './simulate.ts';

export const WINDOW_TIMER = 'playbook.window';
/** What started a run, in the timeline's words. */
const TRIGGER_WORDS: Record<string, string> = {
  'issue.created': 'a new issue',
  'issue.updated': 'a change to the issue',
  'sla.breached': 'an SLA breach',
  'handoff.offered': 'a handoff',
};
const PLAYBOOKS: Actor = { kind: 'system', name: 'playbook' };

export interface PlaybookServiceDeps {
  clock: Clock;
  bus: EventBus;
  flows: FlowService;
  issues: IssueService;
  timeline: TimelineService;
  directory: DirectoryService;
  timers: TimerService;
  escalations: EscalationService;
  runs: PlaybookRunStore;
  roles: PlaybookRoles;
  runtime: PlaybookRuntime;
  kinds: NodeKindRegistry;
  rankExperts(issueId: string): Promise<ExpertCandidate[]>;
  /** The outbox, for the war room's and the satisfaction check's messages. */
  notify?: NotifyService;
  publicUrl(): string;
}

/** A playbook people can start: a published flow of kind playbook. */
export interface PlaybookSummary {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  version: number;
  triggers: string[];
}

export class PlaybookService implements PlaybookHost {
  constructor(private readonly deps: PlaybookServiceDeps) {
    deps.runtime.hooks({
      deadline: (live, nodeId, handle) => this.#deadline(live, nodeId, handle),
      end: (live) => this.#ended(live),
      started: (live) => this.#started(live),
    });
  }

  async init(): Promise<void> {
    await this.deps.runs.init();
    this.deps.timers.handle(WINDOW_TIMER, (timer) => this.#onWindow(timer));
  }

  // ── Playbooks and runs ────────────────────────────────────────────────────────────────────────

  async list(): Promise<PlaybookSummary[]> {
    const out: PlaybookSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.flows.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      for (const flow of page.items)
        if (flow.kind === 'playbook' && flow.latestVersion > 0) out.push(summary(flow));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Walks a playbook (its draft or a version) through its windows on a simulated clock. */
  async simulate(flowId: string, body: PlaybookSimulate): Promise<PlaybookSimulation> {
    const version = body.version ?? 0;
    const doc = await this.deps.flows.document(flowId, version);
    if (version === 0) {
      const report = this.deps.flows.validate(doc);
      if (!report.valid) {
        throw new ProblemError(
          'unprocessable',
          `the draft has ${report.errors.length} error(s): ${report.errors.map((e) => e.message).join('; ')}`,
          report.errors.map((e) => ({ pointer: e.pointer, detail: e.message })),
        );
      }
    }
    return simulatePlaybook(doc, this.deps.kinds, {
      ...(body.late ? { late: body.late } : {}),
      ...(body.outcomes ? { outcomes: body.outcomes as Record<string, string> } : {}),
    });
  }

  async start(issueId: string, body: PlaybookStart, principal: Principal): Promise<PlaybookRun> {
    await this.deps.issues.get(issueId);
    const flow = await this.deps.flows.get(body.playbookId).catch(() => {
      throw invalidInput('/playbookId', `no playbook ${body.playbookId} exists`);
    });
    this.deps.bus.emit({
      type: 'playbook.requested',
      at: this.deps.clock.now().toISOString(),
      issueId,
      flowId: flow.id,
      flowName: flow.name,
    });
    const run = await this.deps.runtime.startRun(flow.id, issueId, {
      actor: actorOf(principal),
      ...(body.question ? { question: body.question } : {}),
      ...(body.expertAgentId ? { expertAgentId: body.expertAgentId } : {}),
    });
    if (!run) throw new ProblemError('conflict', `${flow.name} did not start`);
    return publicRun(run);
  }

  /** The issue's runs, active ones first, newest first within each. */
  async forIssue(issueId: string): Promise<PlaybookRun[]> {
    const issue = await this.deps.issues.get(issueId);
    const runs = await this.deps.runs.forIssue(issueId);
    for (const run of runs) await this.#refresh(run, issue);
    return runs.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active')).map(publicRun);
  }

  async get(runId: string): Promise<PlaybookRun> {
    const run = await this.deps.runs.get(runId);
    await this.#refresh(run, await this.deps.issues.get(run.issueId));
    return publicRun(run);
  }

  /**
   * Who an open step is for follows the issue: the owner is whoever owns it now (a critical issue's
   * playbook may start before routing assigns it), the receiver whoever took the handoff.
   */
  async #refresh(run: PlaybookRun, issue: Issue): Promise<void> {
    if (run.status !== 'active') return;
    for (const step of run.steps) {
      if (step.status !== 'open' || step.automatic || !step.role) continue;
      if (step.role !== 'owner' && step.role !== 'receiver') continue;
      step.assignees = await this.deps.roles.resolve(step.role, run, issue);
    }
  }

  /** What a person does on a step; refused unless they are its people (or an admin). */
  async act(
    runId: string,
    stepId: string,
    action: PlaybookStepAction,
    principal: Principal,
  ): Promise<PlaybookRun> {
    const actor = actorOf(principal);
    const { run } = await this.deps.runtime.withRun(runId, async (live) => {
      const step = live.run.steps.find((s) => s.id === stepId);
      if (!step) throw notFound('step', stepId);
      if (live.run.status !== 'active')
        throw new ProblemError('conflict', `this playbook run is ${live.run.status}`);
      if (step.status !== 'open')
        throw new ProblemError('conflict', `“${step.title}” is already ${step.status}`);
      await this.#refresh(live.run, live.issue);
      await this.deps.roles.authorize(principal, step);
      const now = this.deps.clock.now().toISOString();
      switch (action.action) {
        case 'check': {
          if (step.type !== 'task') throw invalidInput('/action', `“${step.title}” has no checklist`);
          const item = step.items?.find((i) => i.id === action.itemId);
          if (!item) throw invalidInput('/itemId', `“${step.title}” has no item ${action.itemId}`);
          item.done = action.done;
          if (action.done) Object.assign(item, { doneAt: now, doneBy: actor });
          else {
            delete item.doneAt;
            delete item.doneBy;
          }
          return;
        }
        case 'evidence': {
          if (step.evidenceRule === 'none')
            throw invalidInput('/action', `“${step.title}” takes no evidence`);
          step.evidence = [
            ...(step.evidence ?? []),
            {
              id: `ev${(step.evidence?.length ?? 0) + 1}`,
              at: now,
              by: actor,
              text: action.text,
              ...(action.url ? { url: action.url } : {}),
            },
          ];
          return;
        }
        case 'done': {
          if (step.type !== 'task')
            throw invalidInput('/action', `“${step.title}” is settled by its own answer`);
          const open = (step.items ?? []).filter((i) => !i.done);
          if (open.length)
            throw invalidInput('/action', `check these first: ${open.map((i) => i.text).join('; ')}`);
          if (step.evidenceRule === 'required' && !step.evidence?.length)
            throw invalidInput('/action', `“${step.title}” needs evidence attached before it is done`);
          await this.#complete(live, step, 'done', actor);
          return;
        }
        case 'answer': {
          if (step.type !== 'consult') throw invalidInput('/action', `“${step.title}” is not a consultation`);
          step.consultation = {
            ...step.consultation!,
            answer: action.answer,
            answeredAt: now,
            answeredBy: actor,
          };
          await this.#complete(live, step, 'answered', actor);
          return;
        }
        case 'receipt': {
          if (step.type !== 'receipt') throw invalidInput('/action', `“${step.title}” is not a receipt`);
          if (!action.confirmed && !action.reason)
            throw invalidInput('/reason', 'say what is missing from the brief');
          step.receipt = { ...(step.receipt ?? {}), ...(action.reason ? { reason: action.reason } : {}) };
          await this.#complete(live, step, action.confirmed ? 'confirmed' : 'refused', actor);
          return;
        }
      }
    });
    return publicRun(run);
  }

  /** The customer's answer from the link in their status update. */
  async answerSatisfaction(
    token: string,
    satisfied: boolean,
    comment?: string,
  ): Promise<PlaybookStep | null> {
    const found = await this.deps.runs.bySatisfactionToken(token);
    if (!found) return null;
    const { result } = await this.deps.runtime.withRun(found.id, async (live) => {
      const step = live.run.steps.find((s) => s.satisfaction?.token === token)!;
      if (step.status !== 'open') return step;
      step.satisfaction = {
        ...step.satisfaction!,
        answeredAt: this.deps.clock.now().toISOString(),
        ...(comment ? { comment } : {}),
      };
      const customer: Actor = { kind: 'customer', id: live.issue.customerId };
      await this.#complete(live, step, satisfied ? 'satisfied' : 'unsatisfied', customer);
      return step;
    });
    return result;
  }

  async satisfactionStep(token: string): Promise<{ step: PlaybookStep; issue: Issue } | null> {
    const found = await this.deps.runs.bySatisfactionToken(token);
    const step = found?.steps.find((s) => s.satisfaction?.token === token);
    return found && step ? { step, issue: await this.deps.issues.get(found.issueId) } : null;
  }

  // ── The host the kinds open steps through ─────────────────────────────────────────────────────

  #live(runId: string): LiveRun {
    const live = this.deps.runtime.live(runId);
    if (!live) throw new Error('this step runs only in a playbook (publish the flow as kind “playbook”)');
    return live;
  }

  async openStep(runId: string, nodeId: string, spec: StepSpec): Promise<PlaybookStep> {
    const live = this.#live(runId);
    const { run } = live;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const seen = run.steps.filter((s) => s.nodeId === nodeId).length;
    const id = seen ? `${nodeId}~${seen + 1}` : nodeId;
    let dueAt = spec.dueAt;
    if (spec.window) {
      const base = spec.window.from === 'playbook' ? Date.parse(run.startedAt) : now.getTime();
      dueAt = new Date(base + durationMs(spec.window.within)).toISOString();
    }
    const assignees = spec.role ? await this.deps.roles.resolve(spec.role, run, live.issue) : [];
    const step: PlaybookStep = {
      id,
      nodeId,
      type: spec.type,
      title: spec.title,
      automatic: false,
      ...(live.token?.lane ? { lane: live.token.lane } : {}),
      ...(spec.role ? { role: spec.role } : {}),
      assignees,
      ...(spec.instructions ? { instructions: spec.instructions } : {}),
      status: 'open',
      startedAt: at,
      ...(dueAt ? { dueAt, windowMs: Math.max(0, Date.parse(dueAt) - now.getTime()) } : {}),
      ...(spec.type === 'task' ? { evidenceRule: spec.evidence ?? 'optional' } : {}),
      ...(spec.items ? { items: spec.items.map((i) => ({ id: i.id, text: i.text, done: false })) } : {}),
      evidence: [],
    };
    if (spec.type === 'consult') {
      const question = spec.question ?? run.question ?? 'What do you recommend?';
      step.consultation = {
        question,
        ...(run.participants.expert ? { expert: run.participants.expert } : {}),
      };
    }
    if (spec.type === 'receipt' && run.participants.handoffId)
      step.receipt = { handoffId: run.participants.handoffId };
    if (spec.type === 'satisfaction') {
      const token = randomBytes(32).toString('base64url');
      const link = `${this.deps.publicUrl()}/satisfaction/${token}`;
      step.satisfaction = { question: spec.question ?? 'Are you satisfied?', token, link };
      step.output = [await this.#askCustomer(live, step, link)];
    }
    run.steps.push(step);
    // A task's or receipt's window does not move the workstream: it marks the step missed and escalates.
    if (dueAt && (spec.type === 'task' || spec.type === 'receipt')) {
      await this.deps.timers.schedule(
        WINDOW_TIMER,
        dueAt,
        { runId, stepId: id },
        { key: `${WINDOW_TIMER}:${runId}:${id}` },
      );
    }
    return step;
  }

  currentExpert(runId: string): PlaybookPerson | null {
    return this.deps.runtime.live(runId)?.run.participants.expert ?? null;
  }

  async setExpert(runId: string, expert: PlaybookPerson): Promise<void> {
    this.#live(runId).run.participants.expert = expert;
  }

  async openWarRoom(
    runId: string,
    nodeId: string,
    roles: PlaybookRole[],
    message?: string,
  ): Promise<string[]> {
    const live = this.#live(runId);
    const people: PlaybookAssignee[] = [];
    for (const role of roles) {
      for (const p of await this.deps.roles.resolve(role, live.run, live.issue)) {
        if (!people.some((q) => q.kind === p.kind && q.id === p.id)) people.push(p);
      }
    }
    live.run.warRoom = { openedAt: this.deps.clock.now().toISOString(), people };
    const agents = new Set<string>();
    for (const p of people) {
      if (p.kind === 'agent') agents.add(p.id);
      else for (const a of await this.deps.directory.allAgents([p.id])) agents.add(a.id);
    }
    const notify = this.deps.notify;
    if (notify) {
      for (const agentId of agents) {
        await notify
          .send({
            to: { kind: 'agent', id: agentId },
            issueId: live.issue.id,
            template: {
              subject: `War room: {{ issue.subject }}`,
              text: `${message ?? 'You are pulled into the war room of a critical issue.'} {{ issue.subject }} — {{ links.issue }}`,
            },
            idempotencyKey: `playbook:${runId}:${nodeId}:${agentId}`,
            source: { kind: 'flow', flowId: live.run.flowId, runId, nodeId },
          })
          .catch(() => undefined);
      }
    }
    return people.map((p) => p.name);
  }

  async rankExperts(issue: Issue): Promise<ExpertCandidate[]> {
    return this.deps.rankExperts(issue.id);
  }

  // ── Settling, deadlines, windows ──────────────────────────────────────────────────────────────

  async #complete(
    live: LiveRun,
    step: PlaybookStep,
    status: PlaybookStep['status'],
    actor: Actor,
  ): Promise<void> {
    const now = this.deps.clock.now();
    step.status = status;
    step.doneAt = now.toISOString();
    step.doneBy = actor;
    step.durationMs = Math.max(0, now.getTime() - Date.parse(step.startedAt));
    await this.deps.timers.cancel(`${WINDOW_TIMER}:${live.run.id}:${step.id}`);
    if (step.escalationId) {
      await this.deps.escalations.acknowledge(step.escalationId, actor).catch(() => undefined);
    }
    const took = formatDuration(step.durationMs);
    const window =
      step.windowMs !== undefined
        ? ` (window ${formatDuration(step.windowMs)}${step.missed ? ', missed' : ''})`
        : '';
    const verb = status === 'done' ? 'done' : status;
    const answer = step.consultation?.answer;
    if (answer) {
      // The answer is worth reading where the conversation is, not only in the panel.
      const text = `${live.run.flowName}: ${actor.name ?? 'the expert'} answered “${step.consultation!.question}” after ${took}: ${answer}`;
      await this.#note(live.run, actor, 'playbook.step.answered', text.slice(0, 2000), step);
      this.#emitStep(live, 'playbook.step.completed', step, step.durationMs);
      await this.deps.runtime.settleStep(live, step.nodeId, status);
      return;
    }
    await this.#note(
      live.run,
      actor,
      `playbook.step.${status}`,
      `${live.run.flowName}: “${step.title}” ${verb} by ${actor.name ?? 'the customer'} after ${took}${window}`,
      step,
    );
    this.#emitStep(live, 'playbook.step.completed', step, step.durationMs);
    await this.deps.runtime.settleStep(live, step.nodeId, status);
  }

  /** A consultation's or satisfaction check's deadline passed: the step closes unanswered. */
  async #deadline(live: LiveRun, nodeId: string, handle: string): Promise<void> {
    const step = live.run.steps.findLast((s) => s.nodeId === nodeId && s.status === 'open');
    if (!step) return;
    const now = this.deps.clock.now();
    step.status = handle === 'no-answer' ? 'no-answer' : 'unanswered';
    step.missed = true;
    step.missedAt = now.toISOString();
    step.durationMs = Math.max(0, now.getTime() - Date.parse(step.startedAt));
    const text =
      step.type === 'consult'
        ? `${live.run.flowName}: the expert did not answer within ${formatDuration(step.windowMs ?? 0)}; the owner keeps the issue`
        : `${live.run.flowName}: the customer did not answer the satisfaction check within ${formatDuration(step.windowMs ?? 0)}`;
    await this.#note(live.run, PLAYBOOKS, `playbook.step.${step.status}`, text, step);
    this.#emitStep(live, 'playbook.step.missed', step, step.durationMs);
  }

  async #onWindow(timer: Timer): Promise<void> {
    const { runId, stepId } = timer.payload as { runId: string; stepId: string };
    await this.deps.runtime.withRun(runId, async (live) => {
      const step = live.run.steps.find((s) => s.id === stepId);
      if (live.run.status !== 'active' || step?.status !== 'open' || step.missed) return;
      const now = this.deps.clock.now().toISOString();
      step.missed = true;
      step.missedAt = now;
      const node = live.compiled.nodes.get(step.nodeId);
      const own = (node?.node.data as { escalation?: EscalationStep[] } | undefined)?.escalation;
      const who = step.assignees?.length
        ? step.assignees.map((a) => a.name).join(', ')
        : ROLE_NAMES[step.role ?? 'owner'];
      const message = `${live.run.flowName}: “${step.title}” is past its ${formatDuration(step.windowMs ?? 0)} window (${who})`;
      const escalation = await this.deps.escalations.start(
        live.issue.id,
        { name: `${step.title} — window missed`, steps: own ?? standardEscalation(step, message) },
        { kind: 'system', id: live.run.flowId, name: `playbook ${live.run.flowName}` },
      );
      step.escalationId = escalation.id;
      await this.#note(live.run, PLAYBOOKS, 'playbook.step.missed', `${message}: escalated`, step);
      this.#emitStep(live, 'playbook.step.missed', step, step.windowMs ?? 0);
    });
  }

  /** The run's start on the timeline: who started it (or what), and what is due first. */
  async #started(live: LiveRun): Promise<void> {
    const { run } = live;
    const first = run.steps.find((s) => s.status === 'open' && !s.automatic);
    const who = first?.assignees?.map((a) => a.name).join(', ');
    const due = first?.dueAt
      ? `; “${first.title}” is due in ${formatDuration(Date.parse(first.dueAt) - Date.parse(run.startedAt))}${who ? ` (${who})` : ''}`
      : '';
    const by = run.trigger
      ? `by itself on ${TRIGGER_WORDS[run.trigger] ?? run.trigger}`
      : `by ${run.startedBy.name ?? 'someone'}`;
    await this.#note(run, run.startedBy, 'playbook.started', `${run.flowName} started ${by}${due}`);
  }

  async #ended(live: LiveRun): Promise<void> {
    const { run } = live;
    const text =
      run.status === 'completed'
        ? `${run.flowName} completed in ${formatDuration(Date.parse(run.endedAt!) - Date.parse(run.startedAt))}`
        : `${run.flowName} stopped: ${run.error ?? run.status}`;
    await this.#note(run, PLAYBOOKS, `playbook.${run.status}`, text);
  }

  async #askCustomer(live: LiveRun, step: PlaybookStep, link: string): Promise<string> {
    const notify = this.deps.notify;
    if (!notify) return `Answer link: ${link}`;
    try {
      await notify.send({
        to: { kind: 'customer' },
        issueId: live.issue.id,
        urgency: 'normal',
        template: {
          subject: 'How did we do? {{ issue.subject }}',
          text: `${step.satisfaction!.question}\n\nAnswer with one click: ${link}`,
        },
        idempotencyKey: `playbook:${live.run.id}:${step.id}`,
        source: { kind: 'flow', flowId: live.run.flowId, runId: live.run.id, nodeId: step.nodeId },
      });
      return 'Asked the customer in a status update';
    } catch (err) {
      return `Could not reach the customer (${err instanceof Error ? err.message : String(err)}); answer link: ${link}`;
    }
  }

  /** Says a step was done or missed, with the cause of the change that settled it (runtime.ts LiveRun). */
  #emitStep(
    { run, cause }: Pick<LiveRun, 'run' | 'cause'>,
    type: 'playbook.step.completed' | 'playbook.step.missed',
    step: PlaybookStep,
    duration: number,
  ): void {
    this.deps.bus.emit(
      {
        type,
        at: this.deps.clock.now().toISOString(),
        issueId: run.issueId,
        runId: run.id,
        flowId: run.flowId,
        flowName: run.flowName,
        step: structuredClone(step),
        durationMs: duration,
        ...(step.windowMs !== undefined ? { windowMs: step.windowMs } : {}),
      },
      cause,
    );
  }

  async #note(
    run: PlaybookRun | LoadedRun,
    author: Actor,
    action: string,
    text: string,
    step?: PlaybookStep,
  ): Promise<void> {
    const issue = await this.deps.issues.get(run.issueId);
    await this.deps.timeline.append({
      issueId: run.issueId,
      customerId: issue.customerId,
      at: this.deps.clock.now().toISOString(),
      author,
      content: {
        type: 'system_event',
        action,
        text,
        data: {
          playbookRunId: run.id,
          flowId: run.flowId,
          ...(step
            ? {
                stepId: step.id,
                status: step.status,
                ...(step.durationMs !== undefined ? { durationMs: step.durationMs } : {}),
                ...(step.windowMs !== undefined ? { windowMs: step.windowMs } : {}),
                missed: step.missed ?? false,
              }
            : {}),
        },
      },
    });
  }
}

/** Tell the step's people; if nobody acknowledges in 10 minutes, the queue's on-call person. */
function standardEscalation(step: PlaybookStep, message: string): EscalationStep[] {
  const agents = (step.assignees ?? []).filter((a) => a.kind === 'agent').map((a) => a.id);
  const teams = (step.assignees ?? []).filter((a) => a.kind === 'team').map((a) => a.id);
  const first =
    agents.length || teams.length
      ? { ...(agents.length ? { agents } : {}), ...(teams.length ? { teams } : {}) }
      : { assignee: true };
  return [
    { type: 'notify', to: first, message, urgency: 'high' },
    { type: 'wait', duration: 'PT10M' },
    { type: 'notify', to: { queueOnCall: true }, message, urgency: 'critical' },
  ];
}

function summary(flow: FlowRecord): PlaybookSummary {
  return {
    id: flow.id,
    name: flow.name,
    ...(flow.description ? { description: flow.description } : {}),
    enabled: flow.enabled,
    version: flow.enabledVersion ?? flow.latestVersion,
    triggers: flow.triggerEvents ?? [],
  };
}
