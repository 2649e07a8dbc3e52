/** The runtime: durable waits (event and timer), the loop guard, failures contained in the run. */
import type { FlowEdge, FlowNode, FlowRecord, FlowRun, Issue } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../shared/clock.ts';
import { deployFlow, edge, node } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import type { NodeKind } from './registry.ts';

let baton: TestBaton;
let clock: ManualClock;
let designer: string;
let agent: string;
beforeEach(async () => {
  baton = await startTestBaton();
  clock = baton.clock as ManualClock;
  designer = await baton.tokenFor('designer');
  agent = await baton.tokenFor('agent');
});
afterEach(() => baton.close());

const leaf = (fact: string, path: string, operator: string, value: unknown) => ({
  all: [{ fact, path, operator, value }],
});

/** Creates, publishes and enables a flow through the API. */
const deploy = (name: string, nodes: FlowNode[], edges: FlowEdge[]): Promise<FlowRecord> =>
  deployFlow(baton, { name, nodes, edges, note: 'test' }, designer);

async function openIssue(over: Record<string, unknown> = {}): Promise<Issue> {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: 'Export fails',
      body: 'The CSV export never finishes.',
      channel: 'chat',
      customer: { email: 'mo@example.com', name: 'Mo' },
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
  await baton.services.bus.drain();
  return res.json<Issue>();
}

async function say(issueId: string, type: 'customer_message' | 'agent_reply', text: string) {
  const res = await baton.request({
    method: 'POST',
    url: `/api/issues/${issueId}/timeline`,
    payload: { type, text },
    token: agent,
  });
  expect(res.statusCode).toBe(201);
  await baton.services.bus.drain();
}

/** An agent changes the issue through the API; returns once every listener has run. */
async function change(issueId: string, payload: Record<string, unknown>) {
  const res = await baton.request({ method: 'PATCH', url: `/api/issues/${issueId}`, payload, token: agent });
  expect(res.statusCode).toBe(200);
  await baton.services.bus.drain();
}

async function runs(issueId: string): Promise<FlowRun[]> {
  return (await baton.request({ url: `/api/issues/${issueId}/runs` })).json<{ items: FlowRun[] }>().items;
}

async function issue(id: string): Promise<Issue> {
  return (await baton.request({ url: `/api/issues/${id}` })).json<Issue>();
}

/** Waits for the customer's reply for an hour. */
const replyFlow = () =>
  deploy(
    'Wait for reply',
    [
      node('start', 'trigger', { events: ['issue.created'] }),
      node('ask', 'set', { status: 'pending' }),
      node('wait', 'wait', {
        mode: 'event',
        event: 'message.added',
        condition: leaf('event', '$.type', 'equal', 'customer_message'),
        timeout: 'PT1H',
      }),
      node('replied', 'set', { tags: { add: ['replied'] } }),
      node('silent', 'set', { tags: { add: ['no-reply'] } }),
      node('end-replied', 'end', { outcome: 'replied' }),
      node('end-silent', 'end', { outcome: 'timed-out' }),
    ],
    [
      edge('start', 'next', 'ask'),
      edge('ask', 'next', 'wait'),
      edge('wait', 'event', 'replied'),
      edge('wait', 'timeout', 'silent'),
      edge('replied', 'next', 'end-replied'),
      edge('silent', 'next', 'end-silent'),
    ],
  );

describe('durable waits', () => {
  it('park a run and resume it on the awaited event (not on other messages), cancelling its timeout', async () => {
    await replyFlow();
    const opened = await openIssue();
    const [parked] = await runs(opened.id);
    expect(parked).toMatchObject({
      status: 'waiting',
      path: ['start', 'ask', 'wait'],
      waiting: {
        nodeId: 'wait',
        seq: 1,
        event: 'message.added',
        dueAt: '2026-01-05T10:00:00.000Z',
        timerId: expect.any(String),
      },
    });
    expect((await issue(opened.id)).status).toBe('pending');

    await say(opened.id, 'agent_reply', 'Could you send a screenshot?');
    expect((await runs(opened.id))[0]!.status).toBe('waiting');

    clock.advance(20 * 60_000);
    await say(opened.id, 'customer_message', 'Here it is.');
    const [resumed] = await runs(opened.id);
    expect(resumed).toMatchObject({
      status: 'completed',
      outcome: 'replied',
      path: ['start', 'ask', 'wait', 'wait', 'replied', 'end-replied'],
    });
    expect(resumed!.steps[3]).toMatchObject({
      nodeId: 'wait',
      resumed: true,
      handle: 'event',
      detail: { resumedBy: 'event' },
    });
    expect(resumed!.waiting).toBeUndefined();
    expect((await issue(opened.id)).tags).toEqual(['replied']);

    // The timeout was cancelled: hours later the run is as it was.
    expect((await baton.services.timers.get(parked!.waiting!.timerId!))?.status).toBe('cancelled');
    clock.advance(2 * 60 * 60_000);
    await baton.services.timers.runDue();
    expect(await runs(opened.id)).toEqual([resumed]);
  });

  it('resume on the timeout handle when no reply comes in time (timers driven by the clock)', async () => {
    await replyFlow();
    const opened = await openIssue();
    clock.advance(59 * 60_000);
    await baton.services.timers.runDue();
    expect((await runs(opened.id))[0]!.status).toBe('waiting');
    clock.advance(60_000);
    await baton.services.timers.runDue();
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({
      status: 'completed',
      outcome: 'timed-out',
      path: ['start', 'ask', 'wait', 'wait', 'silent', 'end-silent'],
    });
    expect(run!.steps[3]).toMatchObject({ resumed: true, handle: 'timeout', detail: { resumedBy: 'timer' } });
    // A late reply no longer resumes anything.
    await say(opened.id, 'customer_message', 'sorry, was away');
    expect((await runs(opened.id))[0]!.path).toHaveLength(6);
  });

  it('resume once when the reply and the timeout arrive together', async () => {
    await replyFlow();
    const opened = await openIssue();
    clock.advance(60 * 60_000);
    await Promise.all([baton.services.timers.runDue(), say(opened.id, 'customer_message', 'just in time')]);
    await baton.services.bus.drain();
    const [run] = await runs(opened.id);
    expect(run!.status).toBe('completed');
    expect(run!.steps.filter((s) => s.resumed)).toHaveLength(1);
    expect(['replied', 'timed-out']).toContain(run!.outcome);
    expect(run!.path).toHaveLength(6);
    const tags = (await issue(opened.id)).tags;
    expect(tags.length).toBe(1);
  });

  it('are claimed by exactly one resumer', async () => {
    await replyFlow();
    const opened = await openIssue();
    const [parked] = await runs(opened.id);
    const claims = await Promise.all([1, 2, 3].map(() => baton.services.runs.claim(parked!.id, 1)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Taken: a reply no longer resumes it.
    await say(opened.id, 'customer_message', 'hello?');
    expect((await runs(opened.id))[0]).toMatchObject({ status: 'running', path: ['start', 'ask', 'wait'] });
  });

  it('stay pinned to the version they started on', async () => {
    const flow = await replyFlow();
    const opened = await openIssue();
    // Version 2 ends differently, and is enabled while the v1 run waits.
    const draft = (await baton.request({ url: `/api/flows/${flow.id}` })).json<FlowRecord>().draft;
    const nodes = draft.nodes.map((n) =>
      n.id === 'end-replied' ? { ...n, data: { outcome: 'v2-replied' } } : n,
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
      payload: { enable: true },
      token: designer,
    });
    await say(opened.id, 'customer_message', 'back');
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({ version: 1, status: 'completed', outcome: 'replied' });
  });

  it('end as failed when their flow is deleted; the timer then resumes nothing', async () => {
    const flow = await replyFlow();
    const opened = await openIssue();
    const deleted = await baton.request({ method: 'DELETE', url: `/api/flows/${flow.id}`, token: designer });
    expect(deleted.statusCode).toBe(204);
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({
      status: 'failed',
      error: { message: 'the flow was deleted while this run waited' },
    });
    expect(run!.waiting).toBeUndefined();
    clock.advance(2 * 60 * 60_000);
    await baton.services.timers.runDue();
    await say(opened.id, 'customer_message', 'still there?');
    expect(await runs(opened.id)).toEqual([run]);
    expect((await issue(opened.id)).tags).toEqual([]);
  });

  it('wait for a duration, and are re-armed by recover() after a restart', async () => {
    await deploy(
      'Follow up',
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('pause', 'wait', { mode: 'duration', duration: 'PT30M' }),
        node('bump', 'set', { priority: 'high' }),
      ],
      [edge('start', 'next', 'pause'), edge('pause', 'next', 'bump')],
    );
    const opened = await openIssue();
    const [parked] = await runs(opened.id);
    expect(parked!.waiting).toMatchObject({ dueAt: '2026-01-05T09:30:00.000Z', dueHandle: 'next' });
    // Re-arming is idempotent by key: the same timer, not a second one.
    expect(await baton.services.runtime.recover()).toBe(1);
    expect((await runs(opened.id))[0]!.waiting!.timerId).toBe(parked!.waiting!.timerId);
    clock.advance(30 * 60_000);
    await baton.services.timers.runDue();
    expect(await runs(opened.id)).toMatchObject([
      { status: 'completed', path: ['start', 'pause', 'pause', 'bump'] },
    ]);
    expect((await issue(opened.id)).priority).toBe('high');
  });
});

describe('loop guard', () => {
  it('never starts a flow on an event its own run caused', async () => {
    const flow = await deploy(
      'Tag every change',
      [
        node('start', 'trigger', { events: ['issue.updated'] }),
        node('tag', 'set', { tags: { add: ['touched'] } }),
      ],
      [edge('start', 'next', 'tag')],
    );
    const opened = await openIssue();
    await change(opened.id, { priority: 'low' });
    const all = await runs(opened.id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ flowId: flow.id, status: 'completed', depth: 0 });
    expect((await issue(opened.id)).tags).toEqual(['touched']);
  });

  it('stops two flows undoing each other (A → B → A) after one round', async () => {
    const raise = await deploy(
      'Raise low',
      [
        node('start', 'trigger', {
          events: ['issue.updated'],
          filter: leaf('issue', '$.priority', 'equal', 'low'),
        }),
        node('set', 'set', { priority: 'high' }),
      ],
      [edge('start', 'next', 'set')],
    );
    const lower = await deploy(
      'Lower high',
      [
        node('start', 'trigger', {
          events: ['issue.updated'],
          filter: leaf('issue', '$.priority', 'equal', 'high'),
        }),
        node('set', 'set', { priority: 'low' }),
      ],
      [edge('start', 'next', 'set')],
    );
    const opened = await openIssue();
    await change(opened.id, { priority: 'low' });
    const all = await runs(opened.id);
    // Raise ran on the person's change (depth 0); Lower on Raise's (depth 1); Raise is in the chain now.
    expect(all.map((r) => [r.flowId, r.depth]).sort()).toEqual(
      [
        [raise.id, 0],
        [lower.id, 1],
      ].sort(),
    );
    const second = all.find((r) => r.flowId === lower.id)!;
    expect(second.trigger.causedBy).toMatchObject({ flowId: raise.id, flows: [raise.id], depth: 1 });
    expect((await issue(opened.id)).priority).toBe('low');
  });

  it('follows the chain through another module: the queue a flow set, routed by the listener', async () => {
    const policy = await baton.request({
      method: 'POST',
      url: '/api/routing/policies',
      payload: { queue: 'Billing' },
    });
    expect(policy.statusCode).toBe(201);
    const triage = await deploy(
      'Send to Billing',
      [node('start', 'trigger', { events: ['issue.created'] }), node('queue', 'set', { queue: 'Billing' })],
      [edge('start', 'next', 'queue')],
    );
    // Routing hears the flow's change (not the flow's own route step) and leaves the issue waiting.
    const watch = await deploy(
      'Watch the queue',
      [
        node('start', 'trigger', { events: ['routing.queued'] }),
        node('tag', 'set', { tags: { add: ['waiting'] } }),
      ],
      [edge('start', 'next', 'tag')],
    );
    const opened = await openIssue();
    const all = await runs(opened.id);
    const watched = all.find((r) => r.flowId === watch.id)!;
    expect(watched).toMatchObject({ status: 'completed', depth: 1 });
    expect(watched.trigger).toMatchObject({
      event: 'routing.queued',
      causedBy: { flowId: triage.id, flows: [triage.id], depth: 1 },
    });
    expect((await issue(opened.id)).tags).toEqual(['waiting']);
  });

  it('follows the chain through a listener to a flow that would close the loop, and stops it', async () => {
    // Opening starts an escalation path that waits; resolving the issue cancels it (the escalation
    // module's listener), and that ending would reopen the issue through the first flow again.
    const escalate = await deploy(
      'Escalate on open',
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('esc', 'escalate', { steps: [{ type: 'wait', duration: 'PT1H' }] }),
      ],
      [edge('start', 'next', 'esc')],
    );
    const resolve = await deploy(
      'Resolve when done',
      [
        node('start', 'trigger', {
          events: ['issue.updated', 'escalation.ended'],
          filter: leaf('issue', '$.tags', 'contains', 'done'),
        }),
        node('resolve', 'set', { status: 'resolved' }),
      ],
      [edge('start', 'next', 'resolve')],
    );
    const opened = await openIssue();
    await change(opened.id, { tags: ['done'] });
    const all = await runs(opened.id);
    // Resolve ran once, on the person's change; the escalation it cancelled names it as the cause,
    // so it did not start again on that ending.
    expect(all.filter((r) => r.flowId === resolve.id).map((r) => [r.trigger.event, r.depth])).toEqual([
      ['issue.updated', 0],
    ]);
    expect(all.find((r) => r.flowId === escalate.id)).toMatchObject({ status: 'completed' });
    const [path] = await baton.services.escalations.forIssue(opened.id);
    expect(path).toMatchObject({ status: 'cancelled' });
    expect((await issue(opened.id)).status).toBe('resolved');
  });

  it('records a skipped run when a chain of flows gets too deep', async () => {
    // flow i reacts to tag t{i} by adding t{i+1}: a chain nine flows long.
    const flows: FlowRecord[] = [];
    for (let i = 0; i <= 8; i++) {
      flows.push(
        await deploy(
          `Chain ${i}`,
          [
            node('start', 'trigger', {
              events: ['issue.updated'],
              filter: leaf('issue', '$.tags', 'contains', `t${i}`),
            }),
            node('next', 'set', { tags: { add: [`t${i + 1}`] } }),
          ],
          [edge('start', 'next', 'next')],
        ),
      );
    }
    const opened = await openIssue();
    await change(opened.id, { tags: ['t0'] });
    const all = await runs(opened.id);
    const completed = all
      .filter((r) => r.status === 'completed')
      .map((r) => r.depth)
      .sort((a, b) => a - b);
    expect(completed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const skipped = all.filter((r) => r.status === 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      flowId: flows[8]!.id,
      depth: 8,
      error: { message: expect.stringContaining('loop guard') },
    });
    expect((await issue(opened.id)).tags).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8']);
  });
});

describe('failures', () => {
  it('a node that throws fails its run with the error in the trace, never the server', async () => {
    const explode: NodeKind<Record<string, never>, null, { kind: 'explode' }> = {
      type: 'explode',
      title: 'Explode',
      description: 'Throws, for tests',
      category: 'action',
      dataSchema: { type: 'object', additionalProperties: false },
      outputs: [{ handle: 'next' }],
      run() {
        throw new Error('the node blew up');
      },
    };
    baton.services.engine.kinds.register(explode);
    await deploy(
      'Fragile',
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('tag', 'set', { tags: { add: ['before'] } }),
        node('boom', 'explode', {}),
      ],
      [edge('start', 'next', 'tag'), edge('tag', 'next', 'boom')],
    );
    const opened = await openIssue();
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({
      status: 'failed',
      path: ['start', 'tag', 'boom'],
      error: { nodeId: 'boom', message: 'the node blew up' },
      endedAt: expect.any(String),
    });
    expect(run!.steps.at(-1)).toMatchObject({ nodeId: 'boom', handle: null, error: 'the node blew up' });
    // What happened before the failure stays done; the server carries on.
    expect((await issue(opened.id)).tags).toEqual(['before']);
    const next = await openIssue({ customer: { email: 'other@example.com', name: 'Other' } });
    expect((await runs(next.id))[0]!.status).toBe('failed');
    expect((await baton.request({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('a trigger filter that does not match stores no run', async () => {
    await deploy(
      'Only chat',
      [
        node('start', 'trigger', {
          events: ['issue.created'],
          filter: leaf('issue', '$.channel', 'equal', 'chat'),
        }),
        node('end', 'end', {}),
      ],
      [edge('start', 'next', 'end')],
    );
    const email = await openIssue({ channel: 'email' });
    expect(await runs(email.id)).toEqual([]);
    const chat = await openIssue({ channel: 'chat', customer: { email: 'c@example.com', name: 'C' } });
    expect(await runs(chat.id)).toMatchObject([
      { status: 'completed', outcome: 'end', steps: [{ detail: { passed: true } }, {}] },
    ]);
  });
});

describe('issue changes', () => {
  it('of consecutive field steps are one write, one timeline entry and one issue.updated event; conditions see them at once', async () => {
    await deploy(
      'Triage',
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('urgent', 'set', { priority: 'high', tags: { add: ['triaged'] } }),
        node('is-urgent', 'condition', { condition: leaf('issue', '$.priority', 'equal', 'high') }),
        node('billing', 'set', { queue: 'Billing', tags: { add: ['billing'] } }),
        node('end', 'end', { outcome: 'triaged' }),
      ],
      [
        edge('start', 'next', 'urgent'),
        edge('urgent', 'next', 'is-urgent'),
        edge('is-urgent', 'true', 'billing'),
        edge('billing', 'next', 'end'),
      ],
    );
    const heard: Array<{ changes: Record<string, unknown>; runId?: string }> = [];
    baton.services.bus.on('issue.updated', (e) => {
      heard.push({ changes: e.changes, ...(e.cause ? { runId: e.cause.runId } : {}) });
    });
    const opened = await openIssue();
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({ status: 'completed', outcome: 'triaged' });
    expect(run!.path).toEqual(['start', 'urgent', 'is-urgent', 'billing', 'end']);
    // Each step's own change is still in the run's effects.
    expect(run!.effects.map((e) => [e.nodeId, Object.keys(e.changes ?? {})])).toEqual([
      ['urgent', ['priority', 'tags']],
      ['billing', ['queue', 'tags']],
    ]);
    expect(heard).toEqual([
      {
        runId: run!.id,
        changes: {
          priority: { from: 'medium', to: 'high' },
          queue: { from: null, to: 'Billing' },
          tags: { from: [], to: ['triaged', 'billing'] },
        },
      },
    ]);
    const stored = await issue(opened.id);
    expect(stored).toMatchObject({ priority: 'high', queue: 'Billing', tags: ['triaged', 'billing'] });
    const timeline = (await baton.request({ url: `/api/issues/${opened.id}/timeline` })).json<{
      items: Array<{ type: string; action?: string }>;
    }>().items;
    expect(timeline.filter((e) => e.action === 'issue.updated')).toHaveLength(1);
  });

  it('are written before another module acts on the issue, and before the run parks', async () => {
    const seen: Array<string | undefined> = [];
    const peek: NodeKind<Record<string, never>, null, { kind: 'peek' }> = {
      type: 'peek',
      title: 'Peek',
      description: 'Reads the stored issue as another module would, for tests',
      category: 'action',
      dataSchema: { type: 'object', additionalProperties: false },
      outputs: [{ handle: 'next' }],
      async run(ctx) {
        await ctx.effects.act('peek', {}, async () => {
          seen.push((await baton.services.issues.get(ctx.issue.id)).queue);
        });
        return { handle: 'next', trace: { kind: 'peek' } };
      },
    };
    baton.services.engine.kinds.register(peek);
    await deploy(
      'Queue then look',
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('queue', 'set', { queue: 'Billing' }),
        node('look', 'peek', {}),
        node('pending', 'set', { status: 'pending' }),
        node('wait', 'wait', { mode: 'event', event: 'message.added', timeout: 'PT1H' }),
        node('end', 'end', {}),
      ],
      [
        edge('start', 'next', 'queue'),
        edge('queue', 'next', 'look'),
        edge('look', 'next', 'pending'),
        edge('pending', 'next', 'wait'),
        edge('wait', 'event', 'end'),
        edge('wait', 'timeout', 'end'),
      ],
    );
    const opened = await openIssue();
    expect(seen).toEqual(['Billing']);
    const [run] = await runs(opened.id);
    expect(run).toMatchObject({ status: 'waiting' });
    expect(await issue(opened.id)).toMatchObject({ queue: 'Billing', status: 'pending' });
  });
});

describe('node kinds', () => {
  it('GET /api/node-kinds describes kinds, trigger events, facts and operators for the studio', async () => {
    const res = await baton.request({ url: '/api/node-kinds' });
    expect(res.statusCode).toBe(200);
    const catalog = res.json();
    // Other modules register more kinds, events and facts; these are this module's.
    expect(catalog.kinds.map((k: { type: string }) => k.type)).toEqual(
      expect.arrayContaining(['trigger', 'condition', 'switch', 'set', 'wait', 'end']),
    );
    const wait = catalog.kinds.find((k: { type: string }) => k.type === 'wait');
    expect(wait).toMatchObject({
      pauses: true,
      category: 'timing',
      dataSchema: { discriminator: { propertyName: 'mode' } },
    });
    expect(catalog.triggerEvents.map((t: { type: string }) => t.type)).toEqual(
      expect.arrayContaining(['issue.created', 'issue.updated', 'message.added']),
    );
    expect(catalog.facts.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['issue', 'event', 'now', 'customer', 'timeline']),
    );
    expect(catalog.operators.map((o: { name: string }) => o.name)).toEqual(
      expect.arrayContaining([
        'equal',
        'matches',
        'containsAny',
        'containsAll',
        'withinBusinessHours',
        'olderThan',
      ]),
    );
  });

  it('every kind a full server registers has a data schema that compiles (they compile on first use)', () => {
    expect(() => baton.services.engine.kinds.compileAll()).not.toThrow();
  });

  it('a kind whose data schema does not compile is a problem on its nodes, not a crash', () => {
    const { kinds } = baton.services.engine;
    kinds.register({
      type: 'broken-schema',
      title: 'Broken',
      description: 'a data schema with an unknown keyword',
      category: 'logic',
      dataSchema: { type: 'object', notAKeyword: true },
      outputs: [],
      run: () => ({ end: 'done', trace: { kind: 'broken-schema' } }),
    });
    expect(kinds.validateData('broken-schema', {})).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/broken-schema does not compile/) }),
    ]);
    expect(() => kinds.compileAll()).toThrow(/node kind broken-schema v1 does not compile/);
  });
});
