/**
 * Attack 5: object-level checks failed open. A user with the agent role but no linked agent could
 * accept, decline and complete handoffs offered to others, and answer their routing offers. Now
 * every action on a handoff, an offer, an escalation or a notification checks the caller against
 * the object and fails closed; admins and integrations (which relay what people did elsewhere)
 * still act for others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/shared/clock.ts';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

let baton: TestBaton;
let teamId: string;
let ann: string;
let bob: string;
/** Tokens: a user signed in as Bob's agent, an agent-role user with no agent, an agent-role key. */
const tokens: Record<'bob' | 'ann' | 'unlinked' | 'agentKey' | 'integrator', string> = {
  bob: '',
  ann: '',
  unlinked: '',
  agentKey: '',
  integrator: '',
};
let n = 0;
const userIds: Record<string, string> = {};

async function post(url: string, payload: object = {}, token?: string) {
  return baton.request({ method: 'POST', url, payload, ...(token !== undefined ? { token } : {}) });
}

async function signIn(email: string, agentId?: string): Promise<string> {
  const password = 'correct horse battery staple';
  const created = await post('/api/users', {
    email,
    name: email.split('@')[0],
    roles: ['agent'],
    password,
    ...(agentId ? { agentId } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  userIds[email] = created.json().id;
  const login = await post('/api/auth/login', { email, password }, null as unknown as string);
  return login.json().token as string;
}

async function newIssue(): Promise<string> {
  const res = await post('/api/issues', {
    subject: `Object ${++n}`,
    body: 'Something broke.',
    channel: 'email',
    customer: { email: `object${n}@example.com` },
  });
  return res.json().id as string;
}

beforeAll(async () => {
  baton = await startTestBaton({ clock: new ManualClock('2026-01-05T09:00:00.000Z') });
  teamId = (await post('/api/teams', { name: 'Tier 1', queues: ['Objects'] })).json().id;
  const agent = async (name: string) =>
    (
      await post('/api/agents', {
        name,
        email: `${name.toLowerCase()}@example.com`,
        timeZone: 'UTC',
        teamIds: [teamId],
        status: 'available',
      })
    ).json().id as string;
  ann = await agent('Ann');
  bob = await agent('Bob');
  tokens.ann = await signIn('ann.user@example.com', ann);
  tokens.bob = await signIn('bob.user@example.com', bob);
  tokens.unlinked = await signIn('nobody@example.com');
  tokens.agentKey = await baton.tokenFor('agent');
  tokens.integrator = await baton.tokenFor('integrator');
});
afterAll(() => baton.close());

async function handoffTo(agentId: string): Promise<string> {
  const issueId = await newIssue();
  const res = await post(`/api/issues/${issueId}/handoffs`, { to: { agentId }, reason: 'Needs Bob' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('handoffs', () => {
  for (const who of ['unlinked', 'agentKey', 'ann'] as const) {
    it(`${who} cannot accept, decline or complete a handoff offered to Bob`, async () => {
      const id = await handoffTo(bob);
      expectProblem(await post(`/api/handoffs/${id}/accept`, {}, tokens[who]), 403);
      expectProblem(await post(`/api/handoffs/${id}/decline`, { reason: 'no' }, tokens[who]), 403);
      expect((await post(`/api/handoffs/${id}/accept`, {}, tokens.bob)).statusCode).toBe(200);
      expectProblem(await post(`/api/handoffs/${id}/complete`, {}, tokens[who]), 403);
      expect((await post(`/api/handoffs/${id}/complete`, {}, tokens.bob)).statusCode).toBe(200);
      await expectHealthy(baton);
    });
  }

  it('an integration may answer for the offered agent; an admin too', async () => {
    const id = await handoffTo(bob);
    expect((await post(`/api/handoffs/${id}/accept`, {}, tokens.integrator)).statusCode).toBe(200);
    expect((await post(`/api/handoffs/${id}/complete`, {})).statusCode).toBe(200);
  });
});

describe('routing offers', () => {
  it('only the offered agent (or an admin or integration) answers an offer', async () => {
    await post('/api/routing/policies', {
      queue: 'Objects',
      strategy: 'round-robin',
      offer: { acceptTimeout: 'PT2M', maxOffers: 3 },
    });
    const issueId = await newIssue();
    await baton.request({ method: 'PATCH', url: `/api/issues/${issueId}`, payload: { queue: 'Objects' } });
    const decision = (await post(`/api/issues/${issueId}/route`, {})).json();
    expect(decision.outcome).toBe('offered');
    const offered = decision.agentId === ann ? 'ann' : 'bob';
    const other = offered === 'ann' ? 'bob' : 'ann';
    for (const who of ['unlinked', 'agentKey', other] as const) {
      expectProblem(await post(`/api/routing/offers/${decision.offerId}/accept`, {}, tokens[who]), 403);
      expectProblem(await post(`/api/routing/offers/${decision.offerId}/decline`, {}, tokens[who]), 403);
    }
    expect(
      (await post(`/api/routing/offers/${decision.offerId}/accept`, {}, tokens[offered])).statusCode,
    ).toBe(200);
    await expectHealthy(baton);
  });
});

describe('escalations', () => {
  it('only someone the path concerns (or an admin or integration) acknowledges it', async () => {
    const issueId = await newIssue();
    const started = await post(`/api/issues/${issueId}/escalations`, {
      name: 'P1',
      steps: [
        { type: 'notify', to: { agents: [bob] }, message: 'please look' },
        { type: 'wait', duration: 'PT10M' },
      ],
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    for (const who of ['unlinked', 'agentKey'] as const) {
      expectProblem(await post(`/api/escalations/${id}/ack`, {}, tokens[who]), 403);
    }
    expect((await post(`/api/escalations/${id}/ack`, {}, tokens.bob)).statusCode).toBe(200);
    await expectHealthy(baton);
  });
});

describe('notifications', () => {
  it('only the recipient (or an admin or integration) acknowledges a notification', async () => {
    const queued = await post('/api/notifications', {
      to: { kind: 'user', id: userIds['bob.user@example.com'] },
      template: { text: 'Hello Bob' },
      ack: true,
    });
    expect(queued.statusCode, queued.body).toBe(202);
    const id = queued.json().items[0].id as string;
    for (const who of ['unlinked', 'agentKey', 'ann'] as const) {
      expectProblem(await post(`/api/notifications/${id}/ack`, {}, tokens[who]), 403);
    }
    expect((await post(`/api/notifications/${id}/ack`, {}, tokens.bob)).statusCode).toBe(200);
    await expectHealthy(baton);
  });
});
