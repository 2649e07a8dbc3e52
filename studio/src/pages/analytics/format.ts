import type { ReportName, Unit } from '../../api/analytics.ts';

/** A number as people read it: durations in minutes or hours, rates in percent, counts grouped. */
export function formatValue(unit: Unit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'ratio') return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatDuration(ms: number): string {
  // Below a second in milliseconds: "0.3 s" would stand for anything from 250 to 349 ms.
  if (ms > 0 && ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000)
    return `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: ms < 10_000 ? 1 : 0 })} s`;
  const minutes = ms / 60_000;
  if (minutes < 60)
    return `${minutes.toLocaleString('en-US', { maximumFractionDigits: minutes < 10 ? 1 : 0 })} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${(hours / 24).toLocaleString('en-US', { maximumFractionDigits: 1 })} days`;
}

export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export const DIMENSION_LABELS: Record<string, string> = {
  team: 'Team',
  queue: 'Queue',
  agent: 'Agent',
  channel: 'Channel',
  priority: 'Priority',
  flow: 'Flow',
  playbook: 'Playbook',
  reason: 'Handoff reason',
  node: 'Flow node',
  event: 'Trigger event',
  step: 'Playbook step',
  hour: 'Hour of the week',
};

export interface TabSpec {
  report: ReportName;
  title: string;
  groupBy: string[];
  /** Headline numbers, in order. */
  kpis: string[];
  /** The column the per-group bars show. */
  bars: string;
  /** Columns of the table (all of them go to CSV). */
  table: string[];
}

const ISSUE_DIMS = ['team', 'queue', 'agent', 'channel', 'priority', 'flow', 'playbook'];

export const TABS: TabSpec[] = [
  {
    report: 'handoffs',
    title: 'Handoffs',
    groupBy: [...ISSUE_DIMS, 'reason', 'node', 'event'],
    kpis: [
      'handoffs',
      'handoffsPerIssue',
      'avgAcceptMs',
      'avgCompleteMs',
      'bounced',
      'declined',
      'expired',
      'over2',
      'contextLoss',
    ],
    bars: 'handoffs',
    table: [
      'handoffs',
      'accepted',
      'avgAcceptMs',
      'completed',
      'avgCompleteMs',
      'bounced',
      'declined',
      'expired',
      'over2',
      'ctxLost',
      'contextLoss',
    ],
  },
  {
    report: 'sla',
    title: 'SLA',
    groupBy: [...ISSUE_DIMS, 'step'],
    kpis: [
      'firstResponseAttainment',
      'handoffCompletionAttainment',
      'resolutionAvgMs',
      'firstResponseBreaches',
      'handoffCompletionBreaches',
      'state_open',
      'stepTimeliness',
    ],
    bars: 'firstResponseAttainment',
    table: [
      'firstResponseAttainment',
      'firstResponseBreaches',
      'handoffCompletionAttainment',
      'handoffCompletionBreaches',
      'resolutionAvgMs',
      'resolutionPausedMs',
      'state_new',
      'state_open',
      'state_pending',
      'steps',
      'stepTimeliness',
      'stepsMissed',
    ],
  },
  {
    report: 'routing',
    title: 'Routing',
    groupBy: ISSUE_DIMS,
    kpis: ['resolved', 'firstAssigneeRate', 'reassignmentRate', 'classifierAccuracy', 'avgQueueWaitMs'],
    bars: 'firstAssigneeRate',
    table: [
      'resolved',
      'firstAssigneeRate',
      'reassignmentRate',
      'assigned',
      'classified',
      'classifierAccuracy',
      'queueWaits',
      'avgQueueWaitMs',
    ],
  },
  {
    report: 'teams',
    title: 'Teams',
    groupBy: ['team', 'agent'],
    kpis: ['offers', 'acceptanceRate', 'avgAcceptMs', 'slaAttainment', 'overCapacity'],
    bars: 'offers',
    table: [
      'offers',
      'accepted',
      'acceptanceRate',
      'avgAcceptMs',
      'declined',
      'expired',
      'completed',
      'resolved',
      'slaAttainment',
      'overCapacity',
    ],
  },
  {
    report: 'bottlenecks',
    title: 'Bottlenecks',
    groupBy: ['queue', 'node', 'agent', 'team', 'hour'],
    kpis: [],
    bars: 'avgQueueWaitMs',
    table: [],
  },
];

/** The bottleneck tables, in the order the page shows them. */
export const BOTTLENECK_ORDER = ['queue', 'node', 'agent', 'team', 'hour'];

export const BOTTLENECK_TITLES: Record<string, { title: string; hint: string }> = {
  queue: {
    title: 'Queues with the longest waits',
    hint: 'From entering the queue unassigned to the next assignment.',
  },
  node: { title: 'Flow nodes where runs park longest', hint: 'Wait nodes, from parking to resuming.' },
  agent: {
    title: 'Agents over capacity',
    hint: 'Assignments that left an agent more open issues than their capacity for that channel.',
  },
  team: { title: 'Teams over capacity', hint: 'The same, per team.' },
  hour: { title: 'When offers expire', hint: 'Expired handoff offers by hour of the week (UTC).' },
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Steps a duration axis may take: round numbers of the unit each one is read in. */
const DURATION_STEPS = [
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500],
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR),
  ...[1, 2, 3, 7, 14, 28].map((n) => n * DAY),
];

/**
 * Ticks for a duration axis from 0 to at least `maxMs`: at most `count` steps of a round duration
 * (250 ms, 15 s, 30 min, 6 h, 2 days…). The chart's own ticks are round in milliseconds, which
 * read as "8 h 20 min, 16 h 40 min" — or, below a second rounded to tenths, the same label twice.
 */
export function durationTicks(maxMs: number, count = 4): number[] {
  const top = Math.max(maxMs, 1);
  const step = DURATION_STEPS.find((s) => s * count >= top) ?? Math.ceil(top / count / (7 * DAY)) * 7 * DAY;
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) {
    ticks.push(t);
    if (t >= top) break;
  }
  return ticks;
}

/** A duration axis's tick: its zero is "0", whatever unit the others are read in. */
export function formatDurationTick(ms: number): string {
  return ms === 0 ? '0' : formatDuration(ms);
}
