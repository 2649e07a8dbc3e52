/**
 * One job: the clocks following the issue on their own (bus events). An issue opens → its policy's
 * clocks start; the first agent reply stops first response (each reply stops next response and
 * restarts customer update); a customer message after a reply starts next response; a pause status
 * pauses every clock and leaving it resumes; resolving stops resolution and cancels the rest; a
 * handoff offer starts a handoff-completion clock that its completion stops (decline, expiry or
 * cancel cancels it). Each issue's events are handled one at a time, in order.
 */
import type { Actor, Issue, IssueStatus, SlaClock, SlaMetric, SlaPolicy } from '@baton/schemas';
import type { EventBus } from '../events/bus.ts';
import { ProblemError } from '../http/problem.ts';
import type { KeyedQueue } from '../shared/keyed-queue.ts';
import { ALLOWED_FROM, type ClockAction, isLive } from './clock.ts';

const CLOSING: ReadonlySet<IssueStatus> = new Set(['resolved', 'closed']);

/** What following needs from the service: its clocks, policies and transitions. */
export interface ClockActions {
  getIssue(issueId: string): Promise<Issue>;
  apply(issueId: string, options: { reason: string }): Promise<unknown>;
  clocksOf(issueId: string): Promise<SlaClock[]>;
  find(issueId: string, metric: SlaMetric, ref: string): Promise<SlaClock | null>;
  policyOfIssue(issue: Issue): Promise<SlaPolicy | null>;
  startClock(
    issue: Issue,
    policy: SlaPolicy,
    metric: SlaMetric,
    ref: string,
    reason: string,
  ): Promise<SlaClock>;
  transition(clock: SlaClock, action: ClockAction, reason?: string, at?: string): Promise<SlaClock>;
}

/** Subscribes; returns the unsubscribe function. */
export function followIssues(bus: EventBus, serial: KeyedQueue, act: ClockActions): () => void {
  const offs = [
    bus.on('issue.created', (e) => serial.run(e.issue.id, () => onCreated(act, e.issue))),
    bus.on('message.added', (e) =>
      serial.run(e.issue.id, () => onMessage(act, e.issue, e.event.type, e.event.author.kind)),
    ),
    bus.on('issue.updated', (e) => {
      const status = e.changes.status;
      if (!status) return;
      return serial.run(e.issue.id, () =>
        onStatus(act, e.issue, status.from as IssueStatus, status.to as IssueStatus),
      );
    }),
    bus.on('handoff.offered', (e) =>
      serial.run(e.issueId, () =>
        auto(act, e.issueId, 'handoffCompletion', 'start', e.handoff.id, 'handoff offered'),
      ),
    ),
    bus.on('handoff.completed', (e) =>
      serial.run(e.issueId, () =>
        auto(act, e.issueId, 'handoffCompletion', 'stop', e.handoff.id, 'handoff completed', e.at),
      ),
    ),
    ...(['handoff.declined', 'handoff.expired', 'handoff.cancelled'] as const).map((type) =>
      bus.on(type, (e) =>
        serial.run(e.issueId, () =>
          auto(
            act,
            e.issueId,
            'handoffCompletion',
            'cancel',
            e.handoff.id,
            `handoff ${e.handoff.status}`,
            e.at,
          ),
        ),
      ),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}

async function onCreated(act: ClockActions, issue: Issue): Promise<void> {
  if (CLOSING.has(issue.status)) return;
  await act.apply(issue.id, { reason: 'issue opened' });
}

async function onMessage(
  act: ClockActions,
  issue: Issue,
  type: string,
  authorKind: Actor['kind'],
): Promise<void> {
  const clocks = await act.clocksOf(issue.id);
  if (!clocks.length) return;
  const byMetric = new Map(clocks.filter((c) => !c.ref).map((c) => [c.metric, c]));
  const live = (c: SlaClock | undefined): c is SlaClock => c !== undefined && isLive(c);
  if (type === 'agent_reply') {
    for (const metric of ['firstResponse', 'nextResponse'] as const) {
      const clock = byMetric.get(metric);
      if (live(clock)) await act.transition(clock, 'stop', `${authorKind} replied`);
    }
    const update = byMetric.get('customerUpdate');
    if (update && update.state !== 'paused')
      await act.transition(update, 'reset', 'the customer heard from an agent');
  } else if (type === 'customer_message') {
    const first = byMetric.get('firstResponse');
    if (live(first)) return;
    const policy = await act.policyOfIssue(issue);
    if (!policy?.metrics.nextResponse) return;
    const next = byMetric.get('nextResponse');
    if (!next) await act.startClock(issue, policy, 'nextResponse', '', 'customer wrote');
    else if (next.state === 'stopped' || next.state === 'cancelled')
      await act.transition(next, 'reset', 'customer wrote');
  }
}

async function onStatus(act: ClockActions, issue: Issue, from: IssueStatus, to: IssueStatus): Promise<void> {
  const clocks = await act.clocksOf(issue.id);
  if (!clocks.length) return;
  const policy = await act.policyOfIssue(issue);
  const pauseOn = policy?.pauseOn ?? ['pending'];
  if (CLOSING.has(to)) {
    for (const clock of clocks) {
      if (clock.state !== 'running' && clock.state !== 'paused') continue;
      const action = clock.metric === 'resolution' ? 'stop' : 'cancel';
      await act.transition(clock, action, `issue ${to}`);
    }
    return;
  }
  if (pauseOn.includes(to)) {
    for (const clock of clocks)
      if (clock.state === 'running') await act.transition(clock, 'pause', `status ${to}`);
  } else if (pauseOn.includes(from) || CLOSING.has(from)) {
    for (const clock of clocks)
      if (clock.state === 'paused') await act.transition(clock, 'resume', `status ${to}`);
  }
}

async function auto(
  act: ClockActions,
  issueId: string,
  metric: SlaMetric,
  action: ClockAction | 'start',
  ref: string,
  reason: string,
  /** When the event that caused this happened: handlers may run a little after it. */
  at?: string,
) {
  try {
    if (action === 'start') {
      const issue = await act.getIssue(issueId);
      const policy = await act.policyOfIssue(issue);
      if (policy?.metrics[metric]) await act.startClock(issue, policy, metric, ref, reason);
      return;
    }
    const clock = await act.find(issueId, metric, ref);
    if (clock && ALLOWED_FROM[action].includes(clock.state)) await act.transition(clock, action, reason, at);
  } catch (err) {
    if (err instanceof ProblemError && err.kind === 'conflict') return;
    throw err;
  }
}
