/**
 * Every metric pinned to a hand count on one scripted morning (Monday 2026-01-05, UTC):
 *
 *   A (email, high)  09:00 opened, Ann (Tier 1) owns it; 09:01 Ann replies; 09:02 handoff to Bob
 *                    (Tier 2) "Needs billing expert"; 09:05 Bob accepts (3 min); 09:09 Bob replies, so
 *                    the handoff completes (7 min after the offer); 09:10 the customer repeats their
 *                    opening message; 09:20 resolved.
 *   B (chat, medium) 09:30 opened, Ann owns it; 09:31 offer to Cat expires at 09:36; 09:38 offer to
 *                    Bob, declined 09:40; 09:41 offer to Cat, accepted 09:43 (2 min); 09:45 Cat hands
 *                    it back to Ann (the 09:41 handoff bounced), accepted 09:46 (1 min); 09:50 the
 *                    customer asks for news (checked, not a repeat).
 *   C (chat, low)    09:55 opened in queue Support; 09:58 assigned to Ann, whose chat capacity is 1
 *                    and who holds B: over capacity; it waited 3 min in Support.
 *   Playbook steps   three events: on time, late, missed.
 */
import type { Handoff } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { wholeMonths } from './rollups.ts';
import { AnalyticsService, type Report } from './service.ts';

const MINUTE = 60_000;
const clock = new ManualClock('2026-01-05T09:00:00.000Z');
const DAY = 'from=2026-01-05&to=2026-01-05';
let baton: TestBaton;
let tier1: string;
let tier2: string;
let ann: string;
let bob: string;
let cat: string;
const issues: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

async function settle() {
  for (let i = 0; i < 3; i++) {
    await baton.services.bus.drain();
    await baton.services.timers.runDue();
  }
  await baton.services.bus.drain();
}

async function at(hhmm: string) {
  clock.set(`2026-01-05T${hhmm}:00.000Z`);
}

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, token?: string) {
  const res = await baton.request({
    method,
    url,
    ...(payload ? { payload } : {}),
    ...(token ? { token } : {}),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  await settle();
  return res.json();
}

async function open(subject: string, body: string, channel: string, priority: string, extra: object = {}) {
  return (
    await call('POST', '/api/issues', {
      subject,
      body,
      channel,
      priority,
      customer: { email: `${subject.toLowerCase()}@example.com` },
      ...extra,
    })
  ).id as string;
}

const offer = (issueId: string, to: object, reason: string, extra: object = {}) =>
  call('POST', `/api/issues/${issueId}/handoffs`, {
    to,
    reason,
    onExpire: 'none',
    ...extra,
  }) as Promise<Handoff>;

async function report(name: string, query = ''): Promise<Report> {
  const res = await baton.request({ method: 'GET', url: `/api/analytics/${name}?${DAY}${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const row = (r: Report, label: string) => r.rows.find((x) => x.label === label)?.values;

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  tier1 = (await call('POST', '/api/teams', { name: 'Tier 1', queues: ['Support'] })).id;
  tier2 = (await call('POST', '/api/teams', { name: 'Tier 2', queues: ['Billing'] })).id;
  const agent = async (name: string, teamId: string) =>
    (
      await call('POST', '/api/agents', {
        name,
        email: `${name.toLowerCase()}@example.com`,
        timeZone: 'UTC',
        teamIds: [teamId],
        status: 'available',
        capacity: { email: 5, chat: 1 },
      })
    ).id as string;
  ann = await agent('Ann', tier1);
  bob = await agent('Bob', tier2);
  cat = await agent('Cat', tier2);

  await at('09:00');
  issues.A = await open(
    'Export',
    'My nightly export fails with error 504 and the invoice totals are missing.',
    'email',
    'high',
  );
  await call('PATCH', `/api/issues/${issues.A}`, { assignee: { agentId: ann, teamId: tier1 } });
  await at('09:01');
  await call(
    'POST',
    `/api/issues/${issues.A}/timeline`,
    {
      type: 'agent_reply',
      text: 'Looking into it.',
    },
    await baton.tokenForAgent(ann),
  );
  await at('09:02');
  const a1 = await offer(issues.A, { agentId: bob, teamId: tier2 }, 'Needs billing expert');
  await at('09:05');
  await call('POST', `/api/handoffs/${a1.id}/accept`);
  await at('09:09');
  await call(
    'POST',
    `/api/issues/${issues.A}/timeline`,
    {
      type: 'agent_reply',
      text: 'Hi, Bob here, I have your case.',
    },
    await baton.tokenForAgent(bob),
  );
  await at('09:10');
  await call('POST', `/api/issues/${issues.A}/timeline`, {
    type: 'customer_message',
    text: 'As I said before: my nightly export fails with error 504, and invoice totals are missing!',
  });
  await at('09:20');
  await call('PATCH', `/api/issues/${issues.A}`, { status: 'resolved' });

  await at('09:30');
  issues.B = await open('Refund', 'I was charged twice for the March invoice.', 'chat', 'medium');
  await call('PATCH', `/api/issues/${issues.B}`, { assignee: { agentId: ann, teamId: tier1 } });
  await at('09:31');
  await offer(issues.B, { agentId: cat }, 'Needs billing expert', { expiresIn: 'PT5M' });
  await at('09:37');
  await settle();
  await at('09:38');
  const b2 = await offer(issues.B, { agentId: bob }, 'Shift change');
  await at('09:40');
  await call('POST', `/api/handoffs/${b2.id}/decline`, { reason: 'Off in ten minutes' });
  await at('09:41');
  const b3 = await offer(issues.B, { agentId: cat }, 'Needs billing expert');
  await at('09:43');
  await call('POST', `/api/handoffs/${b3.id}/accept`);
  await at('09:45');
  const b4 = await offer(issues.B, { agentId: ann }, 'Escalate back');
  await at('09:46');
  await call('POST', `/api/handoffs/${b4.id}/accept`);
  await at('09:50');
  await call('POST', `/api/issues/${issues.B}/timeline`, {
    type: 'customer_message',
    text: 'Thanks, any update?',
  });

  await at('09:55');
  issues.C = await open('Login', 'I cannot sign in.', 'chat', 'low', { queue: 'Support' });
  await at('09:58');
  await call('PATCH', `/api/issues/${issues.C}`, { assignee: { agentId: ann, teamId: tier1 } });

  // The playbook module's events, as it will emit them.
  const emit = baton.services.bus.emit.bind(baton.services.bus) as unknown as (e: object) => void;
  const step = (type: string, stepName: string, durationMs?: number) =>
    emit({
      type,
      at: '2026-01-05T09:58:00.000Z',
      issueId: issues.A,
      playbookName: 'Smooth Transition',
      stepName,
      windowMs: 10 * MINUTE,
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
  step('playbook.step.completed', 'Brief the new owner', 5 * MINUTE);
  step('playbook.step.completed', 'Call the customer', 15 * MINUTE);
  step('playbook.step.missed', 'Confirm the fix');
  step('playbook.step.completed', undefined as unknown as string); // no step name: ignored
  await settle();
});
afterAll(() => baton.close());

describe('analytics', () => {
  it('counts handoffs with their times, bounces, declines, expiries, repeat handoffs and context loss', async () => {
    const r = await report('handoffs');
    expect(r.totals).toMatchObject({
      issues: 3,
      handoffs: 5,
      handoffsPerIssue: 1.6667,
      handoffsPerHandedOff: 2.5,
      offers: 5,
      accepted: 3,
      avgAcceptMs: 2 * MINUTE, // (3 + 2 + 1) / 3
      completed: 1,
      avgCompleteMs: 7 * MINUTE,
      bounced: 1,
      declined: 1,
      expired: 1,
      over2: 1,
      ctxChecked: 2,
      ctxLost: 1,
      contextLoss: 0.5,
    });
    // Handoffs count where they went: four to Tier 2 (Bob, Cat, Bob, Cat), one back to Tier 1.
    expect(row(r, 'Tier 2')).toMatchObject({
      handoffs: 4,
      accepted: 2,
      declined: 1,
      expired: 1,
      bounced: 1,
      ctxLost: 1,
    });
    expect(row(r, 'Tier 1')).toMatchObject({ handoffs: 1, accepted: 1, bounced: 0, avgAcceptMs: MINUTE });
    const accept = r.distributions?.find((d) => d.key === 'timeToAccept')?.buckets.map((b) => b.count);
    expect(accept).toEqual([0, 3, 0, 0, 0, 0]); // 1, 2 and 3 minutes: all in 1–5 min
    expect(r.trend.days).toEqual([
      { day: '2026-01-05', values: expect.objectContaining({ handoffs: 5, expired: 1 }) },
    ]);
  });

  it('groups handoffs by trigger reason with their outcomes', async () => {
    const r = await report('handoffs', '&groupBy=reason');
    expect(row(r, 'Needs billing expert')).toMatchObject({
      offers: 3,
      accepted: 2,
      expired: 1,
      completed: 1,
    });
    expect(row(r, 'Shift change')).toMatchObject({ offers: 1, declined: 1 });
    expect(row(r, 'Escalate back')).toMatchObject({ offers: 1, accepted: 1 });
  });

  it('measures SLA attainment, time in each state and playbook step timeliness', async () => {
    const r = await report('sla');
    expect(r.totals).toMatchObject({
      firstResponseMet: 1,
      firstResponseMissed: 0,
      firstResponseAttainment: 1,
      firstResponseAvgMs: MINUTE,
      handoffCompletionMet: 1,
      handoffCompletionAttainment: 1,
      handoffCompletionAvgMs: 7 * MINUTE,
      resolutionAttainment: null, // tracked only: no target
      resolutionAvgMs: 20 * MINUTE,
      state_new: MINUTE, // A: new until Ann's reply
      state_open: 19 * MINUTE, // A: open until resolved
      steps: 3,
      stepsOnTime: 1,
      stepsLate: 1,
      stepsMissed: 1,
      stepTimeliness: 0.3333,
      avgStepMs: 10 * MINUTE,
    });
    const steps = await report('sla', '&groupBy=step');
    expect(steps.rows.map((x) => x.label).sort()).toEqual([
      'Smooth Transition › Brief the new owner',
      'Smooth Transition › Call the customer',
      'Smooth Transition › Confirm the fix',
    ]);
  });

  it('measures routing quality and queue waits', async () => {
    const r = await report('routing');
    expect(r.totals).toMatchObject({
      resolved: 1,
      firstResolved: 0, // A was resolved by Bob, not its first assignee Ann
      firstAssigneeRate: 0,
      reassigned: 1,
      reassignmentRate: 1,
      assigned: 6, // A: Ann, Bob; B: Ann, Cat, Ann; C: Ann
      queueWaits: 1,
      avgQueueWaitMs: 3 * MINUTE,
    });
  });

  it('finds the bottlenecks: queue waits, capacity, hours when offers expire', async () => {
    const r = await report('bottlenecks');
    expect(r.tables?.queue?.rows).toEqual([
      {
        key: 'Support',
        label: 'Support',
        values: { queueWaits: 1, avgQueueWaitMs: 3 * MINUTE, maxQueueWaitMs: 3 * MINUTE },
      },
    ]);
    expect(r.tables?.agent?.rows.find((x) => x.label === 'Ann')?.values).toMatchObject({ overCapacity: 1 });
    expect(r.tables?.team?.rows.find((x) => x.label === 'Tier 1')?.values).toMatchObject({ overCapacity: 1 });
    expect(r.tables?.hour?.rows).toEqual([
      { key: 'mon-09', label: 'Mon 09:00–10:00 UTC', values: { expired: 1 } },
    ]);
  });

  it('shows teams with their offers, outcomes and capacity now', async () => {
    const r = await report('teams');
    expect(row(r, 'Tier 2')).toMatchObject({
      offers: 4,
      accepted: 2,
      acceptanceRate: 0.5,
      declined: 1,
      expired: 1,
    });
    // Ann holds B and C (chat capacity 1 + email 5); Bob and Cat hold nothing open (A is resolved, B moved on).
    expect(r.capacity?.find((c) => c.label === 'Tier 1')).toMatchObject({ agents: 1, open: 2, capacity: 6 });
    expect(r.capacity?.find((c) => c.label === 'Tier 2')).toMatchObject({ agents: 2, open: 0, capacity: 12 });
  });

  it('lists the issues behind a number', async () => {
    const behind = async (q: string) =>
      (await baton.request({ method: 'GET', url: `/api/analytics/issues?${DAY}&${q}` })).json();
    expect(
      (await behind('report=handoffs&column=expired')).items.map((i: { issueId: string }) => i.issueId),
    ).toEqual([issues.B]);
    expect(
      (await behind('report=handoffs&column=ctxLost')).items.map((i: { subject: string }) => i.subject),
    ).toEqual(['Export']);
    expect(
      (await behind('report=handoffs&column=over2')).items.map((i: { issueId: string }) => i.issueId),
    ).toEqual([issues.B]);
    // Offers are listed by the facts of the handoffs they were (no fact of their own for a first offer).
    const offers = await behind('report=handoffs&column=offers');
    expect(
      Object.fromEntries(offers.items.map((i: { issueId: string; count: number }) => [i.issueId, i.count])),
    ).toEqual({ [issues.A]: 1, [issues.B]: 4 });
    // Stopped clocks are listed by their outcome: the issues behind the average are those met or missed.
    const sla = await report('sla');
    const timed = await behind('report=sla&column=firstResponseAvgMs');
    expect(timed.items.reduce((n: number, i: { count: number }) => n + i.count, 0)).toBe(
      (sla.totals.firstResponseMet ?? 0) + (sla.totals.firstResponseMissed ?? 0),
    );
    expect(timed.total).toBeGreaterThan(0);
    const tier2Accepted = await behind(`report=handoffs&column=avgAcceptMs&groupBy=team&key=${tier2}`);
    expect(tier2Accepted).toMatchObject({ columnLabel: 'Avg time to accept', keyLabel: 'Tier 2', total: 2 });
    const bad = await baton.request({
      method: 'GET',
      url: `/api/analytics/issues?${DAY}&report=handoffs&column=nope`,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors?.[0]?.pointer ?? bad.json().detail).toContain('column');
  });

  it('exports each report as CSV', async () => {
    for (const accept of [
      { url: `/api/analytics/handoffs?${DAY}&format=csv` },
      { url: `/api/analytics/handoffs?${DAY}`, headers: { accept: 'text/csv' } },
    ]) {
      const res = await baton.request({ method: 'GET', ...accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toMatch(/^team,Issues opened,Handoffs,/);
      expect(lines[0]).toContain('Avg time to accept (minutes)');
      expect(lines.find((l) => l.startsWith('Tier 2,'))).toContain(',4,'); // four handoffs
    }
    for (const name of ['sla', 'routing', 'teams', 'bottlenecks']) {
      const res = await baton.request({ method: 'GET', url: `/api/analytics/${name}?${DAY}&format=csv` });
      expect(res.statusCode).toBe(200);
      expect(res.body.split('\r\n').length).toBeGreaterThan(1);
    }
  });

  it('shows the ROI arithmetic with the measured context loss', async () => {
    const res = await baton.request({
      method: 'GET',
      url: `/api/analytics/roi?${DAY}&costPerHour=40&handoffsPerMonth=2000&hoursLostPerHandoff=0.5`,
    });
    const roi = res.json();
    const step = (key: string) => roi.steps.find((s: { key: string }) => s.key === key);
    expect(step('costBefore')).toMatchObject({ value: 40_000, formula: '2,000 handoffs × 0.5 h × $40/h' });
    expect(step('contextLossRate').value).toBe(0.5);
    expect(step('hoursLostAfter').value).toBe(0.25);
    expect(step('costAfter').value).toBe(20_000);
    expect(step('savedPerMonth').value).toBe(20_000);
    expect(step('savedPerYear').value).toBe(240_000);
    expect(step('measuredHandoffsPerMonth').value).toBe(150); // 5 in one day × 30
  });

  it('refuses bad queries with a problem naming the parameter', async () => {
    const bad = await baton.request({ method: 'GET', url: '/api/analytics/handoffs?groupBy=colour' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('groupBy');
    const wrongGroup = await baton.request({ method: 'GET', url: '/api/analytics/teams?groupBy=queue' });
    expect(wrongGroup.statusCode).toBe(422);
    expect(wrongGroup.body).toContain('groupBy');
    const backwards = await baton.request({
      method: 'GET',
      url: '/api/analytics/sla?from=2026-02-01&to=2026-01-01',
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('from');
  });

  it('lets designers and viewers read, only admins rebuild, and agents not at all', async () => {
    const viewer = await baton.tokenFor('viewer');
    const agent = await baton.tokenFor('agent');
    const designer = await baton.tokenFor('designer');
    expect(
      (await baton.request({ method: 'GET', url: '/api/analytics/routing', token: viewer })).statusCode,
    ).toBe(200);
    expect(
      (await baton.request({ method: 'GET', url: '/api/analytics/routing', token: designer })).statusCode,
    ).toBe(200);
    expect(
      (await baton.request({ method: 'GET', url: '/api/analytics/routing', token: agent })).statusCode,
    ).toBe(403);
    expect(
      (await baton.request({ method: 'POST', url: '/api/analytics/rebuild', token: designer })).statusCode,
    ).toBe(403);
  });

  it('rebuilds from history to exactly the numbers kept incrementally', async () => {
    const names = ['handoffs', 'sla', 'routing', 'teams', 'bottlenecks'] as const;
    const groupings = ['', '&groupBy=agent', '&groupBy=reason', '&groupBy=node'];
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const name of names) out[name] = await report(name);
      for (const g of groupings) out[`handoffs${g}`] = await report('handoffs', g);
      out.steps = await report('sla', '&groupBy=step');
      return out;
    };
    const before = await snapshot();
    const rebuilt = await baton.request({ method: 'POST', url: '/api/analytics/rebuild' });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.json()).toMatchObject({ issues: 3 });
    expect(await snapshot()).toEqual(before);
  });
  it('answers a range with whole months from month documents, the same as from its days', async () => {
    const main = (r: Report) => ({ totals: r.totals, rows: r.rows });
    for (const name of ['handoffs', 'sla', 'routing', 'bottlenecks'] as const) {
      for (const g of ['', '&groupBy=agent']) {
        const day = await report(name, g);
        for (const range of ['from=2025-12-01&to=2026-01-31', 'from=2025-12-15&to=2026-02-10']) {
          const res = await baton.request({ method: 'GET', url: `/api/analytics/${name}?${range}${g}` });
          expect(main(res.json()), `${name} ${range}${g}`).toEqual(main(day));
        }
      }
    }
    const weekAfter = await baton.request({
      method: 'GET',
      url: '/api/analytics/handoffs?from=2026-01-06&to=2026-03-31',
    });
    expect(weekAfter.json().totals.handoffs).toBe(0);
  });

  it('upgrades a store that kept its counters in the older shape by rebuilding it when started', async () => {
    const s = baton.services;
    const before = await report('handoffs', '&groupBy=agent');
    // What an earlier version left: its day × dimension documents, no shape version, none of these.
    await s.store
      .collection('analytics_rollups')
      .insertOne({ _id: '2026-01-05|all', day: '2026-01-05', dim: 'all', v: {} } as { _id: string });
    await s.store.collection('analytics_meta').deleteMany({});
    await s.store.collection('analytics_counts').deleteMany({});
    const again = new AnalyticsService(s.store, {
      ...{ clock: s.clock, bus: s.bus, issues: s.issues, timeline: s.timeline, handoffs: s.handoffs },
      ...{ sla: s.sla, runs: s.runs, flows: s.flows, directory: s.directory, log: { error: () => {} } },
    });
    await again.init();
    expect(again.upgrading).toBe(true);
    // Reports say the numbers are still filling in, so the dashboard can say so too.
    expect((await again.report('handoffs', { from: '2026-01-05', to: '2026-01-05' })).recounting).toBe(true);
    again.start();
    await vi.waitFor(() => expect(again.upgrading).toBe(false), { timeout: 10_000 });
    const after = await again.report('handoffs', { from: '2026-01-05', to: '2026-01-05', groupBy: 'agent' });
    expect({ totals: after.totals, rows: after.rows }).toEqual({ totals: before.totals, rows: before.rows });
    expect(after.recounting).toBeUndefined();
    expect(await s.store.collection('analytics_rollups').countDocuments()).toBe(0);
    // Started again, the store is in this shape: nothing to do.
    const third = new AnalyticsService(s.store, {
      ...{ clock: s.clock, bus: s.bus, issues: s.issues, timeline: s.timeline, handoffs: s.handoffs },
      ...{ sla: s.sla, runs: s.runs, flows: s.flows, directory: s.directory, log: { error: () => {} } },
    });
    await third.init();
    expect(third.upgrading).toBe(false);
    await again.stop();
    await third.stop();
  });
});

describe('wholeMonths', () => {
  it('splits a range into the whole months inside it and the days at its edges', () => {
    expect(wholeMonths('2026-03-04', '2026-06-01')).toEqual({
      first: '2026-04',
      last: '2026-05',
      before: '2026-03-31',
      after: '2026-06-01',
    });
    expect(wholeMonths('2026-04-01', '2026-04-30')).toEqual({
      first: '2026-04',
      last: '2026-04',
      before: '2026-03-31',
      after: '2026-05-01',
    });
    expect(wholeMonths('2026-04-02', '2026-05-30')).toBeNull();
    expect(wholeMonths('2025-12-15', '2026-02-10')).toMatchObject({ first: '2026-01', last: '2026-01' });
  });
});
