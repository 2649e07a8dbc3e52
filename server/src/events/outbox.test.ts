/**
 * The outbox (events/outbox.ts): an acknowledged issue's `issue.created` is owed on disk until its
 * listeners finish, replayed by `replay()` (what the server does on start), and a replay of work
 * already done does nothing twice: one flow run per flow, the same SLA clocks, no second analytics
 * count, and routing keeps its one decision.
 */
import type { FlowRun, Issue } from '@baton/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { deployFlow, edge, node } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import type { DomainEvent } from './bus.ts';

let baton: TestBaton;
afterEach(() => baton.close());

async function start(testAfterAckDelayMs = 0): Promise<void> {
  baton = await startTestBaton({ services: { testAfterAckDelayMs } });
  const designer = await baton.tokenFor('designer');
  await deployFlow(
    baton,
    {
      name: 'Tag new issues',
      nodes: [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('tag', 'set', { priority: 'high' }),
      ],
      edges: [edge('start', 'next', 'tag')],
      note: 'test',
    },
    designer,
  );
}

async function open(): Promise<Issue> {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: 'Export fails',
      body: 'The CSV export never finishes.',
      channel: 'chat',
      customer: { email: 'mo@example.com', name: 'Mo' },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<Issue>();
}

const runsOf = async (id: string) =>
  (await baton.request({ url: `/api/issues/${id}/runs` })).json<{ items: FlowRun[] }>().items;
const clocksOf = async (id: string) =>
  (await baton.request({ url: `/api/issues/${id}/sla` })).json<{ clocks: Array<{ id: string }> }>().clocks;
const owed = () =>
  baton.services.store.collection<{ _id: string; event: DomainEvent }>('event_outbox').find({});
async function issuesCounted(): Promise<number> {
  await baton.services.analytics.flush();
  const counts = await baton.services.store
    .collection<{ _id: string; dim: string; g: string; c?: Record<string, number> }>('analytics_counts')
    .find({ g: 'd' });
  // Every dimension counts each issue once; one dimension's total is the number of issues.
  const dim = counts[0]?.dim;
  return counts.filter((c) => c.dim === dim).reduce((n, c) => n + (c.c?.issues ?? 0), 0);
}

describe('work owed after the acknowledgement', () => {
  it('is on disk with the issue, and cleared once every listener finished', async () => {
    await start();
    const issue = await open();
    const [doc] = await owed();
    expect(doc?.event).toMatchObject({ type: 'issue.created', issue: { id: issue.id } });
    await baton.services.bus.drain();
    await baton.services.outbox.clear();
    expect(await owed()).toEqual([]);
    expect(await runsOf(issue.id)).toHaveLength(1);
  });

  it('is done by a replay when the listeners never ran (the process died after the 201)', async () => {
    // The listeners are held for ten minutes: as good as a crash for what is stored.
    await start(600_000);
    const issue = await open();
    expect(await runsOf(issue.id)).toEqual([]);
    expect(await clocksOf(issue.id)).toEqual([]);
    expect(await owed()).toHaveLength(1);

    expect(await baton.services.outbox.replay()).toBe(1);
    expect(await runsOf(issue.id)).toHaveLength(1);
    expect((await clocksOf(issue.id)).length).toBeGreaterThan(0);
    expect(await issuesCounted()).toBe(1);
    expect(await owed()).toEqual([]);
    expect(await baton.services.outbox.replay()).toBe(0);
  });

  it('does nothing twice when replayed after the work was done and stored', async () => {
    await start();
    const issue = await open();
    await baton.services.bus.drain();
    await baton.services.analytics.flush();
    const runs = await runsOf(issue.id);
    const clocks = await clocksOf(issue.id);
    expect(runs).toHaveLength(1);
    expect(clocks.length).toBeGreaterThan(0);
    expect(await issuesCounted()).toBe(1);

    // As if the process died before the clear: the same owed event is delivered again.
    const [doc] = await owed();
    expect(doc).toBeDefined();
    await baton.services.bus.publish({ ...doc!.event, replayed: true });
    await baton.services.bus.drain();
    expect((await runsOf(issue.id)).map((r) => r.id)).toEqual(runs.map((r) => r.id));
    expect((await clocksOf(issue.id)).map((c) => c.id)).toEqual(clocks.map((c) => c.id));
    expect(await issuesCounted()).toBe(1);
  });

  it('drops an owed event whose issue was never stored', async () => {
    await start();
    await baton.services.store
      .collection<{ _id: string; at: string; event: unknown }>('event_outbox')
      .insertOne({
        _id: 'evt_ghost',
        at: '2026-01-05T09:00:00.000Z',
        event: {
          type: 'issue.created',
          at: '2026-01-05T09:00:00.000Z',
          issue: { id: 'iss_ghost', subject: 'x', channel: 'chat', customerId: 'cus_x' },
        },
      });
    expect(await baton.services.outbox.replay()).toBe(0);
    expect(await owed()).toEqual([]);
    expect((await baton.services.runs.forIssue('iss_ghost', { limit: 10 })).items).toEqual([]);
  });
});
