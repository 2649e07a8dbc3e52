import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlaClock, SlaClockView } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { DomainEvent } from '../events/bus.ts';
import { createServices } from '../services.ts';
import { ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import { deployFlow, edge, node, settle as settleFlows } from '../testing/flows.ts';
import { startTestBaton, TEST_ADMIN_TOKEN, type TestBaton } from '../testing/harness.ts';
import { type ClockTerms, ClockTransitionError, retarget, transition, viewOf } from './clock.ts';

const MINUTE = 60_000;
const clock = new ManualClock('2026-01-05T09:00:00.000Z'); // Monday, 10:00 in Berlin
let baton: TestBaton;
const events: DomainEvent[] = [];

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  for (const type of ['sla.warning', 'sla.breached'] as const)
    baton.services.bus.on(type, (e) => void events.push(e));
});
afterAll(() => baton.close());

const settle = () => settleFlows(baton, 1);

async function openIssue(subject: string, extra: Record<string, unknown> = {}) {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject,
      body: 'It does not work.',
      channel: 'email',
      customer: {
        email: `${subject.replace(/\W+/g, '-').toLowerCase()}@example.com`,
        name: 'C',
        timeZone: 'Europe/Berlin',
      },
      ...extra,
    },
  });
  expect(res.statusCode).toBe(201);
  await settle();
  return res.json().id as string;
}

async function clocks(issueId: string): Promise<Record<string, SlaClockView>> {
  const res = await baton.request({ method: 'GET', url: `/api/issues/${issueId}/sla` });
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(res.json().clocks.map((c: SlaClockView) => [c.metric, c]));
}

describe('SLA calculator', () => {
  it('puts first response 1 business hour after creation, rolling over the night and the weekend', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/sla/calculate',
      payload: {
        start: '2026-01-09T15:30:00Z', // Friday 16:30 in Berlin
        targets: { firstResponse: 'PT1H', resolution: 'PT8H' },
        calendar: {
          timeZone: 'Europe/Berlin',
          hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.openNow).toBe(true);
    expect(body.due).toEqual([
      expect.objectContaining({
        metric: 'firstResponse',
        dueAt: '2026-01-12T08:30:00.000Z',
        dueAtLocal: '2026-01-12T09:30:00.000+01:00',
      }),
      // 30 min on Friday and 7.5 h on Monday: 16:30 Berlin.
      expect.objectContaining({ metric: 'resolution', dueAt: '2026-01-12T15:30:00.000Z' }),
    ]);
  });

  it('uses a stored policy: the seeded Standard one, 1 h first response in business hours and 30 min handoffs around the clock', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/sla/calculate',
      payload: { start: '2026-01-10T12:00:00Z', policyId: 'sla_default', timeZone: 'America/New_York' },
    });
    expect(res.statusCode).toBe(200);
    const due = Object.fromEntries(
      res.json().due.map((d: { metric: string; dueAt: string }) => [d.metric, d.dueAt]),
    );
    // Saturday: first response due Monday 10:00 New York (15:00Z); the handoff clock counts the weekend.
    expect(due).toEqual({
      firstResponse: '2026-01-12T15:00:00.000Z',
      handoffCompletion: '2026-01-10T12:30:00.000Z',
    });
  });

  it('explains what it cannot compute', async () => {
    const noCalendar = await baton.request({
      method: 'POST',
      url: '/api/sla/calculate',
      payload: { start: '2026-01-10T12:00:00Z', targets: { firstResponse: 'PT1H' } },
    });
    expect(noCalendar.statusCode).toBe(422);
    const never = await baton.request({
      method: 'POST',
      url: '/api/sla/calculate',
      payload: {
        start: '2026-01-10T12:00:00Z',
        targets: { firstResponse: 'PT1H' },
        calendar: { timeZone: 'UTC', hours: [{ days: ['mon'], from: '10:00', to: '09:00' }] },
      },
    });
    expect(never.statusCode).toBe(422);
    expect(never.json().errors[0].pointer).toBe('/body/calendar');
  });
});

describe('SLA clocks on an issue', () => {
  it('starts with the issue, warns at 50 and 75 %, and stops met at the first agent reply', async () => {
    const id = await openIssue('Warned but met');
    let c = await clocks(id);
    expect(Object.keys(c).sort()).toEqual(['firstResponse', 'resolution']);
    expect(c.firstResponse).toMatchObject({
      state: 'running',
      targetMs: 3_600_000,
      dueAt: '2026-01-05T10:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    expect(c.resolution).toMatchObject({ state: 'running', businessHours: false });
    expect(c.resolution?.targetMs).toBeUndefined();

    clock.advance(30 * MINUTE);
    await settle();
    clock.advance(15 * MINUTE);
    await settle();
    expect(
      events
        .filter((e) => e.type === 'sla.warning' && e.issueId === id)
        .map((e) => (e.type === 'sla.warning' ? e.percent : 0)),
    ).toEqual([50, 75]);

    const reply = await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/timeline`,
      payload: { type: 'agent_reply', text: 'Looking into it now.' },
    });
    expect(reply.statusCode).toBe(201);
    await settle();
    c = await clocks(id);
    expect(c.firstResponse).toMatchObject({
      state: 'stopped',
      met: true,
      elapsedMs: 45 * MINUTE,
      breached: false,
    });
    expect(c.firstResponse?.log.map((e) => e.type)).toEqual(['started', 'warning', 'warning', 'stopped']);
    // Nothing more fires for a stopped clock.
    clock.advance(60 * MINUTE);
    await settle();
    expect(events.some((e) => e.type === 'sla.breached' && e.issueId === id)).toBe(false);
  });

  it('applies a policy once: applying it again returns the running clocks, unchanged and not re-armed', async () => {
    const id = await openIssue('Applied twice');
    const before = await clocks(id);
    const timers = async () =>
      (await baton.services.store.collection('timers').find({})).filter((t) =>
        JSON.stringify(t).includes(before.firstResponse!.id),
      ).length;
    const armed = await timers();
    expect(armed).toBeGreaterThan(0);
    clock.advance(5 * MINUTE);
    const again = await baton.services.sla.apply(id);
    expect(again.map((c) => [c.metric, c.id, c.startedAt])).toEqual([
      ['firstResponse', before.firstResponse!.id, before.firstResponse!.startedAt],
      ['resolution', before.resolution!.id, before.resolution!.startedAt],
    ]);
    expect(await timers()).toBe(armed);
    expect(Object.keys(await clocks(id)).sort()).toEqual(['firstResponse', 'resolution']);
  });

  it('breaches, emits sla.breached and keeps counting overdue time', async () => {
    const id = await openIssue('Nobody answered');
    clock.advance(61 * MINUTE);
    await settle();
    const breach = events.find((e) => e.type === 'sla.breached' && e.issueId === id);
    expect(breach).toMatchObject({ clock: { metric: 'firstResponse', breached: true } });
    const c = await clocks(id);
    expect(c.firstResponse).toMatchObject({ state: 'running', breached: true });
    expect(c.firstResponse!.remainingMs!).toBeLessThan(0);
  });

  it('pauses while waiting on the customer and resumes when they write back', async () => {
    clock.set('2026-01-06T09:00:00.000Z'); // Tuesday 10:00 Berlin
    const id = await openIssue('Need your logs');
    clock.advance(10 * MINUTE);
    const pending = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${id}`,
      payload: { status: 'pending' },
    });
    expect(pending.statusCode).toBe(200);
    await settle();
    clock.advance(3 * 60 * MINUTE);
    await settle();
    let c = await clocks(id);
    expect(c.firstResponse).toMatchObject({ state: 'paused', elapsedMs: 10 * MINUTE });
    expect(c.firstResponse?.dueAt).toBeUndefined();

    await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/timeline`,
      payload: { type: 'customer_message', text: 'Here they are.' },
    });
    await settle();
    c = await clocks(id);
    expect(c.firstResponse).toMatchObject({ state: 'running', elapsedMs: 10 * MINUTE });
    // 50 business minutes left from now (13:10 Berlin).
    expect(c.firstResponse?.dueAt).toBe('2026-01-06T13:00:00.000Z');
    expect(c.firstResponse?.log.map((e) => e.type)).toEqual(['started', 'paused', 'resumed']);
  });

  it('measures next response after the first reply, and resolution until resolved', async () => {
    clock.set('2026-01-07T09:00:00.000Z');
    await baton.request({
      method: 'PATCH',
      url: '/api/sla/policies/sla_default',
      payload: {
        metrics: {
          firstResponse: { targets: { default: 'PT1H' } },
          nextResponse: { targets: { default: 'PT2H', critical: 'PT30M' } },
          handoffCompletion: { targets: { default: 'PT30M' }, businessHours: false },
          resolution: { businessHours: false },
        },
      },
    });
    const id = await openIssue('Follow-ups');
    await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/timeline`,
      payload: { type: 'agent_reply', text: 'Hi!' },
    });
    await settle();
    clock.advance(5 * MINUTE);
    await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/timeline`,
      payload: { type: 'customer_message', text: 'Still broken?' },
    });
    await settle();
    let c = await clocks(id);
    expect(c.nextResponse).toMatchObject({ state: 'running', targetMs: 2 * 3_600_000 });
    clock.advance(20 * MINUTE);
    await baton.request({
      method: 'POST',
      url: `/api/issues/${id}/timeline`,
      payload: { type: 'agent_reply', text: 'Fixed.' },
    });
    await baton.request({ method: 'PATCH', url: `/api/issues/${id}`, payload: { status: 'resolved' } });
    await settle();
    c = await clocks(id);
    expect(c.nextResponse).toMatchObject({ state: 'stopped', met: true, elapsedMs: 20 * MINUTE });
    expect(c.resolution).toMatchObject({ state: 'stopped', elapsedMs: 25 * MINUTE });
  });

  it('starts no clocks for imported, already resolved history', async () => {
    const { issue } = await baton.services.issues.create(
      { subject: 'Old', body: 'old', channel: 'email', customer: { email: 'old@example.com' } },
      { status: 'resolved', createdAt: '2025-01-01T00:00:00.000Z' },
    );
    await settle();
    expect(await clocks(issue.id)).toEqual({});
  });

  it('moves a new issue onto the policy a flow names, keeping the time its clocks have run', async () => {
    const created = await baton.request({
      method: 'POST',
      url: '/api/sla/policies',
      payload: {
        name: 'Premium',
        metrics: {
          firstResponse: { targets: { default: 'PT15M' }, businessHours: false },
          customerUpdate: { targets: { default: 'PT2H' }, businessHours: false },
        },
        calendar: { timeZoneFrom: 'policy', timeZone: 'UTC' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const premium = created.json<{ id: string }>();
    await deployFlow(baton, {
      name: 'Premium customers',
      nodes: [
        node('t', 'trigger', {
          events: ['issue.created'],
          filter: { fact: 'issue', path: '$.tags', operator: 'contains', value: 'premium' },
        }),
        node('premium', 'sla', { action: 'apply', policyId: premium.id }),
        node('end', 'end', { outcome: 'premium' }),
      ],
      edges: [edge('t', 'next', 'premium'), edge('premium', 'next', 'end')],
    });

    // The issue.created listener starts Standard's clocks first; the flow's step then moves them.
    const id = await openIssue('Premium customer', { tags: ['premium'] });
    const sla = await baton.request({ method: 'GET', url: `/api/issues/${id}/sla` });
    expect(sla.json()).toMatchObject({ policyId: premium.id, policyName: 'Premium' });
    const c = await clocks(id);
    expect(c.firstResponse).toMatchObject({ state: 'running', target: 'PT15M', businessHours: false });
    expect(c.firstResponse?.log.map((e) => e.type)).toEqual(['started', 'retargeted']);
    expect(c.customerUpdate).toMatchObject({ state: 'running', target: 'PT2H' });
    // Premium does not measure resolution: Standard's resolution clock is cancelled, not left running.
    expect(c.resolution).toMatchObject({ state: 'cancelled' });

    // Applying the issue's own policy again, or naming it again, changes nothing.
    clock.advance(10 * MINUTE);
    await settle(); // 50 % of 15 min has passed
    await baton.services.sla.apply(id);
    await baton.services.sla.apply(id, { policyId: premium.id });
    expect((await clocks(id)).firstResponse?.log.map((e) => e.type)).toEqual([
      'started',
      'retargeted',
      'warning',
    ]);

    // Back to Standard 20 minutes in, before Premium's breach fires: the 20 minutes count against
    // its 1 h, and Premium's warning is not one of Standard's.
    clock.advance(10 * MINUTE);
    const [first] = await baton.services.sla.apply(id, { policyId: 'sla_default' });
    expect(first).toMatchObject({
      metric: 'firstResponse',
      policyId: 'sla_default',
      target: 'PT1H',
      fired: [],
    });
    await settle();
    const back = await clocks(id);
    expect(back.firstResponse).toMatchObject({ target: 'PT1H', remainingMs: 40 * MINUTE, breached: false });
    expect(back.firstResponse?.dueAt).toBeDefined();
    expect(events.some((e) => e.type === 'sla.breached' && e.issueId === id)).toBe(false);
    expect(back.customerUpdate).toMatchObject({ state: 'cancelled' });
    expect(back.resolution).toMatchObject({ state: 'cancelled' }); // what was settled stays settled
  });

  it('validates policies by field', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/sla/policies',
      payload: {
        name: 'Broken',
        metrics: { firstResponse: { targets: { default: 'P1M' } } },
        calendar: { timeZoneFrom: 'policy', timeZone: 'UTC' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toMatch(/^\/body\/metrics\/firstResponse\/targets\/default/);
  });
});

describe('the clock state machine', () => {
  const base: SlaClock = {
    id: 'sla_1',
    issueId: 'iss_1',
    policyId: 'p',
    metric: 'firstResponse',
    state: 'running',
    priority: 'medium',
    target: 'PT1H',
    targetMs: 3_600_000,
    businessHours: true,
    calendar: {
      timeZone: 'UTC',
      hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    },
    warnAt: [50, 75, 100],
    fired: [],
    elapsedMs: 0,
    runningSince: '2026-01-05T16:30:00.000Z',
    gen: 0,
    startedAt: '2026-01-05T16:30:00.000Z',
    log: [],
    createdAt: '2026-01-05T16:30:00.000Z',
    updatedAt: '2026-01-05T16:30:00.000Z',
  };

  it('accumulates only business time across pause and resume', () => {
    const paused = transition(base, 'pause', new Date('2026-01-05T20:00:00Z')).next;
    expect(paused).toMatchObject({ state: 'paused', elapsedMs: 30 * MINUTE, gen: 1 });
    const resumed = transition(paused, 'resume', new Date('2026-01-06T08:00:00Z')).next;
    expect(resumed.dueAt).toBe('2026-01-06T09:30:00.000Z');
    const stopped = transition(resumed, 'stop', new Date('2026-01-06T09:40:00Z')).next;
    expect(stopped).toMatchObject({ state: 'stopped', elapsedMs: 70 * MINUTE, met: false });
    expect(stopped.log.map((e) => e.type)).toEqual(['paused', 'resumed', 'stopped']);
    expect(viewOf(stopped, Date.parse('2026-01-09T00:00:00Z'))).toMatchObject({
      elapsedMs: 70 * MINUTE,
      remainingMs: -10 * MINUTE,
    });
  });

  it('retargets a live clock: elapsed time kept, thresholds the new target reaches stay fired, a breach it does not reach forgotten', () => {
    const now = new Date('2026-01-05T16:45:00Z'); // 15 business minutes in
    const late = { ...base, fired: [50, 75, 100], breachedAt: '2026-01-05T16:40:00.000Z' };
    const untargeted: ClockTerms = {
      policyId: 'q',
      priority: 'high',
      businessHours: true,
      calendar: base.calendar,
      warnAt: [50, 90],
    };
    const terms = { ...untargeted, target: 'PT20M', targetMs: 20 * MINUTE };
    const moved = retarget(late, terms, now, 'flow').next;
    expect(moved).toMatchObject({
      policyId: 'q',
      priority: 'high',
      state: 'running',
      elapsedMs: 15 * MINUTE,
      runningSince: now.toISOString(),
      fired: [50],
      dueAt: '2026-01-05T16:50:00.000Z',
      gen: 1,
    });
    expect(moved.breachedAt).toBeUndefined();
    expect(moved.log.at(-1)).toEqual({
      at: now.toISOString(),
      type: 'retargeted',
      elapsedMs: 15 * MINUTE,
      reason: 'flow',
    });
    const tracked = retarget(late, untargeted, now).next;
    expect(tracked.target).toBeUndefined();
    expect(tracked.dueAt).toBeUndefined();
    expect(tracked.fired).toEqual([]);
    const stopped = transition(base, 'stop', now).next;
    expect(() => retarget(stopped, terms, now)).toThrow(/cannot move a stopped/);
  });

  it('refuses transitions the state does not allow, and reset restarts from zero', () => {
    const cancelled = transition(base, 'cancel', new Date('2026-01-05T16:40:00Z')).next;
    expect(() => transition(cancelled, 'resume', new Date())).toThrow(ClockTransitionError);
    expect(() => transition(cancelled, 'pause', new Date())).toThrow(ClockTransitionError);
    expect(() => transition(base, 'resume', new Date())).toThrow(/cannot resume a running/);
    const reset = transition(cancelled, 'reset', new Date('2026-01-06T10:00:00Z')).next;
    expect(reset).toMatchObject({
      state: 'running',
      elapsedMs: 0,
      fired: [],
      dueAt: '2026-01-06T11:00:00.000Z',
    });
    expect(reset.stoppedAt).toBeUndefined();
  });
});

describe('after a restart', () => {
  it('a pending clock still fires, from a fresh service set on the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'baton-sla-restart-'));
    const restartClock = new ManualClock('2026-01-05T09:00:00.000Z');
    const silent = { error: () => {} };
    try {
      let store = await openStore({ dataDir });
      let services = await createServices({ store, clock: restartClock, log: silent });
      await services.auth.bootstrapAdminToken(TEST_ADMIN_TOKEN);
      let app = await buildApp({ services });
      const created = await app.inject({
        method: 'POST',
        url: '/api/issues',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        payload: {
          subject: 'Before the restart',
          body: 'x',
          channel: 'chat',
          customer: { email: 'r@example.com' },
        },
      });
      const issueId = created.json().id as string;
      await services.bus.drain();
      await app.close();
      await store.close();

      restartClock.advance(61 * MINUTE);
      store = await openStore({ dataDir });
      services = await createServices({ store, clock: restartClock, log: silent });
      await services.auth.bootstrapAdminToken(TEST_ADMIN_TOKEN);
      const breached: DomainEvent[] = [];
      services.bus.on('sla.breached', (e) => void breached.push(e));
      app = await buildApp({ services });
      expect(await services.timers.runDue()).toBeGreaterThanOrEqual(1);
      await services.bus.drain();
      expect(breached).toEqual([
        expect.objectContaining({ issueId, clock: expect.objectContaining({ metric: 'firstResponse' }) }),
      ]);
      const sla = await app.inject({
        method: 'GET',
        url: `/api/issues/${issueId}/sla`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      const first = sla.json().clocks.find((c: SlaClockView) => c.metric === 'firstResponse');
      expect(first.log.map((e: { type: string; percent?: number }) => e.percent ?? e.type)).toEqual([
        'started',
        50,
        75,
        100,
      ]);
      await app.close();
      await store.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
