import type { Escalation } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../events/bus.ts';
import { ManualClock } from '../shared/clock.ts';
import { settle as settleFlows } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

const MINUTE = 60_000;
const clock = new ManualClock('2026-01-05T09:00:00.000Z'); // Monday 09:00 UTC, 18:00 in Tokyo
let baton: TestBaton;
const notices: Array<EventOf<'escalation.notify'>> = [];
let teamId: string;
const agents: Record<string, string> = {};

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  baton.services.bus.on('escalation.notify', (e) => void notices.push(e));
  teamId = (await baton.request({ method: 'POST', url: '/api/teams', payload: { name: 'Ops' } })).json().id;
  const make = async (name: string, extra: Record<string, unknown>) => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/agents',
      payload: {
        name,
        email: `${name.toLowerCase()}@example.com`,
        timeZone: 'UTC',
        teamIds: [teamId],
        ...extra,
      },
    });
    agents[name] = res.json().id;
  };
  await make('Oda', { status: 'available' });
  await make('Pia', { status: 'busy' });
  await make('Quin', { status: 'offline' });
  await make('Rex', {
    status: 'available',
    timeZone: 'Asia/Tokyo',
    workingHours: [{ day: 'mon', start: '09:00', end: '17:00' }],
  });
});
afterAll(() => baton.close());

const settle = () => settleFlows(baton);

let n = 0;
async function issue() {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: `Down ${++n}`,
      body: 'x',
      channel: 'phone',
      priority: 'critical',
      customer: { email: `e${n}@example.com` },
    },
  });
  return res.json().id as string;
}

async function start(issueId: string, steps: unknown[], name = 'P1') {
  const res = await baton.request({
    method: 'POST',
    url: `/api/issues/${issueId}/escalations`,
    payload: { name, steps },
  });
  expect(res.statusCode).toBe(201);
  await settle();
  return res.json() as Escalation;
}

const noticesFor = (issueId: string) =>
  notices.filter((x) => x.issueId === issueId).map((x) => x.recipients.map((r) => r.id));

describe('escalation paths', () => {
  it('notifies, waits, notifies in turn — until acknowledged, then nothing more', async () => {
    const id = await issue();
    const esc = await start(id, [
      { type: 'notify', to: { agents: [agents.Oda], users: ['usr_lead'] }, message: 'P1: please look' },
      { type: 'wait', duration: 'PT10M' },
      { type: 'round-robin', teamId },
      { type: 'wait', duration: 'PT10M' },
      { type: 'notify', to: { teams: [teamId] } },
    ]);
    expect(esc).toMatchObject({ status: 'active', position: 2, waitingUntil: '2026-01-05T09:10:00.000Z' });
    expect(notices.find((x) => x.issueId === id)).toMatchObject({
      message: 'P1: please look',
      urgency: 'critical',
    });
    expect(noticesFor(id)).toEqual([['usr_lead', agents.Oda]]);

    clock.advance(10 * MINUTE);
    await settle();
    expect(noticesFor(id)).toHaveLength(2);
    // Round-robin passes over offline Quin.
    expect(noticesFor(id)[1]).toHaveLength(1);
    expect(noticesFor(id)[1]![0]).not.toBe(agents.Quin);

    const ack = await baton.request({ method: 'POST', url: `/api/escalations/${esc.id}/ack` });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: { kind: 'user' } });
    clock.advance(60 * MINUTE);
    await settle();
    expect(noticesFor(id)).toHaveLength(2);
    const again = await baton.request({ method: 'POST', url: `/api/escalations/${esc.id}/ack` });
    expect(again.statusCode).toBe(409);
    const timeline = (await baton.request({ method: 'GET', url: `/api/issues/${id}/timeline` })).json().items;
    const actions = timeline.flatMap((e: { action?: string }) =>
      e.action?.startsWith('escalation.') ? [e.action] : [],
    );
    expect(actions).toEqual(['escalation.started', 'escalation.acknowledged']);
  });

  it('repeats up to N times, then is exhausted', async () => {
    const id = await issue();
    const esc = await start(id, [
      { type: 'notify', to: { agents: [agents.Oda] } },
      { type: 'wait', duration: 'PT5M' },
      { type: 'repeat', times: 2 },
    ]);
    for (let i = 0; i < 4; i++) {
      clock.advance(5 * MINUTE);
      await settle();
    }
    expect(noticesFor(id)).toHaveLength(3);
    const done = (
      await baton.request({ method: 'GET', url: `/api/escalations/${esc.id}` })
    ).json() as Escalation;
    expect(done.status).toBe('exhausted');
    expect(done.log.map((e) => e.action)).toEqual([
      'started',
      'notified',
      'waiting',
      'repeated',
      'notified',
      'waiting',
      'repeated',
      'notified',
      'waiting',
      'exhausted',
    ]);
  });

  it('skips steps outside their window (in its time zone) and beyond their rate', async () => {
    const id = await issue();
    const esc = await start(id, [
      {
        type: 'notify',
        to: { agents: [agents.Pia] },
        when: {
          window: {
            timeZone: 'Asia/Tokyo',
            hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
          },
        },
      },
      { type: 'notify', to: { agents: [agents.Oda] }, when: { rate: { max: 1, per: 'PT1H' } } },
      { type: 'wait', duration: 'PT1M' },
      { type: 'repeat', times: 1 },
    ]);
    clock.advance(MINUTE);
    await settle();
    const done = (
      await baton.request({ method: 'GET', url: `/api/escalations/${esc.id}` })
    ).json() as Escalation;
    const skipped = done.log.filter((e) => e.action === 'skipped').map((e) => e.reason);
    expect(skipped).toEqual([
      "outside the step's window (Asia/Tokyo)",
      "outside the step's window (Asia/Tokyo)",
      'rate limit: 1 notifications for this issue within PT1H',
    ]);
    expect(noticesFor(id)).toEqual([[agents.Oda]]);
  });

  it('finds the on-call person: on shift and not offline', async () => {
    clock.set('2026-01-05T01:00:00.000Z'); // 10:00 Monday in Tokyo: Rex is on shift
    const id = await issue();
    await start(id, [
      { type: 'notify', to: { onCall: [teamId] } },
      { type: 'notify', to: { onCall: [teamId] } },
    ]);
    const picked = noticesFor(id).flat();
    expect(picked).toHaveLength(2);
    // Oda, Pia and Rex are on call (no fixed hours or on shift); Quin is offline. The rotation moves on.
    expect(picked[0]).not.toBe(picked[1]);
    expect(picked).not.toContain(agents.Quin);
  });

  it('is cancelled when the issue is resolved, and refuses paths that cannot run', async () => {
    const id = await issue();
    const esc = await start(id, [
      { type: 'wait', duration: 'PT5M' },
      { type: 'notify', to: { agents: [agents.Oda] } },
    ]);
    await baton.request({ method: 'PATCH', url: `/api/issues/${id}`, payload: { status: 'resolved' } });
    clock.advance(10 * MINUTE);
    await settle();
    expect((await baton.request({ method: 'GET', url: `/api/escalations/${esc.id}` })).json().status).toBe(
      'cancelled',
    );
    expect(noticesFor(id)).toEqual([]);
    const bad = await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/escalations`,
      payload: { steps: [{ type: 'round-robin', message: 'who?' }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].pointer).toBe('/body/steps/0');
  });
});
