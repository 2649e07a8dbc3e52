import type { ReportName, Unit } from '../../api/analytics.ts';

/** A number as people read it: durations in minutes or hours, rates in percent, counts grouped. */
export function formatValue(unit: Unit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'ratio') return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatDuration(ms: number): string {
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
