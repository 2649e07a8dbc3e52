import type { RouteDecision } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

const MINUTE = 60_000;
// Monday 2026-01-05 09:00Z: 10:00 in Berlin, 04:00 in New York.
const clock = new ManualClock('2026-01-05T09:00:00.000Z');
let baton: TestBaton;
const weekdays = (start: string, end: string) =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start, end }));

beforeAll(async () => {
  baton = await startTestBaton({ clock });
});
afterAll(() => baton.close());

async function post(url: string, payload: unknown, token?: string) {
  const res = await baton.request({
    method: 'POST',
    url,
    payload: payload as object,
    ...(token ? { token } : {}),
  });
  return res;
}

async function settle() {
  for (let i = 0; i < 3; i++) {
    await baton.services.bus.drain();
    await baton.services.timers.runDue();
  }
  await baton.services.bus.drain();
}

async function team(name: string, queues: string[], timeZone = 'Europe/Berlin') {
  const res = await post('/api/teams', { name, queues, timeZone });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function agent(payload: Record<string, unknown>) {
  const res = await post('/api/agents', { status: 'available', ...payload });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

let seq = 0;
async function issue(payload: Record<string, unknown>) {
  const res = await post('/api/issues', {
    subject: `Issue ${++seq}`,
    body: 'Please help.',
    channel: 'email',
    customer: { email: `customer${seq}@example.com` },
    ...payload,
  });
  expect(res.statusCode).toBe(201);
  await settle();
  return res.json().id as string;
}

async function routingNotes(id: string): Promise<Array<{ text: string; data: Record<string, unknown> }>> {
  const timeline = (
    await baton.request({ method: 'GET', url: `/api/issues/${id}/timeline?limit=200` })
  ).json();
  return timeline.items.filter((e: { action?: string }) => e.action === 'routing');
}

async function assigneeOf(id: string): Promise<string | undefined> {
  return (await baton.request({ method: 'GET', url: `/api/issues/${id}` })).json().assignee?.agentId;
}

describe('skill routing across two time zones', () => {
  let ada: string;
  let ben: string;
  let cy: string;
  let dee: string;

  beforeAll(async () => {
    const berlin = await team('Billing Berlin', ['Billing']);
    const newYork = await team('Billing New York', ['Billing'], 'America/New_York');
    ada = await agent({
      name: 'Ada',
      email: 'ada@example.com',
      timeZone: 'Europe/Berlin',
      teamIds: [berlin],
      skills: [{ skill: 'billing', level: 4 }],
      workingHours: weekdays('09:00', '17:00'),
    });
    ben = await agent({
      name: 'Ben',
      email: 'ben@example.com',
      timeZone: 'America/New_York',
      teamIds: [newYork],
      skills: [{ skill: 'billing', level: 5 }],
      workingHours: weekdays('09:00', '17:00'),
    });
    cy = await agent({
      name: 'Cy',
      email: 'cy@example.com',
      timeZone: 'Europe/Berlin',
      teamIds: [berlin],
      skills: [{ skill: 'billing', level: 5 }],
      capacity: { email: 1, chat: 1, phone: 1 },
    });
    dee = await agent({
      name: 'Dee',
      email: 'dee@example.com',
      timeZone: 'Europe/Berlin',
      teamIds: [berlin],
    });
    // Cy is at capacity: one open email issue already.
    const busy = await issue({ subject: 'Cy’s current case' });
    await baton.request({
      method: 'PATCH',
      url: `/api/issues/${busy}`,
      payload: { assignee: { agentId: cy }, status: 'open' },
    });
    const policy = await post('/api/routing/policies', {
      queue: 'Billing',
      strategy: 'least-loaded',
      skills: { required: [{ skill: 'billing', minLevel: 2 }] },
    });
    expect(policy.statusCode).toBe(201);
  });

  it('assigns an arriving billing issue to the available agent with the skill, on shift and under capacity', async () => {
    const id = await issue({ subject: 'Refund please', queue: 'Billing' });
    expect(await assigneeOf(id)).toBe(ada);
    const timeline = (await baton.request({ method: 'GET', url: `/api/issues/${id}/timeline` })).json().items;
    expect(
      timeline.some(
        (e: { action?: string; text?: string }) => e.action === 'routing' && e.text?.includes('Ada'),
      ),
    ).toBe(true);
  });

  it('explains every candidate: off shift in New York, at capacity, lacking the skill', async () => {
    const id = await issue({ subject: 'Invoice question' });
    const res = await post(`/api/issues/${id}/route`, { queue: 'Billing' });
    expect(res.statusCode).toBe(200);
    const decision = res.json() as RouteDecision;
    expect(decision).toMatchObject({ outcome: 'assigned', agentId: ada, queue: 'Billing' });
    const why = Object.fromEntries(decision.candidates.map((c) => [c.agentId, c]));
    expect(why[ben]).toMatchObject({ eligible: false });
    expect(why[ben]!.reasons).toContain('outside working hours (America/New_York)');
    expect(why[cy]!.reasons).toContain('at capacity: 1 of 1 email');
    expect(why[dee]!.reasons).toContain('lacks billing');
    expect(why[ada]).toMatchObject({ eligible: true });
  });

  it('routes to New York once its day starts, least-loaded first', async () => {
    clock.set('2026-01-05T14:30:00.000Z'); // 15:30 Berlin, 09:30 New York
    const id = await issue({ subject: 'Charged twice', queue: 'Billing' });
    // Ada holds two issues, Ben none.
    expect(await assigneeOf(id)).toBe(ben);
  });

  it('ranks experts with reasons: skill, success on similar issues, load, availability', async () => {
    const past = await issue({ subject: 'Old refund', queue: 'Billing', tags: ['refund'] });
    await baton.request({ method: 'PATCH', url: `/api/issues/${past}`, payload: { status: 'resolved' } });
    const id = await issue({ subject: 'New refund', queue: 'Billing', tags: ['refund'] });
    const res = await baton.request({ method: 'GET', url: `/api/issues/${id}/experts` });
    expect(res.statusCode).toBe(200);
    const { experts } = res.json();
    const byId = Object.fromEntries(experts.map((e: { agentId: string }) => [e.agentId, e]));
    const pastOwner = await assigneeOf(past);
    const success = byId[pastOwner!].reasons.find((r: { factor: string }) => r.factor === 'success');
    expect(success).toMatchObject({ issueIds: [past] });
    expect(success.detail).toMatch(/resolved 1 similar issue/);
    expect(byId[dee].reasons.map((r: { factor: string }) => r.factor)).toEqual([
      'skill',
      'success',
      'load',
      'availability',
    ]);
    expect(res.json().skills).toEqual([{ skill: 'billing', minLevel: 2 }]);
    expect(byId[dee].reasons[0]).toMatchObject({
      factor: 'skill',
      score: 0,
      detail: 'lacks billing (needs 2)',
    });
    expect(experts.at(-1).agentId).toBe(dee);
    expect(experts[0].score).toBeGreaterThan(experts.at(-1).score);
  });

  it('ranks whoever can take the issue now first, says why the others follow, and counts handoffs let go', async () => {
    const id = await issue({ subject: 'Refund again', queue: 'Billing', tags: ['refund'] });
    // A handoff offered to Ben and declined counts against him.
    const offered = await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/handoffs`,
      payload: { to: { agentId: ben }, reason: 'Billing expertise', onExpire: 'none' },
    });
    expect(offered.statusCode, offered.body).toBe(201);
    const declined = await baton.request({
      method: 'POST',
      url: `/api/handoffs/${offered.json().id}/decline`,
      payload: { reason: 'at lunch' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    // Ada, the strongest in billing, goes offline.
    await baton.services.directory.updateAgent(ada, { status: 'offline' });
    try {
      const { experts } = (await baton.request({ url: `/api/issues/${id}/experts` })).json();
      const firstUnavailable = experts.findIndex((e: { available: boolean }) => !e.available);
      const lastAvailable = experts.findLastIndex((e: { available: boolean }) => e.available);
      expect(lastAvailable).toBeLessThan(firstUnavailable);
      const adaRow = experts.find((e: { agentId: string }) => e.agentId === ada);
      expect(adaRow.available).toBe(false);
      expect(adaRow.note).toMatch(
        /^offline, .*: (ranked after the \d+ agents? who can take it now|nobody can take it now)$/,
      );
      const benRow = experts.find((e: { agentId: string }) => e.agentId === ben);
      const success = benRow.reasons.find((r: { factor: string }) => r.factor === 'success');
      expect(success.detail).toMatch(/let go: 1 declined/);
      expect(success.issueIds).toContain(id);
    } finally {
      await baton.services.directory.updateAgent(ada, { status: 'available' });
    }
  });
});

describe('queues re-drain', () => {
  it('waits for an agent’s shift to start (a durable timer), then assigns', async () => {
    clock.set('2026-01-06T06:00:00.000Z'); // Tuesday 07:00 Berlin
    const early = await team('Early', ['Mornings']);
    const eve = await agent({
      name: 'Eve',
      email: 'eve@example.com',
      timeZone: 'Europe/Berlin',
      teamIds: [early],
      workingHours: weekdays('08:00', '16:00'),
    });
    await post('/api/routing/policies', { queue: 'Mornings' });
    const id = await issue({ subject: 'Too early', queue: 'Mornings' });
    expect(await assigneeOf(id)).toBeUndefined();
    const queue = (await baton.request({ method: 'GET', url: '/api/routing/queues/Mornings' })).json();
    expect(queue.entries).toEqual([
      expect.objectContaining({ issueId: id, state: 'waiting', reason: 'no eligible agent' }),
    ]);
    // The issue says why it waits and until when, once (routing it again while waiting adds nothing).
    await post(`/api/issues/${id}/route`, {});
    const waiting = await routingNotes(id);
    expect(waiting).toEqual([
      expect.objectContaining({
        text: "Waiting in Mornings: nobody is on shift; Eve's shift starts at 2026-01-06T07:00:00.000Z",
        data: expect.objectContaining({
          outcome: 'queued',
          offShift: true,
          nextShiftAgentId: eve,
          nextShiftAt: '2026-01-06T07:00:00.000Z',
        }),
      }),
    ]);
    clock.set('2026-01-06T07:00:00.000Z'); // 08:00 Berlin
    await settle();
    expect(await assigneeOf(id)).toBe(eve);
    expect((await routingNotes(id)).map((n) => n.data.outcome)).toEqual(['queued', 'assigned']);
    expect(
      (await baton.request({ method: 'GET', url: '/api/routing/queues/Mornings' })).json().entries,
    ).toEqual([]);
    // After her shift, the next issue waits for tomorrow's: a new wake-up, although one was asked
    // for (and has fired) in this queue before.
    clock.set('2026-01-06T15:30:00.000Z'); // 16:30 Berlin
    const late = await issue({ subject: 'Too late', queue: 'Mornings' });
    expect(await assigneeOf(late)).toBeUndefined();
    clock.set('2026-01-07T07:00:00.000Z'); // Wednesday 08:00 Berlin
    await settle();
    expect(await assigneeOf(late)).toBe(eve);
  });

  it('when capacity frees: an issue resolved, an agent becoming available', async () => {
    const solo = await team('Solo', ['VIP']);
    const fay = await agent({
      name: 'Fay',
      email: 'fay@example.com',
      timeZone: 'UTC',
      teamIds: [solo],
      capacity: { email: 1 },
    });
    await post('/api/routing/policies', { queue: 'VIP' });
    const first = await issue({ subject: 'VIP one', queue: 'VIP' });
    const second = await issue({ subject: 'VIP two', queue: 'VIP', priority: 'low' });
    const third = await issue({ subject: 'VIP three', queue: 'VIP', priority: 'critical' });
    expect(await assigneeOf(first)).toBe(fay);
    expect(await assigneeOf(second)).toBeUndefined();
    await baton.request({ method: 'PATCH', url: `/api/issues/${first}`, payload: { status: 'resolved' } });
    await settle();
    // The critical one goes first, though it arrived later.
    expect(await assigneeOf(third)).toBe(fay);
    expect(await assigneeOf(second)).toBeUndefined();

    await baton.request({ method: 'PATCH', url: `/api/agents/${fay}`, payload: { status: 'away' } });
    await baton.request({ method: 'PATCH', url: `/api/issues/${third}`, payload: { status: 'pending' } });
    await settle();
    expect(await assigneeOf(second)).toBeUndefined();
    await baton.request({ method: 'PATCH', url: `/api/agents/${fay}`, payload: { status: 'available' } });
    await settle();
    expect(await assigneeOf(second)).toBe(fay);
  });

  it('routes a waiting issue again without weighing every agent while nothing changed, and anew once something has', async () => {
    const vault = await team('Vault', ['Vault']);
    const kai = await agent({
      name: 'Kai',
      email: 'kai.vault@example.com',
      timeZone: 'UTC',
      teamIds: [vault],
    });
    const policy = (
      await post('/api/routing/policies', {
        queue: 'Vault',
        skills: { required: [{ skill: 'forensics', minLevel: 3 }] },
      })
    ).json();
    const id = await issue({ subject: 'Locked vault', queue: 'Vault' });
    expect(await assigneeOf(id)).toBeUndefined();
    const routeAgain = async () => (await post(`/api/issues/${id}/route`, {})).json() as RouteDecision;

    const weighed = vi.spyOn(baton.services.routing, 'candidates');
    try {
      const again = await routeAgain();
      expect(again).toMatchObject({ outcome: 'queued', reason: 'no eligible agent' });
      expect(again.candidates).toEqual([expect.objectContaining({ agentId: kai, eligible: false })]);
      expect(weighed).not.toHaveBeenCalled();
      expect(await routingNotes(id)).toHaveLength(1); // nothing new to say

      // The policy no longer asks for the skill nobody has: the same moment, a new answer.
      const patched = await baton.request({
        method: 'PATCH',
        url: `/api/routing/policies/${policy.id}`,
        payload: { skills: { required: [] } },
      });
      expect(patched.statusCode).toBe(200);
      expect(await routeAgain()).toMatchObject({ outcome: 'assigned', agentId: kai });
      expect(weighed).toHaveBeenCalledTimes(1);
    } finally {
      weighed.mockRestore();
    }
  });
});

describe('round-robin', () => {
  it('shares a queue evenly and in turn', async () => {
    const rr = await team('Rotation', ['General']);
    const ids = [];
    for (const name of ['Gus', 'Hal', 'Ivy']) {
      ids.push(
        await agent({
          name,
          email: `${name.toLowerCase()}@example.com`,
          timeZone: 'UTC',
          teamIds: [rr],
          capacity: { email: 10 },
        }),
      );
    }
    await post('/api/routing/policies', { queue: 'General', strategy: 'round-robin' });
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      clock.advance(MINUTE);
      order.push((await assigneeOf(await issue({ queue: 'General' })))!);
    }
    const counts = Object.fromEntries(ids.map((id) => [id, order.filter((o) => o === id).length]));
    expect(Object.values(counts)).toEqual([3, 3, 3]);
    // Each round of three gives each agent one issue.
    for (let round = 0; round < 3; round++)
      expect(new Set(order.slice(round * 3, round * 3 + 3)).size).toBe(3);
  });
});

describe('offers with an accept timeout', () => {
  it('expires an unanswered offer, re-offers to the next agent, who accepts', async () => {
    const desk = await team('Desk', ['Offers']);
    const jo = await agent({ name: 'Jo', email: 'jo@example.com', timeZone: 'UTC', teamIds: [desk] });
    const kim = await agent({ name: 'Kim', email: 'kim@example.com', timeZone: 'UTC', teamIds: [desk] });
    await post('/api/routing/policies', {
      queue: 'Offers',
      strategy: 'round-robin',
      offer: { acceptTimeout: 'PT2M', maxOffers: 3 },
    });
    const id = await issue({ subject: 'Offer me', queue: 'Offers' });
    const decision = (await post(`/api/issues/${id}/route`, {})).json() as RouteDecision;
    expect(decision).toMatchObject({ outcome: 'offered', reason: 'an offer is outstanding' });
    const firstAgent = decision.agentId!;
    expect(await assigneeOf(id)).toBeUndefined();

    clock.advance(2 * MINUTE);
    await settle();
    const late = await post(`/api/routing/offers/${decision.offerId}/accept`, {});
    expect(late.statusCode).toBe(409);
    const next = (await post(`/api/issues/${id}/route`, {})).json() as RouteDecision;
    expect(next.outcome).toBe('offered');
    expect(next.agentId).not.toBe(firstAgent);
    expect([jo, kim]).toContain(next.agentId);

    const taken = await post(`/api/routing/offers/${next.offerId}/accept`, {});
    expect(taken.statusCode).toBe(200);
    await settle();
    expect(await assigneeOf(id)).toBe(next.agentId);
  });

  it('lets agents set their own status and see their offers', async () => {
    const kimUser = await post('/api/users', {
      email: 'lou@example.com',
      name: 'Lou',
      roles: ['agent'],
      password: 'correct horse battery staple',
      agentId: await agent({
        name: 'Lou',
        email: 'lou.agent@example.com',
        timeZone: 'Asia/Tokyo',
        status: 'offline',
      }),
    });
    expect(kimUser.statusCode).toBe(201);
    const login = await baton.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lou@example.com', password: 'correct horse battery staple' },
      token: null,
    });
    const token = login.json().token as string;
    const res = await baton.request({
      method: 'PUT',
      url: '/api/agents/me/status',
      payload: { status: 'available' },
      token,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Lou', status: 'available' });
    const offers = await baton.request({ method: 'GET', url: '/api/agents/me/offers', token });
    expect(offers.json()).toEqual({ items: [], nextCursor: null });
    const admin = await baton.request({
      method: 'PUT',
      url: '/api/agents/me/status',
      payload: { status: 'busy' },
    });
    expect(admin.statusCode).toBe(403);
  });
});
