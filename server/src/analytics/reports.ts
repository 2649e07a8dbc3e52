/**
 * The five reports: which counters they read, which columns they show (with how each is computed from
 * the summed counters) and which dimensions they may be grouped by. Pure: the service sums rollup rows
 * and hands them here.
 */
import { type Dimension, EXTRA_DIMENSIONS, ISSUE_DIMENSIONS } from './dimensions.ts';
import { DURATION_BUCKETS } from './projector.ts';

export type Counters = Record<string, number>;
export type Unit = 'count' | 'ms' | 'ratio';

export interface Column {
  key: string;
  label: string;
  unit: Unit;
  /** The counter whose facts list the issues behind this number (drill-down). */
  drill?: string;
  value(c: Counters, m: Counters): number | null;
}

export const REPORTS = ['handoffs', 'sla', 'routing', 'teams', 'bottlenecks'] as const;
export type ReportName = (typeof REPORTS)[number];

const n = (key: string) => (c: Counters) => c[key] ?? 0;
const ratio = (num: string, den: string | string[]) => (c: Counters) => {
  const d = (Array.isArray(den) ? den : [den]).reduce((s, k) => s + (c[k] ?? 0), 0);
  return d ? (c[num] ?? 0) / d : null;
};
const count = (key: string, label: string, drill: string | undefined = key): Column => ({
  key,
  label,
  unit: 'count',
  ...(drill ? { drill } : {}),
  value: n(key),
});
/** A column showing one counter under another key. */
const counter = (key: string, label: string, of: string): Column => ({
  key,
  label,
  unit: 'count',
  drill: of,
  value: n(of),
});
const avg = (key: string, label: string, sum: string, of: string): Column => ({
  key,
  label,
  unit: 'ms',
  drill: of,
  value: (c) => (c[of] ? (c[sum] ?? 0) / c[of]! : null),
});
const rate = (key: string, label: string, num: string, den: string | string[], drill = num): Column => ({
  key,
  label,
  unit: 'ratio',
  drill,
  value: ratio(num, den),
});
const max = (key: string, label: string, of: string, drill: string): Column => ({
  key,
  label,
  unit: 'ms',
  drill,
  value: (_c, m) => m[of] ?? null,
});

export const SLA_METRICS = [
  ['firstResponse', 'First response'],
  ['handoffCompletion', 'Handoff completion'],
  ['resolution', 'Resolution'],
] as const;
export const STATES = ['new', 'open', 'pending'] as const;

const handoffColumns: Column[] = [
  count('issues', 'Issues opened', undefined),
  count('handoffs', 'Handoffs'),
  {
    key: 'handoffsPerIssue',
    label: 'Handoffs per issue',
    unit: 'count',
    drill: 'handoffs',
    value: ratio('handoffs', 'issues'),
  },
  {
    key: 'handoffsPerHandedOff',
    label: 'Handoffs per handed-off issue',
    unit: 'count',
    drill: 'handedOff',
    value: ratio('handoffs', 'handedOff'),
  },
  count('offers', 'Offers'),
  count('accepted', 'Accepted'),
  avg('avgAcceptMs', 'Avg time to accept', 'acceptMs', 'accepted'),
  count('completed', 'Completed'),
  avg('avgCompleteMs', 'Avg time to complete', 'completeMs', 'completed'),
  count('bounced', 'Bounced back'),
  count('declined', 'Declined offers'),
  count('expired', 'Expired offers'),
  count('over2', 'Issues with more than two handoffs'),
  count('ctxChecked', 'Handoffs the customer wrote after'),
  count('ctxLost', 'Customer repeated themselves'),
  rate('contextLoss', 'Context loss rate', 'ctxLost', 'ctxChecked'),
];

const slaColumns: Column[] = [
  ...SLA_METRICS.flatMap(([m, label]): Column[] => [
    rate(
      `${m}Attainment`,
      `${label}: attainment`,
      `sla_${m}_met`,
      [`sla_${m}_met`, `sla_${m}_missed`],
      `sla_${m}_missed`,
    ),
    counter(`${m}Met`, `${label}: met`, `sla_${m}_met`),
    counter(`${m}Missed`, `${label}: missed`, `sla_${m}_missed`),
    counter(`${m}Breaches`, `${label}: breaches`, `sla_${m}_breached`),
    avg(`${m}AvgMs`, `${label}: avg time`, `sla_${m}_elapsedMs`, `sla_${m}_stopped`),
    { key: `${m}PausedMs`, label: `${label}: time paused`, unit: 'ms', value: n(`sla_${m}_pausedMs`) },
  ]),
  ...STATES.map((s) => avg(`state_${s}`, `Avg time ${s}`, `state_${s}_ms`, `state_${s}_n`)),
  count('steps', 'Playbook steps'),
  count('stepsOnTime', 'Steps on time'),
  count('stepsLate', 'Steps late'),
  count('stepsMissed', 'Steps missed'),
  rate('stepTimeliness', 'Step timeliness', 'stepsOnTime', 'steps', 'stepsLate'),
  avg('avgStepMs', 'Avg step duration', 'stepMs', 'stepTimed'),
];

const routingColumns: Column[] = [
  count('resolved', 'Resolved'),
  rate('firstAssigneeRate', 'First-assignee resolution rate', 'firstResolved', 'resolved'),
  count('firstResolved', 'Resolved by first assignee'),
  rate('reassignmentRate', 'Reassignment rate', 'reassigned', 'resolved'),
  count('reassigned', 'Reassigned'),
  count('assigned', 'Assignments'),
  count('classified', 'Classified'),
  rate('classifierAccuracy', 'Classifier accuracy', 'classifiedRight', 'classified', 'classified'),
  count('queueWaits', 'Waited in a queue'),
  avg('avgQueueWaitMs', 'Avg queue wait', 'queueWaitMs', 'queueWaits'),
];

const teamColumns: Column[] = [
  count('offers', 'Offers received'),
  count('accepted', 'Accepted'),
  rate('acceptanceRate', 'Acceptance rate', 'accepted', 'offers', 'declined'),
  avg('avgAcceptMs', 'Avg time to accept', 'acceptMs', 'accepted'),
  count('declined', 'Declined'),
  count('expired', 'Expired'),
  count('completed', 'Completed'),
  count('resolved', 'Resolved'),
  {
    key: 'slaAttainment',
    label: 'SLA attainment',
    unit: 'ratio',
    drill: 'sla_firstResponse_missed',
    value: (c) => {
      const met = SLA_METRICS.reduce((s, [m]) => s + (c[`sla_${m}_met`] ?? 0), 0);
      const missed = SLA_METRICS.reduce((s, [m]) => s + (c[`sla_${m}_missed`] ?? 0), 0);
      return met + missed ? met / (met + missed) : null;
    },
  },
  count('overCapacity', 'Assignments over capacity'),
];

const bottleneckColumns: Record<'queue' | 'node' | 'agent' | 'team' | 'hour', Column[]> = {
  queue: [
    count('queueWaits', 'Waits'),
    avg('avgQueueWaitMs', 'Avg wait', 'queueWaitMs', 'queueWaits'),
    max('maxQueueWaitMs', 'Longest wait', 'queueWaitMax', 'queueWaits'),
  ],
  node: [
    count('parks', 'Runs parked'),
    avg('avgParkMs', 'Avg park', 'parkMs', 'parks'),
    max('maxParkMs', 'Longest park', 'parkMax', 'parks'),
  ],
  agent: [count('overCapacity', 'Assignments over capacity'), count('assigned', 'Assignments')],
  team: [count('overCapacity', 'Assignments over capacity'), count('assigned', 'Assignments')],
  hour: [count('expired', 'Expired offers')],
};
export type BottleneckTable = keyof typeof bottleneckColumns;
export const BOTTLENECK_TABLES = Object.keys(bottleneckColumns) as BottleneckTable[];

export interface ReportSpec {
  groupBy: readonly Dimension[];
  defaultGroupBy: Dimension;
  columns(groupBy: Dimension): Column[];
  /** Columns of the day-by-day trend (of all issues). */
  trend: readonly string[];
  /** Which way is worse, to sort the groups: the column and its direction. */
  sort: { key: string; desc: boolean };
}

export const SPECS: Record<ReportName, ReportSpec> = {
  handoffs: {
    groupBy: [...ISSUE_DIMENSIONS, 'reason', 'node', 'event'],
    defaultGroupBy: 'team',
    columns: () => handoffColumns,
    trend: ['handoffs', 'accepted', 'expired', 'avgAcceptMs', 'avgCompleteMs', 'contextLoss'],
    sort: { key: 'handoffs', desc: true },
  },
  sla: {
    groupBy: [...ISSUE_DIMENSIONS, 'step'],
    defaultGroupBy: 'team',
    columns: () => slaColumns,
    trend: SLA_METRICS.map(([m]) => `${m}Attainment`),
    sort: { key: 'firstResponseMissed', desc: true },
  },
  routing: {
    groupBy: ISSUE_DIMENSIONS,
    defaultGroupBy: 'queue',
    columns: () => routingColumns,
    trend: ['firstAssigneeRate', 'reassignmentRate', 'classifierAccuracy'],
    sort: { key: 'resolved', desc: true },
  },
  teams: {
    groupBy: ['team', 'agent'],
    defaultGroupBy: 'team',
    columns: () => teamColumns,
    trend: ['offers', 'accepted', 'resolved'],
    sort: { key: 'offers', desc: true },
  },
  bottlenecks: {
    groupBy: BOTTLENECK_TABLES,
    defaultGroupBy: 'queue',
    columns: (g) => bottleneckColumns[g as BottleneckTable] ?? bottleneckColumns.queue,
    trend: ['avgQueueWaitMs', 'avgParkMs', 'expired'],
    sort: { key: 'avgQueueWaitMs', desc: true },
  },
};

/** Every column of every report by key (for trend columns, which may come from another table). */
export function columnByKey(report: ReportName, key: string): Column | undefined {
  const spec = SPECS[report];
  for (const g of spec.groupBy) {
    const c = spec.columns(g).find((col) => col.key === key);
    if (c) return c;
  }
  return ALL_COLUMNS.find((c) => c.key === key);
}

const ALL_COLUMNS: Column[] = [
  ...handoffColumns,
  ...slaColumns,
  ...routingColumns,
  ...teamColumns,
  ...Object.values(bottleneckColumns).flat(),
];

export function bucketLabels(): string[] {
  const fmt = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`);
  return [
    `under ${fmt(DURATION_BUCKETS[0])}`,
    ...DURATION_BUCKETS.slice(1).map((limit, i) => `${fmt(DURATION_BUCKETS[i]!)}–${fmt(limit)}`),
    `${fmt(DURATION_BUCKETS[DURATION_BUCKETS.length - 1]!)} or more`,
  ];
}

export const DIMENSION_NAMES = [...ISSUE_DIMENSIONS, ...EXTRA_DIMENSIONS];

/** The counters some column drills into: only these get a fact per occurrence (rollups.ts). */
export const DRILLED: ReadonlySet<string> = new Set(ALL_COLUMNS.flatMap((c) => (c.drill ? [c.drill] : [])));

/**
 * Counters whose occurrence is already listed by another counter of the same increment: no fact of
 * their own then, and their drill-down reads the facts of those too. A first offer is a handoff (its
 * `handoffs` fact lists it as an offer as well); a stopped clock that met or missed its target is
 * listed by that outcome. One fact fewer per handoff and per settled clock on the ingest path.
 */
export const SUBSUMED: Readonly<Record<string, readonly string[]>> = {
  offers: ['handoffs'],
  ...Object.fromEntries(SLA_METRICS.map(([m]) => [`sla_${m}_stopped`, [`sla_${m}_met`, `sla_${m}_missed`]])),
};
