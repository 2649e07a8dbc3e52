/** The route, sla, handoff and escalate node kinds in published flows, through the flows API. */
import type { FlowEdge, FlowNode, FlowRun, Handoff } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { deployFlow, edge, node, settle as settleFlows } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

const MINUTE = 60_000;
const clock = new ManualClock('2026-01-05T09:00:00.000Z');
let baton: TestBaton;
let designer: string;
const agents: string[] = [];

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  designer = await baton.tokenFor('designer');
  const team = (
    await baton.request({ method: 'POST', url: '/api/teams', payload: { name: 'Desk', queues: ['Kinds'] } })
  ).json().id;
  for (const name of ['Uma', 'Vic']) {
    const res = await baton.request({
      method: 'POST',
      url: '/api/agents',
      payload: {
        name,
        email: `${name.toLowerCase()}@example.com`,
        timeZone: 'UTC',
        teamIds: [team],
        status: 'available',
      },
    });
    agents.push(res.json().id);
  }
});
afterAll(() => baton.close());

const settle = () => settleFlows(baton);

/** Creates, publishes and enables a flow as the designer; its id. */
const publish = async (name: string, nodes: FlowNode[], edges: FlowEdge[]) =>
  (await deployFlow(baton, { name, nodes, edges }, designer)).id;

async function runsOf(issueId: string): Promise<FlowRun[]> {
  return (await baton.request({ url: `/api/issues/${issueId}/runs` })).json().items;
}

let n = 0;
async function openIssue(tags: string[]) {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: `Kinds ${++n}`,
      body: 'Help please, it is broken.',
      channel: 'email',
      tags,
      customer: { email: `k${n}@example.com` },
    },
  });
  await settle();
  return res.json() as { id: string };
}

describe('support node kinds', () => {
  it('are in the catalog with their trigger events and facts', async () => {
    const catalog = (await baton.request({ url: '/api/node-kinds' })).json();
    expect(catalog.kinds.map((k: { type: string }) => k.type)).toEqual(
      expect.arrayContaining(['route', 'sla', 'handoff', 'escalate']),
    );
    expect(catalog.triggerEvents.map((t: { type: string }) => t.type)).toEqual(
      expect.arrayContaining([
        'sla.warning',
        'sla.breached',
        'handoff.offered',
        'handoff.settled',
        'routing.queued',
        'escalation.ended',
      ]),
    );
    expect(catalog.facts.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['sla', 'agentLoad', 'queue', 'handoffs']),
    );
    const sla = catalog.kinds.find((k: { type: string }) => k.type === 'sla');
    expect(sla.dataSchema.properties.action.enum).toContain('check');
  });

  it('refuses nodes whose data cannot work, naming the node', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/flows/validate',
      token: designer,
      payload: {
        nodes: [
          node('t', 'trigger', { events: ['issue.created'] }),
          node('clock', 'sla', { action: 'pause' }),
          node('esc', 'escalate', { steps: [{ type: 'round-robin', message: 'who?' }] }),
        ],
        edges: [edge('t', 'next', 'clock'), edge('clock', 'next', 'esc')],
      },
    });
    const errors = res.json().errors as Array<{ nodeId: string; code: string }>;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'clock', code: 'missing-metric' }),
        expect.objectContaining({ nodeId: 'esc', code: 'invalid-step' }),
      ]),
    );
  });

  it('route → handoff: the run parks on the offer and resumes with accepted or expired', async () => {
    const flowId = await publish(
      'Route and hand off',
      [
        node('t', 'trigger', {
          events: ['issue.created'],
          filter: { fact: 'issue', path: '$.tags', operator: 'contains', value: 'handoff-test' },
        }),
        node('route', 'route', { queue: 'Kinds' }),
        node('loaded', 'condition', {
          condition: { fact: 'agentLoad', path: '$.open', operator: 'greaterThanInclusive', value: 1 },
        }),
        node('clock', 'sla', { action: 'check', metric: 'firstResponse' }),
        node('handoff', 'handoff', { to: { queue: 'Kinds' }, reason: 'Second opinion', expiresIn: 'PT5M' }),
        node('yes', 'end', { outcome: 'accepted' }),
        node('no', 'end', { outcome: 'not-taken' }),
        node('other', 'end', { outcome: 'other' }),
      ],
      [
        edge('t', 'next', 'route'),
        edge('route', 'assigned', 'loaded'),
        edge('loaded', 'true', 'clock'),
        edge('clock', 'ok', 'handoff'),
        edge('handoff', 'accepted', 'yes'),
        edge('handoff', 'expired', 'no'),
        edge('handoff', 'declined', 'no'),
        edge('handoff', 'failed', 'other'),
      ],
    );
    const first = await openIssue(['handoff-test']);
    let [run] = await runsOf(first.id);
    expect(run).toMatchObject({
      flowId,
      status: 'waiting',
      path: ['t', 'route', 'loaded', 'clock', 'handoff'],
    });
    const routeStep = run!.steps.find((s) => s.nodeId === 'route')!.detail as {
      outcome: string;
      agentId: string;
    };
    expect(routeStep.outcome).toBe('assigned');
    const handoffs = (await baton.request({ url: `/api/issues/${first.id}/handoffs` })).json()
      .items as Handoff[];
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({
      runId: run!.id,
      onExpire: 'none',
      from: { agentId: routeStep.agentId },
    });
    expect(handoffs[0]!.to.agentId).not.toBe(routeStep.agentId);

    const accepted = await baton.request({ method: 'POST', url: `/api/handoffs/${handoffs[0]!.id}/accept` });
    expect(accepted.statusCode).toBe(200);
    await settle();
    [run] = await runsOf(first.id);
    expect(run).toMatchObject({ status: 'completed', outcome: 'accepted' });

    const second = await openIssue(['handoff-test']);
    clock.advance(5 * MINUTE);
    await settle();
    [run] = await runsOf(second.id);
    expect(run).toMatchObject({ status: 'completed', outcome: 'not-taken' });
    // The flow decides after an expiry: the handoff did not re-route on its own.
    expect((await baton.request({ url: `/api/issues/${second.id}/handoffs` })).json().items).toHaveLength(1);
  });

  it('a flow triggered by sla.breached escalates, and the acknowledgement resumes it', async () => {
    await publish(
      'Escalate breaches',
      [
        node('t', 'trigger', {
          events: ['sla.breached'],
          filter: {
            all: [
              { fact: 'event', path: '$.metric', operator: 'equal', value: 'firstResponse' },
              { fact: 'sla', path: '$.breached', operator: 'equal', value: true },
            ],
          },
        }),
        node('tag', 'set', { tags: { add: ['sla-breached'] } }),
        node('esc', 'escalate', {
          name: 'Breach',
          steps: [
            { type: 'notify', to: { assignee: true, queueOnCall: true } },
            { type: 'wait', duration: 'PT15M' },
            { type: 'repeat', times: 1 },
          ],
        }),
        node('acked', 'end', { outcome: 'acked' }),
        node('silent', 'end', { outcome: 'silent' }),
      ],
      [
        edge('t', 'next', 'tag'),
        edge('tag', 'next', 'esc'),
        edge('esc', 'acknowledged', 'acked'),
        edge('esc', 'exhausted', 'silent'),
      ],
    );
    const notices: string[] = [];
    baton.services.bus.on('escalation.notify', (e) => void notices.push(e.issueId));
    clock.set('2026-01-06T09:00:00.000Z');
    const issue = await openIssue(['breach-test']);
    await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { queue: 'Kinds' } });
    await settle();
    clock.advance(61 * MINUTE);
    await settle();
    const run = (await runsOf(issue.id)).find((r) => r.trigger.event === 'sla.breached')!;
    expect(run).toMatchObject({ status: 'waiting', path: ['t', 'tag', 'esc'] });
    expect((await baton.request({ url: `/api/issues/${issue.id}` })).json().tags).toContain('sla-breached');
    // Earlier issues of this file breached too (a day has passed); this one was notified once.
    expect(notices.filter((id) => id === issue.id)).toHaveLength(1);
    const [escalation] = (await baton.request({ url: `/api/issues/${issue.id}/escalations` })).json().items;
    expect(escalation).toMatchObject({ status: 'active', runId: run.id });
    await baton.request({ method: 'POST', url: `/api/escalations/${escalation.id}/ack` });
    await settle();
    const done = (await runsOf(issue.id)).find((r) => r.id === run.id)!;
    expect(done).toMatchObject({ status: 'completed', outcome: 'acked' });
  });

  it('simulates without side effects: route previews, handoffs and escalations are recorded, not made', async () => {
    const flowId = await publish(
      'Simulated',
      [
        node('t', 'trigger', {
          events: ['issue.created'],
          filter: { fact: 'issue', path: '$.tags', operator: 'contains', value: 'never-live' },
        }),
        node('clock', 'sla', { action: 'apply' }),
        node('route', 'route', { queue: 'Kinds' }),
        node('handoff', 'handoff', { to: { queue: 'Kinds' }, reason: 'Sim' }),
        node('end', 'end', { outcome: 'done' }),
      ],
      [
        edge('t', 'next', 'clock'),
        edge('clock', 'next', 'route'),
        edge('route', 'assigned', 'handoff'),
        edge('handoff', 'accepted', 'end'),
      ],
    );
    const res = await baton.request({
      method: 'POST',
      url: `/api/flows/${flowId}/simulate`,
      token: designer,
      payload: { issue: { subject: 'Pasted', tags: ['never-live'] }, waits: { handoff: 'accepted' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sim = res.json();
    expect(sim.path).toEqual(['t', 'clock', 'route', 'handoff', 'end']);
    expect(sim.effects.map((e: { action: string; applied: boolean }) => [e.action, e.applied])).toEqual([
      ['sla.apply', false],
      ['routing.route', false],
      ['handoff.offer', false],
    ]);
    const route = sim.steps.find((s: { nodeId: string }) => s.nodeId === 'route').detail;
    expect(route).toMatchObject({ preview: true, outcome: 'assigned', queue: 'Kinds' });
    expect(agents).toContain(route.agentId);
  });
});
