/**
 * Escalation paths: typed steps carried out in order on one issue until someone acknowledges.
 * Owns `escalations` and `escalation_rotations`.
 *
 * - `wait` parks the path on a durable timer (`escalation.step`); an acknowledgement meanwhile ends
 *   it — that is the "if not acknowledged" of every step after a wait.
 * - `notify` tells users, agents, the issue's assignee, every agent of a team, or a team's on-call
 *   person (the next, in rotation, of its agents who are on shift and not offline) — also of the teams
 *   that work the issue's queue, which is what a shipped flow can name without knowing team ids.
 * - `round-robin` tells the next of a list of agents (or of a team's agents), in turn across paths.
 * - `repeat` goes back to the first step, at most `times` times; then the path goes on past it.
 * - Guards: a step with `when.window` runs only inside those hours (in that time zone), one with
 *   `when.rate` only while the issue has had fewer than `max` escalation notifications within `per`;
 *   a guarded step that does not run is logged as skipped, with the reason.
 * - Steps run out → `exhausted`. Acknowledged → `acknowledged`. The issue resolved → `cancelled`.
 *   Each end emits `escalation.ended` with the outcome (the `escalate` node resumes on it).
 *
 * Notifications go out as `escalation.notify` bus events — the notify module delivers them (outbox,
 * channels per person, quiet hours) — or through a notifier function when one is wired in.
 */

import type {
  Actor,
  Agent,
  Escalation,
  EscalationLogEntry,
  EscalationNotifyStep,
  EscalationRecipient,
  EscalationRoundRobinStep,
  EscalationStep,
  EventCause,
  Issue,
} from '@baton/schemas';
import { actsForOthers, ownAgentId } from '../auth/ownership.ts';
import type { Principal } from '../auth/principal.ts';
import { CalendarError, calendarOf } from '../calendar/calendar.ts';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import type { EventBus } from '../events/bus.ts';
import { invalidInput, notFound, ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import { onShift } from '../routing/eligibility.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Store } from '../store/port.ts';
import type { Timer, TimerService } from '../timers/service.ts';

export const STEP_TIMER = 'escalation.step';
const ESCALATIONS: Actor = { kind: 'system', name: 'escalation' };
/** A path runs at most this many steps between two waits (a repeat loop without a wait ends). */
const MAX_STEPS_PER_RUN = 200;

export interface EscalationNotice {
  issueId: string;
  escalationId: string;
  /** `<escalation id>:<log position>`: unique per notification, the same if a crashed step is retried. */
  noticeId: string;
  step: number;
  recipients: EscalationRecipient[];
  message: string;
  urgency: 'low' | 'normal' | 'high' | 'critical';
}

export interface EscalationDeps {
  clock: Clock;
  bus: EventBus;
  timers: TimerService;
  issues: IssueService;
  timeline: TimelineService;
  directory: DirectoryService;
  /** Delivers a notice; without it, notices go out as `escalation.notify` events. */
  notifier?: (notice: EscalationNotice) => Promise<void>;
}

type StoredRotation = { _id: string; n: number };

export class EscalationService {
  readonly #escalations: Collection<Stored<Escalation>>;
  readonly #rotations: Collection<StoredRotation>;

  constructor(
    store: Store,
    private readonly deps: EscalationDeps,
  ) {
    this.#escalations = store.collection('escalations');
    this.#rotations = store.collection('escalation_rotations');
  }

  async init(): Promise<void> {
    await this.#escalations.createIndex({ keys: { issueId: 1, startedAt: 1 } });
    await this.#escalations.createIndex({ keys: { status: 1 } });
    this.deps.timers.handle(STEP_TIMER, (timer) => this.#onTimer(timer));
  }

  /** Resolving or closing an issue cancels its active paths. */
  follow(): () => void {
    return this.deps.bus.on('issue.updated', async (e) => {
      const to = e.changes.status?.to;
      if (to !== 'resolved' && to !== 'closed') return;
      for (const row of await this.#escalations.find({ issueId: e.issue.id, status: 'active' })) {
        await this.#end(fromStored(row), 'cancelled', ESCALATIONS, `issue ${to}`, e.cause);
      }
    });
  }

  async get(id: string): Promise<Escalation> {
    const found = await this.#escalations.findOne({ _id: id });
    if (!found) throw notFound('escalation', id);
    return fromStored(found);
  }

  async forIssue(issueId: string): Promise<Escalation[]> {
    await this.deps.issues.get(issueId);
    return (await this.#escalations.find({ issueId }, { sort: { startedAt: 1, _id: 1 } })).map(
      fromStored<Escalation>,
    );
  }

  /**
   * Active escalations that notified one of these recipients (an agent profile, a user) and wait for
   * an acknowledgement. Active paths are few (they end on ack, exhaustion or the issue closing).
   */
  async awaitingAck(recipients: readonly EscalationRecipient[]): Promise<Escalation[]> {
    const mine = (r: EscalationRecipient) => recipients.some((x) => x.kind === r.kind && x.id === r.id);
    const rows = await this.#escalations.find({ status: 'active' }, { sort: { startedAt: 1, _id: 1 } });
    return rows
      .map(fromStored<Escalation>)
      .filter((e) => e.log.some((entry) => entry.action === 'notified' && entry.recipients?.some(mine)));
  }

  async start(
    issueId: string,
    path: { name?: string; steps: EscalationStep[] },
    actor: Actor,
    /** `cause`: the flow run this path is the work of; the path's events carry it (the loop guard's chain). */
    options: { runId?: string; cause?: EventCause | undefined } = {},
  ): Promise<Escalation> {
    checkSteps(path.steps);
    const issue = await this.deps.issues.get(issueId);
    const at = this.deps.clock.now().toISOString();
    const escalation: Escalation = {
      id: newId('esc'),
      issueId,
      ...(path.name ? { name: path.name } : {}),
      ...(options.runId ? { runId: options.runId } : {}),
      steps: path.steps as Escalation['steps'],
      status: 'active',
      position: 0,
      repeats: {},
      seq: 0,
      log: [{ at, step: -1, action: 'started', by: actor }],
      startedAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await this.#escalations.insertOne(toStored(escalation));
    await this.#note(
      issue,
      actor,
      'escalation.started',
      `Escalation ${path.name ?? escalation.id} started`,
      escalation,
    );
    this.deps.bus.emit({ type: 'escalation.started', at, issueId, escalation }, options.cause);
    return this.#advance(escalation, options.cause);
  }

  /** Someone answered: the path stops here. */
  /**
   * Whether `principal` may acknowledge: admins and integrations always; otherwise only someone the
   * path concerns — a person it names or notified, the issue's assignee or an agent of its team, an
   * agent of a team it names. Fails closed (403).
   */
  async assertMayAcknowledge(id: string, principal: Principal): Promise<void> {
    if (actsForOthers(principal)) return;
    const escalation = await this.get(id);
    const named = (kind: 'user' | 'agent', who: string) =>
      escalation.steps.some(
        (step) =>
          'to' in step &&
          ((kind === 'user' && step.to?.users?.includes(who)) ||
            (kind === 'agent' && step.to?.agents?.includes(who))),
      ) || escalation.log.some((entry) => entry.recipients?.some((r) => r.kind === kind && r.id === who));
    if (principal.kind === 'user' && named('user', principal.id)) return;
    const agentId = ownAgentId(principal, 'acknowledge this escalation');
    if (named('agent', agentId)) return;
    const [issue, agent] = await Promise.all([
      this.deps.issues.get(escalation.issueId),
      this.deps.directory.getAgent(agentId),
    ]);
    const teams = new Set(agent.teamIds);
    const concerned =
      issue.assignee?.agentId === agentId ||
      (issue.assignee?.teamId !== undefined && teams.has(issue.assignee.teamId)) ||
      escalation.steps.some((step) => {
        const to = 'to' in step ? step.to : undefined;
        const stepTeam = 'teamId' in step ? (step.teamId as string | undefined) : undefined;
        return (
          (stepTeam !== undefined && teams.has(stepTeam)) ||
          Boolean(to?.teams?.some((t) => teams.has(t)) || to?.onCall?.some((t) => teams.has(t)))
        );
      });
    if (!concerned) {
      throw new ProblemError(
        'forbidden',
        'this escalation does not concern you: it names neither you nor your team',
      );
    }
  }

  async acknowledge(id: string, actor: Actor): Promise<Escalation> {
    const escalation = await this.get(id);
    if (escalation.status !== 'active')
      throw new ProblemError('conflict', `escalation ${id} is ${escalation.status}`);
    return this.#end(escalation, 'acknowledged', actor);
  }

  async #onTimer(timer: Timer): Promise<void> {
    const { escalationId, seq } = timer.payload as { escalationId: string; seq: number };
    const found = await this.#escalations.findOne({ _id: escalationId });
    if (found?.status !== 'active' || found.seq !== seq) return;
    const escalation = fromStored<Escalation>(found);
    await this.#advance(escalation, undefined);
  }

  /** Runs steps from the current position until a wait parks the path or the steps run out. */
  /** `cause`: what the steps run now are the work of (a flow's start; none for a timer's wake-up). */
  async #advance(start: Escalation, cause: EventCause | undefined): Promise<Escalation> {
    let escalation = start;
    for (let count = 0; count < MAX_STEPS_PER_RUN; count++) {
      const now = this.deps.clock.now();
      const at = now.toISOString();
      const index = escalation.position;
      const step = escalation.steps[index];
      if (!step) return this.#end(escalation, 'exhausted', ESCALATIONS, undefined, cause);
      const $set: Record<string, unknown> = { updatedAt: at, position: index + 1 };
      const log: EscalationLogEntry[] = [];
      let parked = false;
      if (step.type === 'wait') {
        const until = new Date(now.getTime() + parseDuration(step.duration)!).toISOString();
        Object.assign($set, { seq: escalation.seq + 1, waitingUntil: until });
        log.push({ at, step: index, action: 'waiting', reason: `until ${until}, unless acknowledged` });
        parked = true;
      } else if (step.type === 'repeat') {
        const done = escalation.repeats[String(index)] ?? 0;
        if (done < step.times) {
          Object.assign($set, { position: 0, [`repeats.${index}`]: done + 1 });
          log.push({ at, step: index, action: 'repeated', reason: `${done + 1} of ${step.times}` });
        }
      } else {
        log.push(await this.#notifyStep(escalation, index, step, now, cause));
      }
      const updated = await this.#escalations.findOneAndUpdate(
        { _id: escalation.id, status: 'active', seq: escalation.seq, position: index },
        { $set, $push: { log: { $each: log } } },
      );
      // Acknowledged (or moved by another instance) meanwhile: nothing more to do here.
      if (!updated) return this.get(escalation.id);
      escalation = fromStored(updated);
      if (parked) {
        await this.deps.timers.schedule(
          STEP_TIMER,
          escalation.waitingUntil!,
          { escalationId: escalation.id, seq: escalation.seq },
          { key: `${STEP_TIMER}:${escalation.id}:${escalation.seq}` },
        );
        return escalation;
      }
    }
    return this.#end(
      escalation,
      'exhausted',
      ESCALATIONS,
      `stopped after ${MAX_STEPS_PER_RUN} steps without a wait`,
      cause,
    );
  }

  async #notifyStep(
    escalation: Escalation,
    index: number,
    step: EscalationNotifyStep | EscalationRoundRobinStep,
    now: Date,
    cause: EventCause | undefined,
  ): Promise<EscalationLogEntry> {
    const at = now.toISOString();
    const blocked = await this.#guard(escalation, step, now);
    if (blocked) return { at, step: index, action: 'skipped', reason: blocked };
    const issue = await this.deps.issues.get(escalation.issueId);
    const recipients =
      step.type === 'notify' ? await this.#recipients(step, issue, now) : await this.#nextInTurn(step);
    if (!recipients.length)
      return {
        at,
        step: index,
        action: 'skipped',
        reason: 'nobody to notify (no one on call or in the rotation)',
      };
    const notice: EscalationNotice = {
      issueId: escalation.issueId,
      escalationId: escalation.id,
      noticeId: `${escalation.id}:${escalation.log.length}`,
      step: index,
      recipients,
      message:
        step.message ??
        `Escalation${escalation.name ? ` ${escalation.name}` : ''}: "${issue.subject}" (${issue.priority}) needs attention`,
      urgency:
        step.urgency ??
        (issue.priority === 'critical' ? 'critical' : issue.priority === 'high' ? 'high' : 'normal'),
    };
    if (this.deps.notifier) await this.deps.notifier(notice);
    else this.deps.bus.emit({ type: 'escalation.notify', at, ...notice }, cause);
    return { at, step: index, action: 'notified', recipients };
  }

  /** Why a guarded step must not run now, or null when it may. */
  async #guard(
    escalation: Escalation,
    step: EscalationNotifyStep | EscalationRoundRobinStep,
    now: Date,
  ): Promise<string | null> {
    const when = step.when;
    if (!when) return null;
    if (when.window && !calendarOf(when.window).isOpen(now.getTime())) {
      return `outside the step's window (${when.window.timeZone})`;
    }
    if (when.rate) {
      const since = new Date(now.getTime() - parseDuration(when.rate.per)!).toISOString();
      const paths = await this.#escalations.find({ issueId: escalation.issueId });
      const sent = paths
        .flatMap((p) => (p._id === escalation.id ? escalation.log : p.log))
        .filter((e) => e.action === 'notified' && e.at >= since).length;
      if (sent >= when.rate.max)
        return `rate limit: ${sent} notifications for this issue within ${when.rate.per}`;
    }
    return null;
  }

  async #recipients(step: EscalationNotifyStep, issue: Issue, now: Date): Promise<EscalationRecipient[]> {
    const out = new Map<string, EscalationRecipient>();
    const add = (kind: 'user' | 'agent', id: string) => out.set(`${kind}:${id}`, { kind, id });
    for (const id of step.to.users ?? []) add('user', id);
    for (const id of step.to.agents ?? []) add('agent', id);
    if (step.to.assignee && issue.assignee?.agentId) add('agent', issue.assignee.agentId);
    for (const teamId of step.to.teams ?? [])
      for (const agent of await this.deps.directory.allAgents([teamId])) add('agent', agent.id);
    const onCallTeams = [...(step.to.onCall ?? [])];
    if (step.to.queueOnCall && issue.queue) {
      for (const team of await this.deps.directory.listTeams())
        if (team.queues.includes(issue.queue)) onCallTeams.push(team.id);
    }
    for (const teamId of new Set(onCallTeams)) {
      const onCall = (await this.deps.directory.allAgents([teamId])).filter(
        (a) => a.status !== 'offline' && onShift(a, now),
      );
      const pick = await this.#turn(`oncall:${teamId}`, onCall);
      if (pick) add('agent', pick.id);
    }
    return [...out.values()];
  }

  async #nextInTurn(step: EscalationRoundRobinStep): Promise<EscalationRecipient[]> {
    let agents: Agent[];
    let key: string;
    if (step.agents?.length) {
      const found = await Promise.all(step.agents.map((id) => this.deps.directory.findAgent(id)));
      agents = found.filter((a): a is Agent => a !== null);
      key = `agents:${[...step.agents].sort().join(',')}`;
    } else {
      agents = await this.deps.directory.allAgents([step.teamId!]);
      key = `team:${step.teamId}`;
    }
    // Offline agents are passed over while anyone else can take the turn.
    const reachable = agents.filter((a) => a.status !== 'offline');
    const pick = await this.#turn(key, reachable.length ? reachable : agents);
    return pick ? [{ kind: 'agent', id: pick.id }] : [];
  }

  /** The next of a list in a durable rotation (shared by every path using the same key). */
  async #turn<T>(key: string, list: readonly T[]): Promise<T | undefined> {
    if (!list.length) return undefined;
    const rotation = await this.#rotations.findOneAndUpdate(
      { _id: key },
      { $inc: { n: 1 } },
      { upsert: true },
    );
    return list[((rotation?.n ?? 1) - 1) % list.length];
  }

  async #end(
    escalation: Escalation,
    outcome: 'acknowledged' | 'exhausted' | 'cancelled',
    actor: Actor,
    reason?: string,
    cause?: EventCause,
  ): Promise<Escalation> {
    const at = this.deps.clock.now().toISOString();
    const entry: EscalationLogEntry = {
      at,
      step: escalation.position,
      action: outcome,
      ...(outcome === 'acknowledged' ? { by: actor } : {}),
      ...(reason ? { reason } : {}),
    };
    const updated = await this.#escalations.findOneAndUpdate(
      { _id: escalation.id, status: 'active' },
      {
        $set: {
          status: outcome,
          endedAt: at,
          updatedAt: at,
          ...(outcome === 'acknowledged' ? { acknowledgedBy: actor } : {}),
        },
        $unset: { waitingUntil: '' },
        $push: { log: entry },
      },
    );
    if (!updated) {
      const current = await this.get(escalation.id);
      if (outcome === 'acknowledged')
        throw new ProblemError('conflict', `escalation ${escalation.id} is ${current.status}`);
      return current;
    }
    await this.deps.timers.cancel(`${STEP_TIMER}:${escalation.id}:${escalation.seq}`);
    const ended = fromStored<Escalation>(updated);
    const issue = await this.deps.issues.get(escalation.issueId);
    const who = outcome === 'acknowledged' ? ` by ${actor.name ?? actor.id ?? actor.kind}` : '';
    await this.#note(
      issue,
      actor,
      `escalation.${outcome}`,
      `Escalation ${ended.name ?? ended.id} ${outcome}${who}`,
      ended,
    );
    this.deps.bus.emit(
      { type: 'escalation.ended', at, issueId: ended.issueId, escalation: ended, outcome },
      cause,
    );
    return ended;
  }

  async #note(
    issue: Issue,
    actor: Actor,
    action: string,
    text: string,
    escalation: Escalation,
  ): Promise<void> {
    await this.deps.timeline.append({
      issueId: issue.id,
      customerId: issue.customerId,
      at: this.deps.clock.now().toISOString(),
      author: actor,
      content: {
        type: 'system_event',
        action,
        text,
        data: {
          escalationId: escalation.id,
          status: escalation.status,
          ...(escalation.name ? { name: escalation.name } : {}),
        },
      },
    });
  }
}

/** What the schema cannot say: guard windows that work and round-robin steps that name someone. */
export function checkSteps(steps: readonly EscalationStep[], base = '/steps'): void {
  steps.forEach((step, i) => {
    if (step.type === 'round-robin' && !step.agents?.length && !step.teamId) {
      throw invalidInput(`${base}/${i}`, 'a round-robin step needs agents or a teamId');
    }
    if (step.type === 'wait' && !parseDuration(step.duration)) {
      throw invalidInput(`${base}/${i}/duration`, 'a wait must be longer than zero');
    }
    if ((step.type === 'notify' || step.type === 'round-robin') && step.when?.window) {
      try {
        calendarOf(step.when.window);
      } catch (err) {
        if (err instanceof CalendarError) throw invalidInput(`${base}/${i}/when/window`, err.message);
        throw err;
      }
    }
  });
}
