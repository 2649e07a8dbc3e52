/**
 * Playbooks through the API with a manual clock: the three shipped playbooks validate and install;
 * Critical Escalation starts on a critical issue with triage due in 5 minutes, windows are met and
 * missed (a missed one escalates), parallel workstreams join; a consultation answered and
 * unanswered never changes the owner; a Smooth Transition waits for the receipt (refused, then
 * confirmed) and follows up after 24 hours with a satisfaction check the customer answers.
 */

import type { Escalation, PlaybookRun, PlaybookStep, TimelineEvent } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/bus.ts';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { installPlaybooks, loadPlaybook, SHIPPED_PLAYBOOKS } from './install.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const clock = new ManualClock('2026-01-05T10:00:00.000Z');
let baton: TestBaton;
const agents: Record<string, string> = {};
const tokens: Record<string, string> = {};
const teams: Record<string, string> = {};
let playbookIds: Record<string, string> = {};
const stepEvents: DomainEvent[] = [];

async function settle() {
  for (let i = 0; i < 3; i++) {
    await baton.services.bus.drain();
    await baton.services.timers.runDue();
  }
  await baton.services.bus.drain();
}

async function later(ms: number) {
  clock.advance(ms);
  await settle();
}

beforeAll(async () => {
  baton = await startTestBaton({ clock });
  for (const name of ['Platform Engineering', 'Customer Success', 'Tier 1 Support']) {
    const res = await baton.request({
      method: 'POST',
      url: '/api/teams',
      payload: { name, queues: ['Technical Support'] },
    });
    teams[name] = res.json().id;
  }
  const people: Array<[string, string, Record<string, number>]> = [
    ['Olga', 'Tier 1 Support', { general: 2 }],
    ['Erik', 'Platform Engineering', { database: 5 }],
    ['Cora', 'Customer Success', {}],
    ['Pia', 'Platform Engineering', { database: 3 }],
    ['Rudi', 'Tier 1 Support', {}],
  ];
  for (const [name, team, skills] of people) {
    const res = await baton.request({
      method: 'POST',
      url: '/api/agents',
      payload: {
        name,
        email: `${name.toLowerCase()}@example.com`,
        timeZone: 'UTC',
        teamIds: [teams[team]],
        status: 'available',
        skills: Object.entries(skills).map(([skill, level]) => ({ skill, level })),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    agents[name] = res.json().id;
    const user = await baton.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: `${name.toLowerCase()}@example.com`,
        name,
        roles: ['agent'],
        password: 'correct horse battery',
        agentId: agents[name],
      },
    });
    expect(user.statusCode, user.body).toBe(201);
    const login = await baton.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `${name.toLowerCase()}@example.com`, password: 'correct horse battery' },
      token: null,
    });
    tokens[name] = login.json().token;
  }
  const installed = await installPlaybooks(baton.services);
  playbookIds = Object.fromEntries(installed.map((p) => [p.name, p.flowId]));
  for (const type of ['playbook.step.completed', 'playbook.step.missed'] as const) {
    baton.services.bus.on(type, (e) => {
      stepEvents.push(e);
    });
  }
  // Five users sign in (scrypt each): room for a loaded machine.
}, 120_000);
afterAll(() => baton.close());

let n = 0;
async function newIssue(priority: string, owner?: string) {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: `Database down ${++n}`,
      body: 'Our production database is unreachable since 09:55.',
      channel: 'email',
      priority,
      queue: 'Technical Support',
      tags: ['database'],
      customer: { email: `c${n}@example.com`, name: `Customer ${n}` },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (owner) {
    const assigned = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${id}`,
      payload: { assignee: { agentId: agents[owner] } },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
  }
  await settle();
  return id;
}

async function runsOf(issueId: string): Promise<PlaybookRun[]> {
  const res = await baton.request({ url: `/api/issues/${issueId}/playbooks` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function runOf(issueId: string, name: string): Promise<PlaybookRun> {
  const run = (await runsOf(issueId)).find((r) => r.flowName === name);
  if (!run) throw new Error(`no ${name} run on ${issueId}`);
  return run;
}

const stepOf = (run: PlaybookRun, nodeId: string): PlaybookStep => {
  const step = run.steps.findLast((s) => s.nodeId === nodeId);
  if (!step) throw new Error(`no step ${nodeId}; steps: ${run.steps.map((s) => s.nodeId).join(', ')}`);
  return step;
};

async function act(run: PlaybookRun, stepId: string, body: Record<string, unknown>, who?: string) {
  return baton.request({
    method: 'POST',
    url: `/api/playbook-runs/${run.id}/steps/${encodeURIComponent(stepId)}`,
    payload: body,
    ...(who ? { token: tokens[who] } : {}),
  });
}

/** Checks every item and marks the step done, as `who`. */
async function finish(
  run: PlaybookRun,
  nodeId: string,
  who?: string,
  evidence?: string,
): Promise<PlaybookRun> {
  const step = stepOf(run, nodeId);
  for (const item of step.items ?? []) {
    const res = await act(run, step.id, { action: 'check', itemId: item.id, done: true }, who);
    expect(res.statusCode, res.body).toBe(200);
  }
  if (evidence)
    expect((await act(run, step.id, { action: 'evidence', text: evidence }, who)).statusCode).toBe(200);
  const done = await act(run, step.id, { action: 'done' }, who);
  expect(done.statusCode, done.body).toBe(200);
  await settle();
  return (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
}

async function timeline(issueId: string): Promise<TimelineEvent[]> {
  return (await baton.request({ url: `/api/issues/${issueId}/timeline?limit=200` })).json().items;
}

describe('the shipped playbooks', () => {
  it('validate without errors and are listed as playbooks', async () => {
    for (const file of SHIPPED_PLAYBOOKS) {
      const doc = loadPlaybook(file);
      const res = await baton.request({
        method: 'POST',
        url: '/api/flows/validate',
        payload: { kind: doc.kind, nodes: doc.nodes, edges: doc.edges },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().errors, `${file}: ${res.body}`).toEqual([]);
    }
    const list = (await baton.request({ url: '/api/playbooks' })).json().items;
    expect(list.map((p: { name: string }) => p.name)).toEqual([
      'Critical Escalation',
      'Expert Consultation',
      'Smooth Transition',
    ]);
    expect(list.every((p: { enabled: boolean }) => p.enabled)).toBe(true);
  });

  it('map customer success and leadership to the teams of those names', async () => {
    const roles = (await baton.request({ url: '/api/playbook-roles' })).json();
    expect(roles.cs.teamIds).toEqual([teams['Customer Success']]);
    expect(roles.leadership.teamIds).toEqual([teams['Platform Engineering']]);
  });
});

describe('Critical Escalation', () => {
  it('does not start on a medium issue', async () => {
    const issue = await newIssue('medium', 'Olga');
    expect(await runsOf(issue)).toEqual([]);
  });

  it('runs from triage through parallel workstreams, windows met and missed', async () => {
    const issueId = await newIssue('critical', 'Olga');
    let run = await runOf(issueId, 'Critical Escalation');
    expect(run.status).toBe('active');
    expect(run.trigger).toBe('issue.created');

    // Automatic: the executive summary, before the owner's triage.
    expect(run.steps.filter((s) => s.automatic).map((s) => s.nodeId)).toEqual(['summary']);
    const triage = stepOf(run, 'triage');
    expect(triage.status).toBe('open');
    expect(triage.assignees).toEqual([{ kind: 'agent', id: agents.Olga, name: 'Olga' }]);
    expect(Date.parse(triage.dueAt!) - Date.parse(run.startedAt)).toBe(5 * MINUTE);

    // Only the owner (or an admin) acts on the owner's step.
    const refused = await act(
      run,
      'triage',
      { action: 'check', itemId: triage.items![0]!.id, done: true },
      'Rudi',
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toContain('Olga');
    const early = await act(run, 'triage', { action: 'done' }, 'Olga');
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toContain('Assess severity');

    // Window met: triage done after 3 minutes.
    await later(3 * MINUTE);
    run = await finish(run, 'triage', 'Olga');
    expect(stepOf(run, 'triage')).toMatchObject({
      status: 'done',
      durationMs: 3 * MINUTE,
      windowMs: 5 * MINUTE,
    });
    expect(stepOf(run, 'triage').missed).toBeUndefined();
    // Then the expert is found — never the owner — and pulled into the war room.
    expect(run.participants.expert?.name).toBe('Erik');
    expect(run.steps.filter((s) => s.automatic).map((s) => s.nodeId)).toEqual([
      'summary',
      'find-expert',
      'war-room',
    ]);
    expect(stepOf(run, 'war-room').output?.[0]).toContain('Erik');
    expect(run.warRoom?.people.map((p) => p.name)).toEqual([
      'Olga',
      'Erik',
      'Customer Success',
      'Platform Engineering',
    ]);

    // Window missed: the rapid handoff is due 15 minutes after the start; at 16 it escalates.
    await later(13 * MINUTE);
    run = await runOf(issueId, 'Critical Escalation');
    const handoff = stepOf(run, 'handoff');
    expect(handoff).toMatchObject({ status: 'open', missed: true });
    const escalations: Escalation[] = (
      await baton.request({ url: `/api/issues/${issueId}/escalations` })
    ).json().items;
    const escalation = escalations.find((e) => e.id === handoff.escalationId);
    expect(escalation?.status).toBe('active');
    expect(escalation?.name).toContain('Rapid handoff');
    const missed = stepEvents.find((e) => e.type === 'playbook.step.missed' && e.step.nodeId === 'handoff');
    expect(missed).toMatchObject({ durationMs: 15 * MINUTE - 3 * MINUTE, windowMs: 12 * MINUTE });

    // Still doable late; doing it acknowledges the escalation and forks the workstreams.
    run = await finish(run, 'handoff', 'Olga');
    expect(stepOf(run, 'handoff')).toMatchObject({ status: 'done', missed: true });
    expect((await baton.request({ url: `/api/escalations/${handoff.escalationId}` })).json().status).toBe(
      'acknowledged',
    );
    const lanes = run.steps.filter((s) => s.lane && !s.automatic).map((s) => [s.lane, s.nodeId, s.status]);
    expect(lanes).toEqual([
      ['Technical investigation', 'investigate', 'open'],
      ['Customer communication', 'customer-comms', 'open'],
      ['Leadership', 'monitor', 'open'],
      ['Product', 'product-prep', 'open'],
    ]);
    expect(stepOf(run, 'investigate').assignees?.[0]?.name).toBe('Erik');
    expect(stepOf(run, 'customer-comms').assignees?.[0]?.name).toBe('Customer Success');

    // Evidence is required for the investigation.
    for (const item of stepOf(run, 'investigate').items!) {
      await act(run, 'investigate', { action: 'check', itemId: item.id, done: true }, 'Erik');
    }
    const noEvidence = await act(run, 'investigate', { action: 'done' }, 'Erik');
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().detail).toContain('evidence');

    // Parallel join: three of four done — the learning step waits for the fourth.
    run = await finish(run, 'investigate', 'Erik', 'Connection pool exhausted; raised the limit (PR 1423)');
    run = await finish(run, 'customer-comms', 'Cora');
    run = await finish(run, 'monitor', 'Pia');
    expect(run.steps.some((s) => s.nodeId === 'learning')).toBe(false);
    expect(run.tokens.filter((t) => t.status === 'joined')).toHaveLength(3);
    run = await finish(run, 'product-prep', 'Pia');
    expect(stepOf(run, 'learning').status).toBe('open');
    expect(run.tokens.filter((t) => t.status === 'waiting')).toHaveLength(1);

    run = await finish(run, 'learning', 'Olga', 'Runbook updated: database failover');
    expect(run.status).toBe('completed');

    // Every step done or missed is on the timeline, with the time against the window.
    const texts = (await timeline(issueId))
      .filter((e) => e.type === 'system_event' && e.action.startsWith('playbook.'))
      .map((e) => (e as { text: string }).text);
    expect(texts[0]).toBe(
      'Critical Escalation started by itself on a new issue; “Instant triage” is due in 5 min',
    );
    expect(texts).toContain('Critical Escalation: “Instant triage” done by Olga after 3 min (window 5 min)');
    expect(texts.some((t) => t.includes('“Rapid handoff” is past its 12 min window'))).toBe(true);
    expect(texts.at(-1)).toMatch(/^Critical Escalation completed in/);
  });

  it('starts when a critical issue breaches, once while active', async () => {
    const issueId = await newIssue('high', 'Olga');
    expect(await runsOf(issueId)).toEqual([]);
    const raised = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issueId}`,
      payload: { priority: 'critical' },
    });
    expect(raised.statusCode).toBe(200);
    await settle();
    const runs = await runsOf(issueId);
    expect(runs.map((r) => [r.flowName, r.trigger])).toEqual([['Critical Escalation', 'issue.updated']]);
    // A manual second start of the same playbook is a conflict.
    const again = await baton.request({
      method: 'POST',
      url: `/api/issues/${issueId}/playbooks`,
      payload: { playbookId: playbookIds['Critical Escalation'] },
      token: tokens.Olga,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('Expert Consultation', () => {
  it('asks the named expert; the answer never changes the owner', async () => {
    const issueId = await newIssue('medium', 'Olga');
    const started = await baton.request({
      method: 'POST',
      url: `/api/issues/${issueId}/playbooks`,
      payload: {
        playbookId: playbookIds['Expert Consultation'],
        question: 'Is it safe to fail over?',
        expertAgentId: agents.Pia,
      },
      token: tokens.Olga,
    });
    expect(started.statusCode, started.body).toBe(201);
    let run: PlaybookRun = started.json();
    const consult = stepOf(run, 'consult');
    expect(consult.consultation).toMatchObject({
      question: 'Is it safe to fail over?',
      expert: { name: 'Pia' },
    });
    expect(Date.parse(consult.dueAt!) - Date.parse(consult.startedAt)).toBe(30 * MINUTE);
    // The owner cannot answer for the expert.
    expect((await act(run, 'consult', { action: 'answer', answer: 'Sure' }, 'Olga')).statusCode).toBe(403);
    await later(10 * MINUTE);
    const answered = await act(
      run,
      'consult',
      { action: 'answer', answer: 'Yes: promote the replica, then re-point the app.' },
      'Pia',
    );
    expect(answered.statusCode, answered.body).toBe(200);
    await settle();
    run = (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
    expect(stepOf(run, 'consult')).toMatchObject({ status: 'answered', durationMs: 10 * MINUTE });
    expect(stepOf(run, 'consult').consultation?.answer).toContain('promote the replica');
    expect(stepOf(run, 'apply').status).toBe('open');
    const issue = (await baton.request({ url: `/api/issues/${issueId}` })).json();
    expect(issue.assignee.agentId).toBe(agents.Olga);
  });

  it('goes unanswered after the deadline and tells the owner, who keeps the issue', async () => {
    const issueId = await newIssue('medium', 'Olga');
    const started = await baton.request({
      method: 'POST',
      url: `/api/issues/${issueId}/playbooks`,
      payload: { playbookId: playbookIds['Expert Consultation'], question: 'Which index is missing?' },
      token: tokens.Olga,
    });
    expect(started.statusCode, started.body).toBe(201);
    let run: PlaybookRun = started.json();
    // Found by the expert search: the best available agent who is not the owner.
    expect(run.participants.expert?.name).toBe('Erik');
    await later(31 * MINUTE);
    run = (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
    expect(stepOf(run, 'consult')).toMatchObject({ status: 'unanswered', missed: true });
    expect(stepOf(run, 'no-answer').output?.[0]).toMatch(/queued/);
    expect(run.status).toBe('completed');
    const issue = (await baton.request({ url: `/api/issues/${issueId}` })).json();
    expect(issue.assignee.agentId).toBe(agents.Olga);
    const late = await act(run, 'consult', { action: 'answer', answer: 'Too late' }, 'Erik');
    expect(late.statusCode).toBe(409);
  });
});

describe('Smooth Transition', () => {
  it('waits for the receipt, sends the owner back on a refusal, and follows up after 24 h', async () => {
    const issueId = await newIssue('medium', 'Olga');
    const offered = await baton.request({
      method: 'POST',
      url: `/api/issues/${issueId}/handoffs`,
      payload: { to: { agentId: agents.Erik }, reason: 'Needs database expertise' },
      token: tokens.Olga,
    });
    expect(offered.statusCode, offered.body).toBe(201);
    await settle();
    let run = await runOf(issueId, 'Smooth Transition');
    expect(run.participants.receiver?.name).toBe('Erik');
    expect(stepOf(run, 'brief').automatic).toBe(true);
    run = await finish(run, 'prep', 'Olga');
    const receipt = stepOf(run, 'receipt');
    expect(receipt.assignees).toEqual([{ kind: 'agent', id: agents.Erik, name: 'Erik' }]);
    // The owner cannot confirm for the receiver; a refusal needs a reason.
    expect((await act(run, 'receipt', { action: 'receipt', confirmed: true }, 'Olga')).statusCode).toBe(403);
    expect((await act(run, 'receipt', { action: 'receipt', confirmed: false }, 'Erik')).statusCode).toBe(422);
    const refused = await act(
      run,
      'receipt',
      { action: 'receipt', confirmed: false, reason: 'No logs attached' },
      'Erik',
    );
    expect(refused.statusCode, refused.body).toBe(200);
    await settle();
    run = (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
    expect(stepOf(run, 'receipt')).toMatchObject({
      status: 'refused',
      receipt: { reason: 'No logs attached' },
    });
    expect(run.status).toBe('active');
    run = await finish(run, 'gaps', 'Olga', 'Logs attached to the workspace');
    // The receipt again, now confirmed: the playbook goes on.
    const second = stepOf(run, 'receipt');
    expect(second.id).toBe('receipt~2');
    expect((await act(run, second.id, { action: 'receipt', confirmed: true }, 'Erik')).statusCode).toBe(200);
    await settle();
    run = (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
    run = await finish(run, 'intro', 'Olga');
    expect(run.steps.some((s) => s.nodeId === 'satisfaction')).toBe(false);

    // The follow-up fires 24 hours later: the customer is asked.
    await later(24 * HOUR);
    run = (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
    const check = stepOf(run, 'satisfaction');
    expect(check.status).toBe('open');
    expect(check.output?.[0]).toBe('Asked the customer in a status update');
    const link = new URL(check.satisfaction!.link!);
    const page = await baton.request({ url: link.pathname, token: null });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Is your issue handled');
    const answer = await baton.request({
      method: 'POST',
      url: link.pathname,
      token: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'answer=yes&comment=Quick+and+clear',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    await settle();
    run = (await baton.request({ url: `/api/playbook-runs/${run.id}` })).json();
    expect(stepOf(run, 'satisfaction')).toMatchObject({
      status: 'satisfied',
      satisfaction: { comment: 'Quick and clear' },
    });
    run = await finish(run, 'close', 'Olga');
    expect(run.status).toBe('completed');
  });
});

describe('simulating a playbook on its own clock', () => {
  it('walks Critical Escalation through its windows: met, missed and escalated, workstreams joined', async () => {
    const id = playbookIds['Critical Escalation'];
    const res = await baton.request({
      method: 'POST',
      url: `/api/playbooks/${id}/simulate`,
      payload: { version: 1, late: ['handoff'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sim = res.json() as {
      outcome: string;
      totalMs: number;
      steps: Array<{
        nodeId: string;
        startMs: number;
        dueMs?: number;
        doneMs: number;
        missed: boolean;
        escalatesAtMs?: number;
        lane?: string;
      }>;
    };
    expect(sim.outcome).toBe('completed');
    const at = (nodeId: string) => sim.steps.find((s) => s.nodeId === nodeId)!;
    expect(at('triage')).toMatchObject({
      startMs: 0,
      dueMs: 5 * MINUTE,
      doneMs: 2.5 * MINUTE,
      missed: false,
    });
    expect(at('handoff')).toMatchObject({ dueMs: 15 * MINUTE, missed: true, escalatesAtMs: 15 * MINUTE });
    const lanes = sim.steps.filter((s) => s.lane && s.dueMs !== undefined);
    expect(lanes.map((s) => s.lane)).toEqual([
      'Technical investigation',
      'Customer communication',
      'Leadership',
      'Product',
    ]);
    // The join waits for the last workstream; learning starts then.
    const lastLane = Math.max(...lanes.map((s) => s.doneMs));
    expect(at('learning').startMs).toBe(lastLane);
    expect(sim.totalMs).toBe(at('learning').doneMs);
  });

  it('follows a refused receipt back through the gaps, then on', async () => {
    const id = playbookIds['Smooth Transition'];
    const res = await baton.request({
      method: 'POST',
      url: `/api/playbooks/${id}/simulate`,
      payload: { version: 1, outcomes: { receipt: 'refused' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const path = (res.json().steps as Array<{ nodeId: string; handle: string | null }>).map(
      (s) => `${s.nodeId}:${s.handle}`,
    );
    expect(path).toEqual([
      'brief:next',
      'prep:done',
      'receipt:refused',
      'gaps:done',
      'receipt:confirmed',
      'intro:done',
      'follow-up:next',
      'satisfaction:satisfied',
      'close:done',
      'end:null',
    ]);
  });
});

describe('a playbook drawn by a designer', () => {
  it('joins when one workstream ends early and the other arrives; a plain flow cannot be started as one', async () => {
    const node = (id: string, type: string, data: Record<string, unknown>, label?: string) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      data,
      ...(label ? { label } : {}),
    });
    const edge = (source: string, sourceHandle: string, target: string) => ({
      id: `${source}-${sourceHandle}-${target}`,
      source,
      sourceHandle,
      target,
    });
    const created = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: {
        kind: 'playbook',
        name: 'Early end',
        nodes: [
          node('trigger', 'trigger', { events: ['playbook.requested'] }),
          node('fork', 'fork', {
            branches: [
              { id: 'a', label: 'Long' },
              { id: 'b', label: 'Short' },
            ],
          }),
          node('long', 'task', { title: 'Long work', role: 'owner', items: [{ id: 'x', text: 'Do it' }] }),
          node('short', 'end', {}),
          node('join', 'join', {}),
          node('after', 'task', {
            title: 'After both',
            role: 'owner',
            items: [{ id: 'y', text: 'Wrap up' }],
          }),
        ],
        edges: [
          edge('trigger', 'next', 'fork'),
          edge('fork', 'a', 'long'),
          edge('fork', 'b', 'short'),
          edge('long', 'done', 'join'),
          edge('join', 'next', 'after'),
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const flowId = created.json().id;
    expect(
      (
        await baton.request({
          method: 'POST',
          url: `/api/flows/${flowId}/publish`,
          payload: { enable: true },
        })
      ).statusCode,
    ).toBe(201);
    const issueId = await newIssue('low', 'Olga');
    const started = await baton.request({
      method: 'POST',
      url: `/api/issues/${issueId}/playbooks`,
      payload: { playbookId: flowId },
      token: tokens.Olga,
    });
    expect(started.statusCode, started.body).toBe(201);
    let run: PlaybookRun = started.json();
    expect(run.steps.map((s) => s.nodeId)).toEqual(['long']);
    // The short workstream ended at once; the join waits only for the long one.
    run = await finish(run, 'long', 'Olga');
    expect(stepOf(run, 'after').status).toBe('open');
    run = await finish(run, 'after', 'Olga');
    expect(run.status).toBe('completed');

    // A flow is not a playbook: starting it by hand is refused, naming the field.
    const flow = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: {
        name: 'Plain flow',
        nodes: [node('trigger', 'trigger', { events: ['issue.created'] })],
        edges: [],
      },
    });
    const refused = await baton.request({
      method: 'POST',
      url: `/api/issues/${issueId}/playbooks`,
      payload: { playbookId: flow.json().id },
      token: tokens.Olga,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].pointer).toBe('/body/playbookId');
  });
});
