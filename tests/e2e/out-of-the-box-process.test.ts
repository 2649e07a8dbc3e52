/**
 * The issue's "How it is checked", on a fresh process: `server/src/main.ts` started as `npm start`
 * starts it (BATON_DEMO=1, the shipped demo data and flows, a new data folder), driven over HTTP
 * only. A refund lands with a billing agent of the team that owns the billing queue; a caller's queue
 * is kept; the offered agent has an in-app notification within a second; a breach notifies the
 * owner; a resolved issue sends the customer a status update.
 *
 * Unlike out-of-the-box.test.ts (in-process, with a shifted clock), this runs on the real clock, so
 * the billing team is put on shift for the test (routing rightly skips agents off shift; the demo's
 * shifts are weekdays in Europe).
 */
import type { Agent, Issue, Notification, TimelineEvent } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton, readJson, startBaton } from '../helpers/server.ts';

type Page<T> = { items: T[] };

let baton: RunningBaton;
const tokens = new Map<string, string>();
let agents: Agent[] = [];
const BILLING = 'Billing and Payments';

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function call<T>(path: string, init: Parameters<typeof api>[2] = {}, token?: string): Promise<T> {
  const res = await api(token ? { ...baton, adminToken: token } : baton, path, init);
  if (res.status >= 300)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return readJson<T>(res);
}

const createIssue = (payload: Record<string, unknown>) =>
  call<Issue>('/api/issues', {
    method: 'POST',
    json: { channel: 'email', customer: { email: 'finance@acme.example', name: 'Ada Finance' }, ...payload },
  });

/** The offer routing made for an issue, from the routing note on its timeline. */
async function offerOf(issueId: string): Promise<{ id: string; agentId: string; at: string }> {
  return until(`an offer for ${issueId}`, async () => {
    const timeline = await call<Page<TimelineEvent>>(`/api/issues/${issueId}/timeline?limit=200`);
    for (const e of timeline.items) {
      const data = e.type === 'system_event' ? (e.data as { offerId?: string; agentId?: string }) : undefined;
      if (e.type === 'system_event' && e.action === 'routing' && data?.offerId && data.agentId)
        return { id: data.offerId, agentId: data.agentId, at: e.at };
    }
    return undefined;
  });
}

async function inApp(agentId: string): Promise<Notification[]> {
  const token = tokens.get(agentId);
  if (!token) throw new Error(`no user for agent ${agentId}`);
  return (await call<Page<Notification>>('/api/me/notifications', {}, token)).items;
}

beforeAll(async () => {
  baton = await startBaton({ demo: true, env: { BATON_SIGNIN_PER_MINUTE: '1000' } });
  agents = (await call<Page<Agent>>('/api/agents?limit=100')).items;
  const teams = (await call<Page<{ id: string; queues: string[] }>>('/api/teams')).items;
  const billingTeams = new Set(teams.filter((t) => t.queues.includes(BILLING)).map((t) => t.id));
  for (const agent of agents) {
    const password = 'correct horse battery staple';
    await call('/api/users', {
      method: 'POST',
      json: { email: agent.email, name: agent.name, password, roles: ['agent'], agentId: agent.id },
    });
    const login = await call<{ token: string }>('/api/auth/login', {
      method: 'POST',
      json: { email: agent.email, password },
    });
    tokens.set(agent.id, login.token);
    // On shift whenever the test runs: no fixed hours.
    if (agent.teamIds.some((t) => billingTeams.has(t)))
      await call(`/api/agents/${agent.id}`, { method: 'PATCH', json: { workingHours: [] } });
  }
}, 300_000);

afterAll(async () => {
  await baton?.stop();
  await baton?.cleanup();
});

describe('a fresh `npm start` with the demo data', () => {
  it('lands a refund with a billing agent of the team that owns the billing queue; the agent is told in-app within a second', async () => {
    const issue = await createIssue({
      subject: 'Refund for a duplicate charge',
      body: 'We were charged twice for the March subscription and need a refund of the second payment.',
    });
    const offer = await offerOf(issue.id);
    // In the agent's own in-app list (any delivery status: it is theirs the moment it is written),
    // and written within a second of the offer by the server's clock — the client's polling over a
    // loaded machine is not what is measured.
    const notice = await until('the offer notification', async () =>
      (await inApp(offer.agentId)).find((n) => n.issueId === issue.id && n.channel === 'in-app'),
    );
    expect(Date.parse(notice.createdAt) - Date.parse(offer.at)).toBeLessThan(1000);
    expect(notice.message.text).toContain('Refund for a duplicate charge');

    expect((await call<Issue>(`/api/issues/${issue.id}`)).queue).toBe(BILLING);
    const agent = agents.find((a) => a.id === offer.agentId);
    const teams = (await call<Page<{ id: string; queues: string[] }>>('/api/teams')).items;
    const owners = teams.filter((t) => t.queues.includes(BILLING)).map((t) => t.id);
    expect(agent?.teamIds.some((t) => owners.includes(t))).toBe(true);
    expect(agent?.skills.find((s) => s.skill === 'billing')?.level).toBeGreaterThanOrEqual(3);
  });

  it('keeps a queue the caller named', async () => {
    const issue = await createIssue({
      subject: 'Refund question about our API plan',
      body: 'Our API integration is billed per call. Can we get a refund for the calls that failed with 503?',
      queue: 'Technical Support',
    });
    const kept = await until('the flow to finish', async () => {
      const current = await call<Issue>(`/api/issues/${issue.id}`);
      return current.tags.includes('queue-from-caller') ? current : undefined;
    });
    expect(kept.queue).toBe('Technical Support');
  });

  it('notifies the owner when an SLA breaches', async () => {
    await call('/api/sla/policies', {
      method: 'POST',
      json: {
        name: 'Drill: two-second first response',
        order: 1,
        match: { tags: ['sla-drill'] },
        metrics: { firstResponse: { targets: { default: 'PT2S' }, businessHours: false } },
        calendar: {
          timeZoneFrom: 'policy',
          timeZone: 'UTC',
          hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
        },
      },
    });
    const issue = await createIssue({
      subject: 'Invoice shows the wrong VAT rate',
      body: 'Invoice INV-48812 applies 19% VAT, our rate is 7%. Please correct the invoice.',
      queue: BILLING,
      tags: ['sla-drill'],
    });
    const offer = await offerOf(issue.id);
    await call(`/api/routing/offers/${offer.id}/accept`, { method: 'POST' }, tokens.get(offer.agentId));
    const breach = await until(
      'the breach notice to the owner',
      async () =>
        (await inApp(offer.agentId)).find(
          (n) => n.issueId === issue.id && /breached/i.test(n.message.subject ?? ''),
        ),
      15_000,
    );
    expect(breach.message.text).toContain('Invoice shows the wrong VAT rate');
  });

  it('sends the customer a status update when the issue is resolved', async () => {
    const issue = await createIssue({
      subject: 'Card payment declined on renewal',
      body: 'The renewal payment with our company card was declined although the card is valid.',
      queue: BILLING,
    });
    const offer = await offerOf(issue.id);
    await call(`/api/routing/offers/${offer.id}/accept`, { method: 'POST' }, tokens.get(offer.agentId));
    const owner = agents.find((a) => a.id === offer.agentId) as Agent;
    await call(`/api/issues/${issue.id}`, { method: 'PATCH', json: { status: 'resolved' } });
    const update = await until('the resolution update', async () => {
      const sent = await call<Page<Notification>>(
        `/api/notifications?issueId=${issue.id}&channel=customer-status`,
      );
      return sent.items.find((n) => /resolved/i.test(n.message.subject ?? ''));
    });
    expect(update.address).toBe('finance@acme.example');
    expect(update.message.text).toContain(owner.name);
  });
});
