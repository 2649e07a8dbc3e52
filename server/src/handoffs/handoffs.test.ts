import type { Handoff, SlaClockView, TimelineEvent } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { settle as settleFlows } from '../testing/flows.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

const MINUTE = 60_000;
const clock = new ManualClock('2026-01-05T09:00:00.000Z');
let baton: TestBaton;
let ann: string;
let bob: string;
let cat: string;
let teamId: string;

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  teamId = (
    await baton.request({
      method: 'POST',
      url: '/api/teams',
      payload: { name: 'Tier 1', queues: ['Support'] },
    })
  ).json().id;
  const agent = async (name: string) =>
    (
      await baton.request({
        method: 'POST',
        url: '/api/agents',
        payload: {
          name,
          email: `${name.toLowerCase()}@example.com`,
          timeZone: 'UTC',
          teamIds: [teamId],
          status: 'available',
        },
      })
    ).json().id as string;
  ann = await agent('Ann');
  bob = await agent('Bob');
  cat = await agent('Cat');
});
afterAll(() => baton.close());

const settle = () => settleFlows(baton);

/** Posts an event; one authored by an agent is sent by that agent (the caller is the author). */
async function say(issueId: string, payload: Record<string, unknown>) {
  const author = payload.author as { kind: string; id: string } | undefined;
  const token = author?.kind === 'agent' ? await baton.tokenForAgent(author.id) : undefined;
  const res = await baton.request({
    method: 'POST',
    url: `/api/issues/${issueId}/timeline`,
    payload,
    ...(token ? { token } : {}),
  });
  expect(res.statusCode).toBe(201);
  clock.advance(MINUTE);
  return res.json() as TimelineEvent;
}

async function openWithHistory(subject: string) {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject,
      body: 'My export fails every night. Can you check the logs?',
      channel: 'email',
      customer: { email: `${subject.replace(/\W+/g, '').toLowerCase()}@example.com` },
    },
  });
  const issue = res.json();
  await baton.request({
    method: 'PATCH',
    url: `/api/issues/${issue.id}`,
    payload: { assignee: { agentId: ann, teamId } },
  });
  clock.advance(MINUTE);
  const reply = await say(issue.id, {
    type: 'agent_reply',
    text: 'Thanks! I will check the logs today. Which plan are you on',
    author: { kind: 'agent', id: ann },
  });
  const followUp = await say(issue.id, {
    type: 'customer_message',
    text: 'Any news? It failed again. Is the API down?',
  });
  const note = await say(issue.id, {
    type: 'internal_note',
    text: 'Restarted the export worker; no change.',
    author: { kind: 'agent', id: ann },
  });
  await settle();
  return { issue, reply, followUp, note };
}

describe('handoffs', () => {
  it('offers with a brief quoted from the timeline, expires after its timeout and is re-routed', async () => {
    const { issue, reply, followUp, note } = await openWithHistory('Export fails');
    const res = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { agentId: bob }, reason: 'Needs API expertise', expiresIn: 'PT5M' },
    });
    expect(res.statusCode).toBe(201);
    const first = res.json() as Handoff;
    expect(first).toMatchObject({
      status: 'offered',
      from: { agentId: ann, teamId },
      to: { agentId: bob, teamId },
      attempt: 1,
      onExpire: 'reroute',
      expiresAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
    });
    const { brief } = first;
    expect(brief.assembledFrom).toBe('timeline');
    // The brief engine's open questions: "I will check the logs today" promises, it does not answer;
    // "Any news?" asks nothing a brief could track.
    expect(brief.openQuestions.map((q) => q.text)).toEqual(['Can you check the logs?', 'Is the API down?']);
    expect(brief.openQuestions[1]?.eventId).toBe(followUp.id);
    expect((brief.intelligence as { openUnknowns?: unknown })?.openUnknowns).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: 'Is the API down?' })]),
    );
    expect(brief.commitments.map((c) => [c.eventId, c.text])).toEqual([
      [reply.id, 'I will check the logs today.'],
    ]);
    expect(brief.stepsTried.map((s) => s.eventId)).toEqual([note.id]);
    expect(brief.lastMessages.map((m) => m.eventType)).toEqual([
      'customer_message',
      'agent_reply',
      'customer_message',
    ]);
    expect(brief.summary).toContain('"Export fails"');
    expect(brief.summary).toContain('the customer has been waiting for a reply since');
    // Every quoted event exists on the timeline.
    const timeline = (
      await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/timeline?limit=200` })
    ).json().items as TimelineEvent[];
    const ids = new Set(timeline.map((e) => e.id));
    expect(brief.linkedEventIds.every((id) => ids.has(id))).toBe(true);
    // The intelligence brief rides along; each of its quoted items points at a real event too.
    const quoted = JSON.stringify(brief.intelligence).match(/"evt_[0-9A-Z]+"/g) ?? [];
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.every((id: string) => ids.has(JSON.parse(id)))).toBe(true);

    const again = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { agentId: cat }, reason: 'second' },
    });
    expect(again.statusCode).toBe(409);

    clock.advance(5 * MINUTE);
    await settle();
    const late = await baton.request({ method: 'POST', url: `/api/handoffs/${first.id}/accept` });
    expect(late.statusCode).toBe(409);
    const all = (await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/handoffs` })).json()
      .items as Handoff[];
    expect(all.map((h) => [h.status, h.to.agentId, h.attempt])).toEqual([
      ['expired', bob, 1],
      ['offered', cat, 2],
    ]);
    expect(all[0]!.nextHandoffId).toBe(all[1]!.id);
    expect(all[1]).toMatchObject({ previousHandoffId: first.id, reason: 'Needs API expertise' });
    // Ann still owns it until someone accepts.
    expect((await baton.request({ method: 'GET', url: `/api/issues/${issue.id}` })).json().assignee).toEqual({
      agentId: ann,
      teamId,
    });
  });

  it('moves ownership on accept, completes at the new owner’s first touch, and times both', async () => {
    const { issue } = await openWithHistory('Billing sync broken');
    const offered = (
      await baton.request({
        method: 'POST',
        url: `/api/issues/${issue.id}/handoffs`,
        payload: { to: { teamId }, reason: 'Shift change' },
      })
    ).json() as Handoff;
    // A team handoff goes to the team's best eligible agent other than the current owner.
    expect(offered.to.agentId).not.toBe(ann);
    await settle();
    let sla = (await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/sla` })).json()
      .clocks as SlaClockView[];
    expect(sla.find((c) => c.metric === 'handoffCompletion')).toMatchObject({
      state: 'running',
      ref: offered.id,
      targetMs: 30 * MINUTE,
    });

    clock.advance(3 * MINUTE);
    const accepted = await baton.request({ method: 'POST', url: `/api/handoffs/${offered.id}/accept` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      acceptedBy: offered.to.agentId,
      clocks: { timeToAcceptMs: 3 * MINUTE },
    });
    const owner = (await baton.request({ method: 'GET', url: `/api/issues/${issue.id}` })).json().assignee;
    expect(owner.agentId).toBe(offered.to.agentId);

    clock.advance(4 * MINUTE);
    await say(issue.id, {
      type: 'agent_reply',
      text: 'Hi, I am taking over.',
      author: { kind: 'agent', id: offered.to.agentId },
    });
    await settle();
    const done = (
      await baton.request({ method: 'GET', url: `/api/handoffs/${offered.id}` })
    ).json() as Handoff;
    expect(done).toMatchObject({
      status: 'completed',
      clocks: { timeToAcceptMs: 3 * MINUTE, timeToFirstTouchMs: 4 * MINUTE, timeToCompleteMs: 7 * MINUTE },
    });
    sla = (await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/sla` })).json()
      .clocks as SlaClockView[];
    expect(sla.find((c) => c.metric === 'handoffCompletion')).toMatchObject({
      state: 'stopped',
      met: true,
      elapsedMs: 7 * MINUTE,
    });

    // The customer's timeline shows the transfer.
    const customerTimeline = (
      await baton.request({ method: 'GET', url: `/api/customers/${issue.customerId}/timeline?limit=200` })
    ).json().items as TimelineEvent[];
    const actions = customerTimeline.flatMap((e) => (e.type === 'system_event' ? [e.action] : []));
    expect(actions).toEqual(
      expect.arrayContaining(['handoff.offered', 'handoff.accepted', 'handoff.completed']),
    );
    const transfer = customerTimeline.find(
      (e) => e.type === 'system_event' && e.action === 'handoff.accepted',
    );
    expect(transfer && 'text' in transfer ? transfer.text : '').toMatch(
      /ownership moved from Ann to (Bob|Cat)/,
    );
  });

  it('leaves a declined offer to the flow when told to (onExpire none)', async () => {
    const { issue } = await openWithHistory('Decline me');
    const offered = (
      await baton.request({
        method: 'POST',
        url: `/api/issues/${issue.id}/handoffs`,
        payload: { to: { agentId: bob }, reason: 'Try Bob', onExpire: 'none' },
      })
    ).json() as Handoff;
    const declined = await baton.request({
      method: 'POST',
      url: `/api/handoffs/${offered.id}/decline`,
      payload: { reason: 'On leave' },
    });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'On leave' });
    await settle();
    const all = (await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/handoffs` })).json()
      .items;
    expect(all).toHaveLength(1);
    const sla = (await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/sla` })).json()
      .clocks as SlaClockView[];
    expect(sla.find((c) => c.metric === 'handoffCompletion')?.state).toBe('cancelled');
  });

  it('refuses what cannot be done', async () => {
    const { issue } = await openWithHistory('Refusals');
    const self = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { agentId: ann }, reason: 'x' },
    });
    expect(self.statusCode).toBe(422);
    const nobody = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: {}, reason: 'x' },
    });
    expect(nobody.statusCode).toBe(400);
    const unknown = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { agentId: 'agt_nobody' }, reason: 'x' },
    });
    expect(unknown.statusCode).toBe(422);
  });

  it('escalates a handoff nobody can take to the escalation team after maxAttempts, and stops when no tier is left', async () => {
    // Night shift: nobody of "Late" is on shift, so a handoff to the team goes to the team as a whole.
    const create = async (payload: Record<string, unknown>) =>
      (await baton.request({ method: 'POST', url: '/api/teams', payload })).json().id as string;
    const tier3 = await create({ name: 'Tier 3', queues: [] });
    const late = await create({ name: 'Late', queues: [], escalationTeamId: tier3 });
    for (const [name, team] of [
      ['Lou', late],
      ['Tia', tier3],
    ] as const) {
      await baton.request({
        method: 'POST',
        url: '/api/agents',
        payload: {
          name,
          email: `${name.toLowerCase()}@example.com`,
          timeZone: 'UTC',
          teamIds: [team],
          status: 'offline',
        },
      });
    }
    const { issue } = await openWithHistory('Nobody home');
    const first = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { teamId: late }, reason: 'Night escalation', expiresIn: 'PT5M', maxAttempts: 2 },
    });
    expect(first.statusCode, first.body).toBe(201);
    // Let every offer expire, many times over: the chain must end.
    for (let i = 0; i < 8; i++) {
      clock.advance(6 * MINUTE);
      await settle();
    }
    const all = (await baton.request({ url: `/api/issues/${issue.id}/handoffs` })).json().items as Handoff[];
    expect(all.map((h) => [h.to.teamId, h.tier, h.attempt, h.status])).toEqual([
      [late, 0, 1, 'expired'],
      [late, 0, 2, 'expired'],
      [tier3, 1, 1, 'expired'],
      [tier3, 1, 2, 'expired'],
    ]);
    expect(all[2]?.reason).toMatch(/^Escalated from Late to Tier 3 after 2 offers without an owner/);
    const timeline = (await baton.request({ url: `/api/issues/${issue.id}/timeline?limit=200` })).json()
      .items as TimelineEvent[];
    const stopped = timeline.find((e) => e.type === 'system_event' && e.action === 'handoff.exhausted');
    expect(stopped && 'text' in stopped ? stopped.text : '').toMatch(/Tier 3 has no escalation team/);
  });
});
