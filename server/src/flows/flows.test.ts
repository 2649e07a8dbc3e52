/** The flows API as a designer uses it: draft, validate, publish, diff, enable, simulate, replay, runs. */
import type {
  FlowDiff,
  FlowRecord,
  FlowReplayReport,
  FlowRun,
  FlowSimulation,
  FlowVersion,
  Issue,
  TimelineEvent,
} from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { installReferenceFlows, loadReferenceFlow } from './reference.ts';

let baton: TestBaton;
let designer: string;
beforeEach(async () => {
  baton = await startTestBaton();
  designer = await baton.tokenFor('designer');
});
afterEach(() => baton.close());

const reference = loadReferenceFlow();

async function createFlow(body: object): Promise<FlowRecord> {
  const res = await baton.request({ method: 'POST', url: '/api/flows', payload: body, token: designer });
  expect(res.statusCode).toBe(201);
  return res.json<FlowRecord>();
}

async function createReference(): Promise<FlowRecord> {
  const { name, description, nodes, edges } = reference;
  return createFlow({ name, description, nodes, edges });
}

async function publish(flowId: string, note: string, expected = 201) {
  const res = await baton.request({
    method: 'POST',
    url: `/api/flows/${flowId}/publish`,
    payload: { note },
    token: designer,
  });
  expect(res.statusCode, res.body).toBe(expected);
  return res;
}

async function openIssue(over: Record<string, unknown> = {}): Promise<Issue> {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: 'Question about my invoice',
      body: 'The invoice for December lists two seats, but we only have one. Can you correct it?',
      channel: 'email',
      customer: { email: 'grace@example.com', name: 'Grace Hopper', tier: 'premium' },
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
  await baton.services.bus.drain();
  return res.json<Issue>();
}

async function runsOf(issueId: string): Promise<FlowRun[]> {
  const res = await baton.request({ url: `/api/issues/${issueId}/runs` });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: FlowRun[] }>().items;
}

describe('validation on save and publish', () => {
  it('rejects a flow with a cycle, a dangling edge and an unknown kind, each error naming its node or edge', async () => {
    const p = { x: 0, y: 0 };
    const flow = await createFlow({
      name: 'Broken',
      nodes: [
        { id: 'start', type: 'trigger', position: p, data: { events: ['issue.created'] } },
        { id: 'tag', type: 'set', position: p, data: { tags: { add: ['looped'] } } },
        {
          id: 'check',
          type: 'condition',
          position: p,
          data: {
            condition: { all: [{ fact: 'issue', path: '$.status', operator: 'equal', value: 'new' }] },
          },
        },
        { id: 'magic', type: 'teleport', position: p, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceHandle: 'next', target: 'tag' },
        { id: 'e2', source: 'tag', sourceHandle: 'next', target: 'check' },
        { id: 'back', source: 'check', sourceHandle: 'true', target: 'tag' },
        { id: 'e4', source: 'check', sourceHandle: 'false', target: 'magic' },
        { id: 'lost', source: 'magic', sourceHandle: 'next', target: 'nowhere' },
      ],
    });
    // The draft is saved (work in progress) and says what is wrong.
    expect(flow.validation.valid).toBe(false);
    const codes = flow.validation.errors.map((e) => [e.code, e.nodeId ?? e.edgeId]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['unknown-kind', 'magic'],
        ['dangling-edge', 'lost'],
        ['cycle-without-wait', 'tag'],
      ]),
    );
    const cycle = flow.validation.errors.find((e) => e.code === 'cycle-without-wait')!;
    expect(cycle).toMatchObject({ nodeId: 'tag', edgeId: 'back', pointer: '/edges/2' });
    expect(cycle.message).toContain('tag → check');

    // Publishing refuses it with a problem listing every error with its node or edge.
    const res = await publish(flow.id, 'try', 422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{
      errors: Array<{ pointer: string; detail: string; code: string; nodeId?: string; edgeId?: string }>;
    }>();
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown-kind', nodeId: 'magic', pointer: '/nodes/3/type' }),
        expect.objectContaining({ code: 'dangling-edge', edgeId: 'lost', pointer: '/edges/4/target' }),
        expect.objectContaining({ code: 'cycle-without-wait', nodeId: 'tag', edgeId: 'back' }),
      ]),
    );
    expect((await baton.request({ url: `/api/flows/${flow.id}/versions` })).json().items).toEqual([]);
  });

  it('keeps an edited draft’s validation current', async () => {
    const flow = await createReference();
    expect(flow.validation).toEqual({ valid: true, errors: [], warnings: [] });
    const nodes = reference.nodes.filter((n) => n.id !== 'end-routed');
    const res = await baton.request({
      method: 'PATCH',
      url: `/api/flows/${flow.id}`,
      payload: { nodes },
      token: designer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<FlowRecord>().validation.errors).toMatchObject([
      {
        code: 'dangling-edge',
        edgeId: 'needs-info:false:end-routed',
        pointer: expect.stringMatching(/^\/edges\/\d+\/target$/),
      },
    ]);
  });
});

describe('versions', () => {
  it('publishes the reference flow as version 1, an edit as version 2, and the diff names the changed node', async () => {
    const flow = await createReference();
    const v1 = (await publish(flow.id, 'first routing rules')).json<FlowVersion>();
    expect(v1).toMatchObject({
      flowId: flow.id,
      version: 1,
      note: 'first routing rules',
      publishedBy: { kind: 'integration' },
    });
    expect(v1.document.version).toBe(1);

    const nodes = reference.nodes.map((n) =>
      n.id === 'set-billing' ? { ...n, data: { ...n.data, queue: 'Finance' } } : n,
    );
    await baton.request({
      method: 'PATCH',
      url: `/api/flows/${flow.id}`,
      payload: { nodes },
      token: designer,
    });
    const v2 = (await publish(flow.id, 'billing goes to Finance')).json<FlowVersion>();
    expect(v2.version).toBe(2);

    const diff = (await baton.request({ url: `/api/flows/${flow.id}/diff?from=1&to=2` })).json<FlowDiff>();
    expect(diff).toEqual({
      flowId: flow.id,
      from: 1,
      to: 2,
      nodes: { added: [], removed: [], changed: [{ id: 'set-billing', fields: ['/data/queue'] }] },
      edges: { added: [], removed: [], changed: [] },
    });

    // Versions are frozen: v1 still routes billing to Billing and Payments.
    const again = (await baton.request({ url: `/api/flows/${flow.id}/versions/1` })).json<FlowVersion>();
    expect(again.document.nodes.find((n) => n.id === 'set-billing')?.data).toMatchObject({
      queue: 'Billing and Payments',
    });
    const list = (await baton.request({ url: `/api/flows/${flow.id}/versions` })).json<{
      items: FlowVersion[];
    }>();
    expect(list.items.map((v) => [v.version, v.note])).toEqual([
      [2, 'billing goes to Finance'],
      [1, 'first routing rules'],
    ]);

    // A draft edit that adds and removes elements shows up against the draft (version 0).
    const trimmed = {
      nodes: [
        ...reference.nodes.filter((n) => n.id !== 'set-after-hours'),
        { id: 'note', type: 'end', position: { x: 0, y: 0 }, data: {} },
      ],
      edges: reference.edges.filter((e) => e.source !== 'set-after-hours' && e.target !== 'set-after-hours'),
    };
    await baton.request({ method: 'PATCH', url: `/api/flows/${flow.id}`, payload: trimmed, token: designer });
    const draftDiff = (
      await baton.request({ url: `/api/flows/${flow.id}/diff?from=2&to=0` })
    ).json<FlowDiff>();
    expect(draftDiff.nodes).toMatchObject({ added: ['note'], removed: ['set-after-hours'] });
    expect(draftDiff.edges.removed.sort()).toEqual([
      'after-hours:true:set-after-hours',
      'set-after-hours:next:sla-apply',
    ]);
  });

  it('lets only designers change flows; readers read them', async () => {
    const viewer = await baton.tokenFor('viewer');
    const denied = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: { name: 'x' },
      token: viewer,
    });
    expect(denied.statusCode).toBe(403);
    const flow = await createReference();
    expect((await baton.request({ url: `/api/flows/${flow.id}`, token: viewer })).statusCode).toBe(200);
    expect(
      (
        await baton.request({
          method: 'POST',
          url: `/api/flows/${flow.id}/publish`,
          payload: {},
          token: viewer,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('simulate', () => {
  it('returns a trace whose path follows the conditions, and changes nothing', async () => {
    const flow = await createReference();
    const res = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/simulate`,
      token: designer,
      payload: {
        issue: {
          subject: 'Refund please',
          body: 'I was charged twice.',
          createdAt: '2026-01-05T20:00:00.000Z',
        },
        customer: { name: 'Ada', tier: 'enterprise' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sim = res.json<FlowSimulation>();
    // no queue named → no model trained yet (uncertain) → billing (keywords) → premium raise → after hours (20:00 UTC = 21:00 Berlin) → short message: ask and wait.
    expect(sim.path).toEqual([
      'trigger',
      'caller-queue',
      'model',
      'keywords',
      'set-billing',
      'vip',
      'set-vip',
      'after-hours',
      'set-after-hours',
      'sla-apply',
      'route',
      'needs-info',
      'ask-customer',
      'wait-reply',
    ]);
    expect(sim.status).toBe('waiting');
    expect(sim.waiting).toMatchObject({
      nodeId: 'wait-reply',
      event: 'message.added',
      dueAt: '2026-01-07T09:00:00.000Z',
    });
    // Each decision in the trace is the one json-rules-engine made, with the values it saw.
    const step = (id: string) => sim.steps.find((s) => s.nodeId === id)!;
    expect(step('keywords')).toMatchObject({
      handle: 'billing',
      detail: { kind: 'switch', matched: 'billing' },
    });
    const cases = (step('keywords').detail as { cases: Array<{ id: string; result: boolean }> }).cases;
    expect(cases.map((c) => [c.id, c.result])).toEqual([
      ['outage', false],
      ['security', false],
      ['billing', true],
    ]);
    expect(step('vip')).toMatchObject({
      handle: 'true',
      detail: {
        result: true,
        condition: { facts: { 'customer.tier': 'enterprise', 'issue.priority': 'medium' } },
      },
    });
    expect(step('needs-info').detail).toMatchObject({
      condition: { facts: { 'timeline.awaitingReply': true } },
    });
    // Actions are recorded, not performed.
    expect(sim.effects.map((e) => [e.nodeId, e.applied])).toEqual([
      ['set-billing', false],
      ['set-vip', false],
      ['set-after-hours', false],
      ['sla-apply', false],
      ['route', false],
      ['ask-customer', false],
    ]);
    expect(sim.issue).toMatchObject({
      queue: 'Billing and Payments',
      priority: 'high',
      status: 'pending',
      tags: ['billing', 'vip', 'after-hours', 'needs-info'],
    });
    expect((await baton.request({ url: '/api/issues' })).json().items).toEqual([]);
  });

  it('runs on a stored issue against a published version without touching it, and can choose wait outcomes', async () => {
    const flow = await createReference();
    await publish(flow.id, 'v1');
    const issue = await openIssue({
      subject: 'Site is down',
      body: 'help',
      customer: { email: 'x@example.com', name: 'X' },
    });
    const res = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/simulate`,
      token: designer,
      payload: { issueId: issue.id, version: 1, waits: { 'wait-reply': 'timeout' } },
    });
    const sim = res.json<FlowSimulation>();
    expect(sim).toMatchObject({ version: 1, status: 'completed', outcome: 'closed-no-reply' });
    expect(sim.path.slice(0, 5)).toEqual(['trigger', 'caller-queue', 'model', 'keywords', 'set-outage']);
    expect(sim.path.slice(-3)).toEqual(['wait-reply', 'no-reply', 'end-no-reply']);
    const stored = (await baton.request({ url: `/api/issues/${issue.id}` })).json<Issue>();
    expect(stored).toEqual(issue);
    expect(await runsOf(issue.id)).toEqual([]);
  });

  it('refuses to simulate a draft with errors, naming them', async () => {
    const flow = await createFlow({ name: 'Empty' });
    const res = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/simulate`,
      token: designer,
      payload: { issue: { subject: 'x' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ pointer: '/nodes' });
  });
});

describe('running on issues', () => {
  it('posting a matching issue creates a stored run on the pinned version, acting through the issues module', async () => {
    const flow = await createReference();
    await publish(flow.id, 'v1');
    const enabled = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/enable`,
      payload: {},
      token: designer,
    });
    expect(enabled.json<FlowRecord>()).toMatchObject({
      enabled: true,
      enabledVersion: 1,
      triggerEvents: ['issue.created'],
    });

    const issue = await openIssue();
    const [run] = await runsOf(issue.id);
    expect(run).toMatchObject({
      flowId: flow.id,
      version: 1,
      issueId: issue.id,
      status: 'completed',
      outcome: 'routed',
      trigger: { event: 'issue.created' },
      depth: 0,
    });
    expect(run!.path).toEqual([
      'trigger',
      'caller-queue',
      'model',
      'keywords',
      'set-billing',
      'vip',
      'set-vip',
      'after-hours',
      'sla-apply',
      'route',
      'needs-info',
      'end-routed',
    ]);
    expect(run!.effects.every((e) => e.applied)).toBe(true);

    const now = (await baton.request({ url: `/api/issues/${issue.id}` })).json<Issue>();
    expect(now).toMatchObject({ queue: 'Billing and Payments', priority: 'high', tags: ['billing', 'vip'] });
    const timeline = (await baton.request({ url: `/api/issues/${issue.id}/timeline` })).json<{
      items: TimelineEvent[];
    }>();
    const byFlow = timeline.items.filter((e) => e.author.kind === 'system' && e.author.id === flow.id);
    // set-billing and set-vip are consecutive field steps: one change, one entry saying all of it.
    expect(byFlow).toHaveLength(1);
    expect(byFlow[0]!.author.name).toBe('flow Reference routing v1');
    expect(Object.keys((byFlow[0] as { data?: object }).data ?? {}).sort()).toEqual([
      'priority',
      'queue',
      'tags',
    ]);

    // The run is readable by id and by flow, and the flow list shows it.
    expect((await baton.request({ url: `/api/runs/${run!.id}` })).json<FlowRun>().steps).toHaveLength(12);
    expect(
      (await baton.request({ url: `/api/flows/${flow.id}/runs` })).json().items.map((r: FlowRun) => r.id),
    ).toEqual([run!.id]);
    const list = (await baton.request({ url: '/api/flows' })).json<{ items: FlowRecord[] }>();
    expect(list.items[0]).toMatchObject({
      id: flow.id,
      enabled: true,
      enabledVersion: 1,
      latestVersion: 1,
      lastRun: { id: run!.id, status: 'completed', version: 1 },
    });

    // Version 2 runs on new issues once enabled; the old run stays pinned to version 1.
    const nodes = reference.nodes.map((n) =>
      n.id === 'set-billing' ? { ...n, data: { ...n.data, queue: 'Finance' } } : n,
    );
    await baton.request({
      method: 'PATCH',
      url: `/api/flows/${flow.id}`,
      payload: { nodes },
      token: designer,
    });
    await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/publish`,
      payload: { note: 'v2', enable: true },
      token: designer,
    });
    const second = await openIssue({ customer: { email: 'linus@example.com', name: 'Linus' } });
    expect((await runsOf(second.id))[0]).toMatchObject({ version: 2, outcome: 'routed' });
    expect((await baton.request({ url: `/api/issues/${second.id}` })).json<Issue>().queue).toBe('Finance');
    expect((await baton.request({ url: `/api/runs/${run!.id}` })).json<FlowRun>().version).toBe(1);

    // Disabled: no more runs.
    await baton.request({ method: 'POST', url: `/api/flows/${flow.id}/disable`, token: designer });
    const third = await openIssue({ customer: { email: 'ken@example.com', name: 'Ken' } });
    expect(await runsOf(third.id)).toEqual([]);
  });

  it('installReferenceFlows creates, publishes and enables the reference flow once', async () => {
    const first = await installReferenceFlows(baton.services);
    const again = await installReferenceFlows(baton.services);
    expect(first).toEqual([
      { name: 'Reference routing', flowId: expect.stringMatching(/^flw_/), created: true },
      { name: 'Default notifications', flowId: expect.stringMatching(/^flw_/), created: true },
    ]);
    expect(again).toEqual(first.map((f) => ({ ...f, created: false })));
    const record = await baton.services.flows.get(first[0]!.flowId);
    expect(record).toMatchObject({ enabled: true, enabledVersion: 1, latestVersion: 1 });
    const issue = await openIssue({
      subject: 'Suspicious login from abroad',
      body: 'Someone logged into my account, I think I was hacked. Please lock it.',
    });
    expect((await runsOf(issue.id))[0]).toMatchObject({ status: 'completed', outcome: 'routed' });
    expect((await baton.request({ url: `/api/issues/${issue.id}` })).json<Issue>()).toMatchObject({
      queue: 'Security Operations',
      priority: 'high',
    });
  });
});

describe('replay', () => {
  it('reports per node, outcome and queue what the draft would change over past issues', async () => {
    const flow = await createReference();
    await publish(flow.id, 'v1');
    const subjects = [
      ['Invoice is wrong', 'The amount on the invoice does not match our plan at all.'],
      ['Refund for last month', 'We cancelled in November but were still charged in December.'],
      ['Cannot log in', 'Since this morning the login page says my password is wrong.'],
      ['Feature request', 'It would be great to export reports as CSV files for our team.'],
    ];
    const issues: Issue[] = [];
    for (const [subject, body] of subjects) {
      issues.push(
        await openIssue({ subject, body, customer: { email: `${subject!.length}@example.com`, name: 'C' } }),
      );
    }
    // The draft sends billing to Finance.
    const nodes = reference.nodes.map((n) =>
      n.id === 'set-billing' ? { ...n, data: { ...n.data, queue: 'Finance' } } : n,
    );
    await baton.request({
      method: 'PATCH',
      url: `/api/flows/${flow.id}`,
      payload: { nodes },
      token: designer,
    });

    const res = await baton.request({
      method: 'POST',
      url: `/api/flows/${flow.id}/replay`,
      token: designer,
      payload: { limit: 10 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<FlowReplayReport>();
    expect(report).toMatchObject({ flowId: flow.id, version: 1, issues: 4, changedCount: 2 });
    expect(report.changed.map((c) => c.issueId).sort()).toEqual([issues[0]!.id, issues[1]!.id].sort());
    expect(report.changed[0]).toMatchObject({
      published: { queue: 'Billing and Payments' },
      draft: { queue: 'Finance' },
    });
    expect(report.queues).toEqual(
      expect.arrayContaining([
        { key: 'Billing and Payments', draft: 0, published: 2 },
        { key: 'Finance', draft: 2, published: 0 },
        { key: 'Service Outages and Maintenance', draft: 1, published: 1 },
        { key: 'General Inquiry', draft: 1, published: 1 },
      ]),
    );
    expect(report.nodes.find((n) => n.nodeId === 'set-billing')).toEqual({
      nodeId: 'set-billing',
      type: 'set',
      draft: 2,
      published: 2,
    });
    expect(report.outcomes).toEqual([{ key: 'routed', draft: 4, published: 4 }]);
    // Nothing was changed or stored by the replay.
    for (const issue of issues) {
      expect((await baton.request({ url: `/api/issues/${issue.id}` })).json<Issue>()).toEqual(issue);
    }
  });
});
