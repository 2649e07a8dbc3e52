import type { RoutingStrategy } from '@baton/schemas/types';

export const STRATEGY_LABELS: Record<RoutingStrategy, { title: string; hint: string }> = {
  'least-loaded': {
    title: 'Least loaded',
    hint: 'The agent with the most room for this channel takes the next issue.',
  },
  'round-robin': {
    title: 'Round robin',
    hint: 'Agents take turns: whoever was assigned from this queue longest ago goes next.',
  },
};
