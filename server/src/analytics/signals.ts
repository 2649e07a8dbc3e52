/**
 * What the analytics projector consumes: the domain events it measures, reduced to what it needs.
 * Live, they come from the bus (`fromBus`); on a rebuild, from stored history (`history.ts`), so the
 * one projector computes both and they agree.
 */
import type { Handoff, Issue, SlaClockView } from '@baton/schemas';
import type { DomainEvent, IssueChanges } from '../events/bus.ts';

export type HandoffStatus = 'offered' | 'accepted' | 'declined' | 'expired' | 'completed' | 'cancelled';

/** The clock fields analytics reads (a view, or a stored clock). */
export type ClockFacts = Pick<SlaClockView, 'metric' | 'state' | 'elapsedMs' | 'log'> & {
  met?: boolean | undefined;
  targetMs?: number | undefined;
};

export interface PlaybookStep {
  outcome: 'completed' | 'missed';
  issueId?: string;
  playbook: string;
  step: string;
  durationMs?: number;
  windowMs?: number;
}

export type Signal =
  | { kind: 'opened'; at: string; issue: Issue }
  | { kind: 'changed'; at: string; issue: Issue; changes: IssueChanges; flowId?: string | undefined }
  | { kind: 'customerMessage'; at: string; issueId: string; text: string }
  | { kind: 'handoff'; at: string; status: HandoffStatus; handoff: Handoff; flowId?: string | undefined }
  | { kind: 'slaSettled'; at: string; issueId: string; clock: ClockFacts }
  | { kind: 'slaBreached'; at: string; issueId: string; metric: string }
  | { kind: 'resumed'; at: string; issueId: string; flowId: string; nodeId: string; since: string }
  | ({ kind: 'step'; at: string } & PlaybookStep);

/** Issue of a signal, when it concerns one (for per-issue ordering). */
export function issueOf(signal: Signal): string | undefined {
  if (signal.kind === 'opened' || signal.kind === 'changed') return signal.issue.id;
  if (signal.kind === 'handoff') return signal.handoff.issueId;
  return signal.issueId;
}

const HANDOFF_TYPES = new Set(['offered', 'accepted', 'declined', 'expired', 'completed', 'cancelled']);

/** The signal a bus event gives, or null when analytics has nothing to measure in it. */
export function fromBus(event: DomainEvent): Signal | null {
  switch (event.type) {
    case 'issue.created':
      return { kind: 'opened', at: event.issue.createdAt, issue: event.issue };
    case 'issue.updated':
      return {
        kind: 'changed',
        at: event.at,
        issue: event.issue,
        changes: event.changes,
        flowId: event.cause?.flowId,
      };
    case 'message.added':
      if (event.event.type !== 'customer_message') return null;
      return { kind: 'customerMessage', at: event.event.at, issueId: event.issue.id, text: event.event.text };
    case 'sla.settled':
      return { kind: 'slaSettled', at: event.at, issueId: event.issueId, clock: event.clock };
    case 'sla.breached':
      return { kind: 'slaBreached', at: event.at, issueId: event.issueId, metric: event.clock.metric };
    case 'flow.resumed':
      return {
        kind: 'resumed',
        at: event.at,
        issueId: event.issueId,
        flowId: event.flowId,
        nodeId: event.nodeId,
        since: event.since,
      };
    default: {
      const status = event.type.startsWith('handoff.') ? event.type.slice(8) : '';
      if (!HANDOFF_TYPES.has(status) || !('handoff' in event)) return null;
      return {
        kind: 'handoff',
        at: event.at,
        status: status as HandoffStatus,
        handoff: event.handoff,
        flowId: event.cause?.flowId,
      };
    }
  }
}

/**
 * A `playbook.step.completed` / `.missed` event, read defensively: the playbook module defines it,
 * so every field is checked and an event without a playbook or a step is ignored.
 */
export function fromPlaybookEvent(
  outcome: PlaybookStep['outcome'],
  raw: unknown,
  now: string,
): Signal | null {
  if (!raw || typeof raw !== 'object') return null;
  const e = raw as Record<string, unknown>;
  const str = (...keys: string[]) => {
    for (const k of keys) {
      const v =
        e[k] ?? (e.step && typeof e.step === 'object' ? (e.step as Record<string, unknown>)[k] : undefined);
      if (typeof v === 'string' && v) return v;
    }
    return undefined;
  };
  const num = (...keys: string[]) => {
    for (const k of keys) {
      const v =
        e[k] ?? (e.step && typeof e.step === 'object' ? (e.step as Record<string, unknown>)[k] : undefined);
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    }
    return undefined;
  };
  const playbook = str('playbookName', 'playbook', 'flowName', 'playbookId', 'flowId');
  const step = str('stepName', 'stepTitle', 'title', 'name', 'stepId', 'nodeId');
  if (!playbook || !step) return null;
  const issueId = str('issueId');
  const durationMs = num('durationMs', 'tookMs', 'elapsedMs');
  const windowMs = num('windowMs', 'dueInMs', 'targetMs');
  return {
    kind: 'step',
    at: str('at') ?? now,
    outcome,
    playbook,
    step,
    ...(issueId ? { issueId } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(windowMs !== undefined ? { windowMs } : {}),
  };
}
