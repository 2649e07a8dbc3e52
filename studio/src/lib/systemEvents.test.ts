import { describe, expect, it } from 'vitest';
import { absoluteTime } from './format.ts';
import { describeSystemEvent, type Names, withoutRoutingEchoes } from './systemEvents.ts';

const names: Names = {
  agent: (id) => ({ agt_lena: 'Lena Fischer', agt_ada: 'Ada Park' })[id],
  team: (id) => ({ team_billing: 'Billing desk' })[id],
};
const routing = (data: Record<string, unknown>, text = '') =>
  describeSystemEvent({ action: 'routing', text, data }, names);

describe('routing notes in words', () => {
  it('says who got the issue, by name', () => {
    expect(routing({ outcome: 'assigned', queue: 'Billing and Payments', agentId: 'agt_ada' })).toBe(
      'routed the issue to Ada Park from the Billing and Payments queue',
    );
  });

  it('names the team the issue was routed for', () => {
    expect(
      routing({
        outcome: 'assigned',
        queue: 'Billing and Payments',
        agentId: 'agt_ada',
        teamId: 'team_billing',
      }),
    ).toBe('routed the issue to Ada Park (Billing desk) from the Billing and Payments queue');
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

describe('the router says an assignment once', () => {
  const router = { kind: 'system', name: 'routing' };
  const assigned = (agentId: string, author = router, more: Record<string, unknown> = {}) => ({
    id: `assign-${agentId}`,
    type: 'system_event',
    action: 'issue.updated',
    author,
    data: { assignee: { from: null, to: { agentId, teamId: 'team_billing' } }, ...more },
  });
  const routed = (agentId: string) => ({
    id: `routed-${agentId}`,
    type: 'system_event',
    action: 'routing',
    author: router,
    data: { outcome: 'assigned', queue: 'Billing and Payments', agentId, teamId: 'team_billing' },
  });
  type Entry = ReturnType<typeof routed> | ReturnType<typeof assigned>;
  const ids = (events: Entry[]) => withoutRoutingEchoes(events).map((e) => e.id);

  it("leaves out the router's change when its note for the same agent follows", () => {
    expect(ids([assigned('agt_ada'), routed('agt_ada')])).toEqual(['routed-agt_ada']);
    // Newest first (a customer's timeline), the note comes before the change.
    expect(ids([routed('agt_ada'), assigned('agt_ada')])).toEqual(['routed-agt_ada']);
  });

  it('keeps an assignment someone made, one that changed more, or one another note follows', () => {
    const person = { kind: 'agent', name: 'Lena Fischer' };
    expect(ids([assigned('agt_ada', person), routed('agt_ada')])).toEqual([
      'assign-agt_ada',
      'routed-agt_ada',
    ]);
    const withStatus = assigned('agt_ada', router, { status: { from: 'new', to: 'open' } });
    expect(ids([withStatus, routed('agt_ada')])).toEqual(['assign-agt_ada', 'routed-agt_ada']);
    expect(ids([assigned('agt_ada'), routed('agt_lena')])).toEqual(['assign-agt_ada', 'routed-agt_lena']);
    expect(ids([assigned('agt_ada')])).toEqual(['assign-agt_ada']);
  });
});
