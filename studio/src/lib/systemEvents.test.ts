import { describe, expect, it } from 'vitest';
import { absoluteTime } from './format.ts';
import { describeSystemEvent, type Names } from './systemEvents.ts';

const names: Names = {
  agent: (id) => ({ agt_lena: 'Lena Fischer', agt_ada: 'Ada Park' })[id],
  team: () => undefined,
};
const routing = (data: Record<string, unknown>, text = '') =>
  describeSystemEvent({ action: 'routing', text, data }, names);

describe('routing notes in words', () => {
  it('says who got the issue, by name', () => {
    expect(routing({ outcome: 'assigned', queue: 'Billing and Payments', agentId: 'agt_ada' })).toBe(
      'routed the issue to Ada Park from the Billing and Payments queue',
    );
  });

  it('says why an issue waits and whose shift starts next', () => {
    const at = '2026-12-07T07:00:00.000Z';
    expect(
      routing({
        outcome: 'queued',
        queue: 'Billing and Payments',
        reason: 'no eligible agent',
        offShift: true,
        nextShiftAt: at,
        nextShiftAgentId: 'agt_lena',
      }),
    ).toBe(
      `put the issue in the Billing and Payments queue to wait: nobody who works it is on shift; Lena Fischer starts at ${absoluteTime(at)}`,
    );
  });

  it('tells a busy queue from an unstaffed one', () => {
    expect(
      routing({ outcome: 'queued', queue: 'Hardware', reason: 'no eligible agent', offShift: false }),
    ).toBe(
      'put the issue in the Hardware queue to wait: nobody can take it right now (away, at capacity or missing a skill)',
    );
    expect(routing({ outcome: 'queued', queue: 'Legal', reason: 'no agents work this queue' })).toBe(
      'put the issue in the Legal queue to wait: no agent works this queue yet',
    );
  });
});
