import type { SlaMetric } from '@baton/schemas/types';

export const METRICS: SlaMetric[] = [
  'firstResponse',
  'nextResponse',
  'resolution',
  'handoffCompletion',
  'customerUpdate',
];

export const METRIC_LABELS: Record<SlaMetric, { title: string; hint: string }> = {
  firstResponse: { title: 'First response', hint: 'Issue opened → first agent reply' },
  nextResponse: { title: 'Next response', hint: 'Customer writes → the agent reply after it' },
  resolution: { title: 'Resolution', hint: 'Issue opened → resolved' },
  handoffCompletion: { title: 'Handoff completed', hint: 'Handoff offered → the new owner takes over' },
  customerUpdate: { title: 'Customer update', hint: 'Longest silence toward the customer' },
};
