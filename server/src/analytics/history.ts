/**
 * The signals of one issue's stored history, in the order they happened: what the bus said live,
 * reconstructed from the timeline (every change, message and handoff step is recorded there), the
 * handoff records (their clocks), the SLA clocks (their logs) and the flow runs (their traces).
 */
import type { FlowRun, Handoff, Issue, SlaClock, TimelineEvent } from '@baton/schemas';
import type { IssueChanges } from '../events/bus.ts';
import { before } from './projector.ts';
import type { HandoffStatus, Signal } from './signals.ts';

export interface IssueHistory {
  issue: Issue;
  timeline: readonly TimelineEvent[];
  handoffs: readonly Handoff[];
  clocks: readonly SlaClock[];
  runs: readonly FlowRun[];
}

const HANDOFF_ACTIONS = new Set(['offered', 'accepted', 'declined', 'expired', 'completed', 'cancelled']);

/** The issue as it was opened: its current state with every recorded change undone, newest first. */
export function openingState(issue: Issue, timeline: readonly TimelineEvent[]): Issue {
  let state = { ...issue };
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (e.type === 'system_event' && e.action === 'issue.updated' && e.data) {
      state = before(state, e.data as IssueChanges);
    }
  }
  delete state.resolvedAt;
  return state;
}

export function signalsOf(history: IssueHistory, asOf: string): Signal[] {
  const { issue, timeline } = history;
  const out: Signal[] = [];
  let state = openingState(issue, timeline);
  out.push({ kind: 'opened', at: state.createdAt, issue: state });
  const handoffs = new Map(history.handoffs.map((h) => [h.id, h]));
  const opening = issue.id.replace(/^iss_/, 'evt_');
  for (const event of timeline) {
    if (event.at > asOf) break;
    if (event.type === 'customer_message') {
      if (event.id !== opening)
        out.push({ kind: 'customerMessage', at: event.at, issueId: issue.id, text: event.text });
    } else if (event.type === 'system_event' && event.action === 'issue.updated' && event.data) {
      const changes = event.data as IssueChanges;
      state = after(state, changes, event.at);
      const flowId =
        event.author.kind === 'system' && event.author.id?.startsWith('flw_') ? event.author.id : undefined;
      out.push({ kind: 'changed', at: event.at, issue: state, changes, flowId });
    } else if (event.type === 'system_event' && event.action.startsWith('handoff.')) {
      const status = event.action.slice(8);
      const handoff = handoffs.get(String((event.data as { handoffId?: string } | undefined)?.handoffId));
      if (!handoff || !HANDOFF_ACTIONS.has(status)) continue;
      const run = handoff.runId ? history.runs.find((r) => r.id === handoff.runId) : undefined;
      out.push({
        kind: 'handoff',
        at: event.at,
        status: status as HandoffStatus,
        handoff,
        flowId: run?.flowId,
      });
    }
  }
  for (const clock of history.clocks) {
    const log: SlaClock['log'] = [];
    for (const entry of clock.log) {
      if (entry.at > asOf) break;
      log.push(entry);
      if (entry.type === 'breached')
        out.push({ kind: 'slaBreached', at: entry.at, issueId: issue.id, metric: clock.metric });
      if (entry.type === 'stopped' || entry.type === 'cancelled') {
        const met =
          entry.type === 'stopped' && clock.targetMs !== undefined
            ? entry.elapsedMs <= clock.targetMs
            : undefined;
        out.push({
          kind: 'slaSettled',
          at: entry.at,
          issueId: issue.id,
          clock: {
            metric: clock.metric,
            state: entry.type,
            elapsedMs: entry.elapsedMs,
            log: [...log],
            ...(met !== undefined ? { met } : {}),
            ...(clock.targetMs !== undefined ? { targetMs: clock.targetMs } : {}),
          },
        });
      }
    }
  }
  for (const run of history.runs) {
    let parkedAt: string | undefined;
    for (const step of run.steps) {
      if (step.resumed && parkedAt && step.at <= asOf) {
        out.push({
          kind: 'resumed',
          at: step.at,
          issueId: issue.id,
          flowId: run.flowId,
          nodeId: step.nodeId,
          since: parkedAt,
        });
      }
      parkedAt = step.handle === null && !step.error ? step.at : undefined;
    }
  }
  // Stable: signals at the same moment keep the order above (timeline order within the issue).
  return out
    .map((s, i) => [s, i] as const)
    .sort((a, b) => (a[0].at < b[0].at ? -1 : a[0].at > b[0].at ? 1 : a[1] - b[1]))
    .map(([s]) => s);
}

function after(issue: Issue, changes: IssueChanges, at: string): Issue {
  const next: Issue = { ...issue, updatedAt: at };
  for (const [field, change] of Object.entries(changes)) {
    if (!change || field === 'resolvedAt') continue;
    if (change.to === null || change.to === undefined)
      delete (next as unknown as Record<string, unknown>)[field];
    else (next as unknown as Record<string, unknown>)[field] = change.to;
  }
  return next;
}
