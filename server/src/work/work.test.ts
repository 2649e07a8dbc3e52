import type { Issue } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installReferenceFlows } from '../flows/reference.ts';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import type { MyWork } from './my-work.ts';

const clock = new ManualClock('2026-01-05T09:00:00.000Z');
let baton: TestBaton;
let teamId: string;
let ann: string;
let bob: string;
let annToken: string;

async function settle() {
  for (let i = 0; i < 3; i++) {
    await baton.services.bus.drain();
    await baton.services.timers.runDue();
  }
  await baton.services.bus.drain();
}

async function post(url: string, payload: unknown, token?: string) {
  const res = await baton.request({ method: 'POST', url, payload: payload as object, token });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

async function open(subject: string, priority = 'medium'): Promise<Issue> {
  return post('/api/issues', {
    subject,
    body: 'The export fails every night.',
    channel: 'email',
    priority,
    customer: { email: `${subject.replace(/\W+/g, '').toLowerCase()}@example.com` },
  });
}

async function work(token = annToken): Promise<MyWork> {
  const res = await baton.request({ method: 'GET', url: '/api/me/work', token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  // What a new store ships with: offers and handoffs reach the offered agent through this flow.
  await installReferenceFlows(baton.services, ['default-notifications.flow.json']);
  teamId = (await post('/api/teams', { name: 'Tier 1', queues: ['Support'] })).id;
  const agent = async (name: string) =>
    (
      await post('/api/agents', {
        name,
        email: `${name.toLowerCase()}@example.com`,
        timeZone: 'Europe/Berlin',
        teamIds: [teamId],
        status: 'available',
      })
    ).id as string;
  ann = await agent('Ann');
  bob = await agent('Bob');
  const user = await post('/api/users', {
    email: 'ann@example.com',
    name: 'Ann',
    roles: ['agent'],
    agentId: ann,
    password: 'correct horse battery',
  });
  // The agent profile names its sign-in, so notices to the agent reach the user's in-app inbox.
  await baton.request({ method: 'PATCH', url: `/api/agents/${ann}`, payload: { userId: user.id } });
  annToken = (await post('/api/auth/login', { email: 'ann@example.com', password: 'correct horse battery' }))
    .token;
});
afterAll(() => baton.close());

describe('GET /api/me/work', () => {
  it('answers a principal that is not an agent with no profile and nothing waiting', async () => {
    const mine = await work(baton.adminToken);
    expect(mine).toMatchObject({ agent: null, assigned: [], offers: [], handoffs: [], escalations: [] });
  });

  it('refuses an anonymous caller with a problem', async () => {
    const res = await baton.request({ method: 'GET', url: '/api/me/work', token: null });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lists my open issues, most urgent first, and leaves out resolved ones and other agents’ issues', async () => {
    const low = await open('Question about invoices', 'low');
    const critical = await open('Everything is down', 'critical');
    const done = await open('Password reset', 'high');
    const bobs = await open('Bob’s issue', 'critical');
    for (const issue of [low, critical, done])
      await baton.request({
        method: 'PATCH',
        url: `/api/issues/${issue.id}`,
        payload: { assignee: { agentId: ann } },
      });
    await baton.request({ method: 'PATCH', url: `/api/issues/${done.id}`, payload: { status: 'resolved' } });
    await baton.request({
      method: 'PATCH',
      url: `/api/issues/${bobs.id}`,
      payload: { assignee: { agentId: bob } },
    });
    await settle();

    const mine = await work();
    expect(mine.agent?.name).toBe('Ann');
    expect(mine.assigned.map((i) => i.subject)).toEqual(['Everything is down', 'Question about invoices']);
  });

  it('shows a handoff offered to me with its issue until I answer it', async () => {
    const issue = await open('Webhook deliveries delayed');
    await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { assignee: { agentId: bob } },
    });
    const handoff = await post(`/api/issues/${issue.id}/handoffs`, {
      to: { agentId: ann },
      reason: 'Ann knows webhooks',
    });
    await settle();

    const before = await work();
    expect(before.handoffs).toHaveLength(1);
    expect(before.handoffs[0]).toMatchObject({
      handoff: { id: handoff.id, reason: 'Ann knows webhooks' },
      issue: { subject: 'Webhook deliveries delayed' },
    });

    // It reached me as a notification too (the Default notifications flow), in words.
    const inbox = await baton.request({ method: 'GET', url: '/api/me/notifications', token: annToken });
    expect(inbox.json().items.map((n: { message: { subject?: string } }) => n.message.subject)).toContain(
      'Offered to you: Webhook deliveries delayed',
    );

    await post(`/api/handoffs/${handoff.id}/decline`, { reason: 'On leave from tomorrow' }, annToken);
    await settle();
    // It goes on to the team, but not back to me: I already said no.
    expect((await work()).handoffs).toEqual([]);
  });

  it('carries the sender’s warm introduction and their edits to the brief', async () => {
    const issue = await open('Refund for a double charge');
    const note = await post(`/api/issues/${issue.id}/timeline`, {
      type: 'internal_note',
      text: 'Checked the card processor logs: two captures.',
    });
    const aside = await post(`/api/issues/${issue.id}/timeline`, {
      type: 'internal_note',
      text: 'Lunch at noon, back at one.',
    });
    await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { assignee: { agentId: bob } },
    });
    const handoff = await post(`/api/issues/${issue.id}/handoffs`, {
      to: { agentId: ann },
      reason: 'Refunds need billing rights',
      introduction: 'Ann, meet Dana from Acme: calm, but the CFO is watching.',
      briefEdits: {
        summary: 'Charged twice on 3 March; refund promised by Friday.',
        omitEventIds: [aside.id],
      },
    });
    expect(handoff.introduction).toBe('Ann, meet Dana from Acme: calm, but the CFO is watching.');
    expect(handoff.brief.summary).toBe('Charged twice on 3 March; refund promised by Friday.');
    const tried = handoff.brief.stepsTried.map((i: { eventId: string }) => i.eventId);
    expect(tried).toContain(note.id);
    expect(tried).not.toContain(aside.id);
    expect(handoff.brief.editedBy).toMatchObject({ kind: 'user' });

    const bad = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { agentId: ann }, reason: 'again', briefEdits: { omitEventIds: 'all' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('omitEventIds');
    await post(`/api/handoffs/${handoff.id}/decline`, { reason: 'Not mine' }, annToken);
    await settle();
  });

  it('shows an escalation that notified me until I acknowledge it', async () => {
    const issue = await open('Suspicious logins', 'critical');
    const escalation = await post(`/api/issues/${issue.id}/escalations`, {
      name: 'Security page',
      steps: [
        { type: 'notify', to: { agents: [ann] }, message: 'Please look now' },
        { type: 'wait', duration: 'PT15M' },
        { type: 'notify', to: { agents: [bob] }, message: 'Ann has not answered' },
      ],
    });
    await settle();

    const waiting = await work();
    expect(waiting.escalations.map((e) => [e.escalation.name, e.issue.subject])).toEqual([
      ['Security page', 'Suspicious logins'],
    ]);
    // Bob was not notified: nothing waits for him.
    expect((await work(baton.adminToken)).escalations).toEqual([]);

    await post(`/api/escalations/${escalation.id}/ack`, {}, annToken);
    expect((await work()).escalations).toEqual([]);
  });
});

describe('GET /api/sla/running', () => {
  it('gives each issue with a running clock its most pressing one, least time left first', async () => {
    const res = await baton.request({ method: 'GET', url: '/api/sla/running' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      now: string;
      items: { issueId: string; clock: { remainingMs: number; state: string } }[];
    };
    expect(body.items.length).toBeGreaterThan(0);
    expect(new Set(body.items.map((i) => i.issueId)).size).toBe(body.items.length);
    expect(body.items.every((i) => i.clock.state === 'running')).toBe(true);
    const remaining = body.items.map((i) => i.clock.remainingMs);
    expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
  });
});
