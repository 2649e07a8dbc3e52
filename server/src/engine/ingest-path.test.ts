/**
 * The ingest path as the server ships it (demo teams and agents, the reference flows, the seed SLA
 * policy, path-only traces): an issue is acknowledged, then classified and routed after the
 * acknowledgement; a run keeps its path but not its full trace; a backlog of unfinished work
 * refuses new issues with 503 and Retry-After until it drains.
 */
import type { FlowRecord, FlowRun, Issue, IssueCreate } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../demo/seed.ts';
import { ProblemError } from '../http/problem.ts';
import { IngestAdmission } from '../issues/admission.ts';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

const issue = (n: number) => ({
  subject: `Invoice ${n} shows the wrong VAT rate`,
  body: 'We were charged 21 % instead of 9 % on the last invoice.',
  channel: 'email',
  priority: 'high',
  customer: { email: `buyer${n}@example.com`, name: `Buyer ${n}` },
});

describe('ingest path, shipped configuration', () => {
  let baton: TestBaton;

  const clock = new ManualClock('2026-01-06T10:00:00.000Z');

  beforeAll(async () => {
    baton = await startTestBaton({
      clock,
      services: { flowTracePercent: 0 },
    });
    await seedDemoData(baton.services);
    await baton.services.bus.drain();
  }, 120_000); // the demo seed opens and routes dozens of issues: slow on a loaded machine
  afterAll(() => baton.close());

  it('acknowledges, then runs the reference flow on the issue, storing its path only', async () => {
    const res = await baton.request({ method: 'POST', url: '/api/issues', payload: issue(1) });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<Issue>();
    await baton.services.bus.drain();

    const after = (await baton.request({ url: `/api/issues/${created.id}` })).json<Issue>();
    expect(after.queue).toBeTruthy();
    expect(after.updatedAt >= created.updatedAt).toBe(true);

    const runs = await baton.services.store
      .collection<FlowRun & { _id: string }>('flow_runs')
      .find({ issueId: created.id });
    const routing = runs.find((r) => r.flowName === 'Reference routing');
    expect(routing, JSON.stringify(runs.map((r) => r.flowName))).toBeDefined();
    expect(routing!.path.length).toBeGreaterThan(1);
    expect(routing!.steps.map((s) => s.nodeId)).toEqual(routing!.path);
    expect(routing!.steps.every((s) => s.detail === undefined && s.durationUs === undefined)).toBe(true);
  });

  it('a second issue of the same customer is routed the same way (caches hold across issues)', async () => {
    const first = (
      await baton.request({ method: 'POST', url: '/api/issues', payload: issue(2) })
    ).json<Issue>();
    const second = (
      await baton.request({ method: 'POST', url: '/api/issues', payload: issue(2) })
    ).json<Issue>();
    await baton.services.bus.drain();
    const read = async (i: Issue) => (await baton.request({ url: `/api/issues/${i.id}` })).json<Issue>();
    const a = await read(first);
    const b = await read(second);
    expect(a.queue).toBeTruthy();
    expect(b.queue).toBe(a.queue);
    expect(b.tags).toEqual(a.tags);
  });

  const shippedFlows = async () =>
    (await baton.request({ url: '/api/flows?limit=100' })).json<{ items: FlowRecord[] }>().items;
  const setTracing = (flowId: string, percent: number | null, forMinutes?: number) =>
    baton.request({
      method: 'POST',
      url: `/api/flows/${flowId}/tracing`,
      payload: forMinutes === undefined ? { percent } : { percent, forMinutes },
    });
  /** Posts issue `n`, waits for what it causes, and returns the flow runs stored for it. */
  const runsForNewIssue = async (n: number) => {
    const created = (
      await baton.request({ method: 'POST', url: '/api/issues', payload: issue(n) })
    ).json<Issue>();
    await baton.services.bus.drain();
    return baton.services.store
      .collection<FlowRun & { _id: string }>('flow_runs')
      .find({ issueId: created.id });
  };

  it("keeps full traces for a flow whose admin asks for them, and the server's default for the rest", async () => {
    const routing = (await shippedFlows()).find((f) => f.name === 'Reference routing')!;
    expect(routing.liveTrace).toEqual({ percent: 0, source: 'server', serverPercent: 0 });

    const set = await setTracing(routing.id, 100);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<FlowRecord>().liveTrace).toEqual({ percent: 100, source: 'flow', serverPercent: 0 });

    const runs = await runsForNewIssue(6);
    const traced = runs.find((r) => r.flowId === routing.id)!;
    expect(traced.steps.length).toBeGreaterThan(1);
    expect(traced.steps.every((s) => s.durationUs !== undefined)).toBe(true);
    expect(traced.steps.some((s) => s.detail !== undefined)).toBe(true);
    // Other flows on the same issue still follow the server's default (path only).
    for (const other of runs.filter((r) => r.flowId !== routing.id))
      expect(
        other.steps.every((s) => s.durationUs === undefined),
        other.flowName,
      ).toBe(true);

    // Back to the default: the next issue's run keeps its path only.
    const reset = await setTracing(routing.id, null);
    expect(reset.json<FlowRecord>().liveTrace).toEqual({ percent: 0, source: 'server', serverPercent: 0 });
    const pathOnly = (await runsForNewIssue(7)).find((r) => r.flowId === routing.id);
    expect(pathOnly!.steps.every((s) => s.detail === undefined && s.durationUs === undefined)).toBe(true);
  });

  it('keeps full traces for as long as the admin asked, then goes back to the default by itself', async () => {
    const routing = (await shippedFlows()).find((f) => f.name === 'Reference routing')!;
    const set = await setTracing(routing.id, 100, 60);
    expect(set.statusCode, set.body).toBe(200);
    const until = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    expect(set.json<FlowRecord>().liveTrace).toEqual({
      percent: 100,
      source: 'flow',
      serverPercent: 0,
      until,
    });

    clock.advance(59 * 60_000);
    const during = (await runsForNewIssue(8)).find((r) => r.flowId === routing.id)!;
    expect(during.steps.every((s) => s.durationUs !== undefined)).toBe(true);

    // The hour is over: no write happened, yet runs and the record follow the default again.
    clock.advance(60_000);
    const after = (await runsForNewIssue(9)).find((r) => r.flowId === routing.id)!;
    expect(after.steps.every((s) => s.detail === undefined && s.durationUs === undefined)).toBe(true);
    const record = (await baton.request({ url: `/api/flows/${routing.id}` })).json<FlowRecord>();
    expect(record.liveTrace).toEqual({ percent: 0, source: 'server', serverPercent: 0 });

    // A share set without a duration holds until changed, and drops an earlier end.
    await setTracing(routing.id, 10, 5);
    const lasting = (await setTracing(routing.id, 10)).json<FlowRecord>();
    expect(lasting.liveTrace).toEqual({ percent: 10, source: 'flow', serverPercent: 0 });
    clock.advance(10 * 60_000);
    const still = (await baton.request({ url: `/api/flows/${routing.id}` })).json<FlowRecord>();
    expect(still.liveTrace).toEqual({ percent: 10, source: 'flow', serverPercent: 0 });
    await setTracing(routing.id, null);
  });

  it('refuses a share outside 0–100 and a playbook (which always keeps its trace), naming the field', async () => {
    const flows = await shippedFlows();
    const routing = flows.find((f) => f.name === 'Reference routing')!;
    const tooMuch = await setTracing(routing.id, 150);
    expect(tooMuch.statusCode).toBe(400);
    expect(JSON.stringify(tooMuch.json())).toContain('/body/percent');

    const playbook = flows.find((f) => f.kind === 'playbook')!;
    const refused = await setTracing(playbook.id, 10);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ errors: [{ pointer: '/body/percent' }] });
    expect(refused.json().detail).toContain('playbook');

    const noLimit = await setTracing(routing.id, 100, 0);
    expect(noLimit.statusCode).toBe(400);
    expect(JSON.stringify(noLimit.json())).toContain('/body/forMinutes');
    const defaultForAnHour = await setTracing(routing.id, null, 60);
    expect(defaultForAnHour.statusCode).toBe(422);
    expect(defaultForAnHour.json()).toMatchObject({ errors: [{ pointer: '/body/forMinutes' }] });
  });
});

describe('previous-agent affinity', () => {
  it("names the agent of the customer's newest assigned issue, not the issue being routed", async () => {
    const clock = new ManualClock('2026-01-06T10:00:00.000Z');
    const baton = await startTestBaton({ clock });
    try {
      const { issues, directory } = baton.services;
      const team = await directory.createTeam({ name: 'Billing', queues: ['Billing'] });
      const agent = (name: string) =>
        directory.createAgent({
          name,
          email: `${name.toLowerCase()}@example.com`,
          timeZone: 'Europe/Berlin',
          teamIds: [team.id],
          status: 'available',
        });
      const [ann, bob] = [await agent('Ann'), await agent('Bob')];
      const actor = { kind: 'system' as const, name: 'test' };
      const open = async () => {
        clock.advance(60_000); // distinct creation times: "newest" is by createdAt
        return (await issues.create(issue(5) as IssueCreate)).issue;
      };
      const older = await open();
      const newer = await open();
      const current = await open();
      expect(await issues.lastAssignee(current.customerId, current.id)).toBeUndefined();
      await issues.update(older.id, { assignee: { agentId: ann.id } }, actor);
      expect(await issues.lastAssignee(current.customerId, current.id)).toBe(ann.id);
      await issues.update(newer.id, { assignee: { agentId: bob.id } }, actor);
      expect(await issues.lastAssignee(current.customerId, current.id)).toBe(bob.id);
      // The issue being routed does not count as its own previous one.
      await issues.update(current.id, { assignee: { agentId: ann.id } }, actor);
      expect(await issues.lastAssignee(current.customerId, current.id)).toBe(bob.id);
    } finally {
      await baton.close();
    }
  });
});

describe('ingest back-pressure', () => {
  it('refuses while the backlog is at the limit, with Retry-After, and admits again once it drains', async () => {
    const baton = await startTestBaton({ services: { ingestBacklog: 1 } });
    try {
      let release!: () => void;
      const gate = new Promise<void>((done) => {
        release = done;
      });
      // Work after the acknowledgement that does not finish until released.
      const off = baton.services.bus.on('issue.created', () => gate);

      const first = await baton.request({ method: 'POST', url: '/api/issues', payload: issue(3) });
      expect(first.statusCode, first.body).toBe(201);

      const refused = await baton.request({ method: 'POST', url: '/api/issues', payload: issue(4) });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toContain('limit 1');
      // Nothing of the refused issue was stored.
      const listed = (await baton.request({ url: '/api/issues' })).json<{ items: Issue[] }>().items;
      expect(listed.map((i) => i.subject)).toEqual([issue(3).subject]);

      release();
      off();
      await baton.services.bus.drain();
      const again = await baton.request({ method: 'POST', url: '/api/issues', payload: issue(4) });
      expect(again.statusCode, again.body).toBe(201);
    } finally {
      await baton.close();
    }
  });

  it('0 never refuses; the wait asked for grows with the backlog, up to 30 s', () => {
    expect(() => new IngestAdmission(() => 1_000_000, 0).check()).not.toThrow();
    const refusal = (pending: number) => {
      try {
        new IngestAdmission(() => pending, 10).check();
      } catch (err) {
        return err instanceof ProblemError ? err.headers?.['retry-after'] : 'not a problem';
      }
      return 'admitted';
    };
    expect(refusal(9)).toBe('admitted');
    expect(refusal(10)).toBe('1');
    expect(refusal(9_000)).toBe('5');
    expect(refusal(500_000)).toBe('30');
  });
});
