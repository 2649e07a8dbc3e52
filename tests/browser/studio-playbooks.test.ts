/**
 * An agent follows Critical Escalation from the issue page, and asks an expert: in Debian's
 * Chromium against a real Baton with the three shipped playbooks published. The owner
 * checks off triage in time, the war room opens by itself, the rapid handoff leads to parallel
 * workstreams side by side; a consultation's question reaches the expert, whose answer shows on
 * the owner's page while the owner keeps the issue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBaton, repoRoot } from '../helpers/server.ts';
import { poll, screenshot, signedInContext, startStudio } from './support/studio.ts';

describe('playbooks on the issue page', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let owner: Page;
  let issueId: string;
  let ownerAgentId: string;
  const playbookIds: Record<string, string> = {};
  const pageErrors: string[] = [];

  async function api<T>(
    path: string,
    init: { method?: string; body?: unknown; token?: string } = {},
  ): Promise<T> {
    const res = await fetch(`${baton.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token ?? baton.adminToken}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** A user who works as this agent, signed in: their session token. */
  /** An account for the agent, named as the agent is (as an admin would in Settings › People), signed in. */
  async function signInAs(agentId: string, name: string, email: string): Promise<string> {
    await api('/api/users', {
      method: 'POST',
      body: {
        email,
        name,
        roles: ['agent'],
        password: 'correct horse battery',
        agentId,
      },
    });
    const login = await fetch(`${baton.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    return ((await login.json()) as { token: string }).token;
  }

  /**
   * A small organisation and the three shipped playbooks, published through the API as a designer
   * would import them (the demo seed installs the same files; starting without it keeps this test
   * inside the server's start-up timeout on a loaded machine).
   */
  async function setUp(): Promise<void> {
    const team = async (name: string) =>
      (
        await api<{ id: string }>('/api/teams', {
          method: 'POST',
          body: { name, queues: ['Technical Support'] },
        })
      ).id;
    const tier1 = await team('Tier 1 Support');
    const platform = await team('Platform Engineering');
    const success = await team('Customer Success');
    const agent = async (name: string, teamId: string, skills: Record<string, number>) =>
      (
        await api<{ id: string }>('/api/agents', {
          method: 'POST',
          body: {
            name,
            email: `${name.split(' ')[0]!.toLowerCase()}@support.example`,
            timeZone: 'UTC',
            teamIds: [teamId],
            status: 'available',
            skills: Object.entries(skills).map(([skill, level]) => ({ skill, level })),
          },
        })
      ).id;
    ownerAgentId = await agent('Marcus Reed', tier1, { general_support: 4 });
    await agent('Daniel Kim', platform, { outage: 5, databases: 4 });
    await agent('Grace Okafor', success, { incident_communication: 4 });
    await agent('Jonas Weber', platform, { networking: 5 });
    for (const file of ['critical-escalation', 'smooth-transition', 'expert-consultation']) {
      // The designer's copy is what the editor test opens.
      const doc = JSON.parse(readFileSync(join(repoRoot, 'playbooks', `${file}.playbook.json`), 'utf8'));
      const { id } = await api<{ id: string }>('/api/flows', {
        method: 'POST',
        body: {
          kind: 'playbook',
          name: doc.name,
          description: doc.description,
          nodes: doc.nodes,
          edges: doc.edges,
        },
      });
      await api(`/api/flows/${id}/publish`, { method: 'POST', body: { enable: true } });
      playbookIds[doc.name] = id;
    }
    await api('/api/playbook-roles', {
      method: 'PUT',
      body: {
        cs: { teamIds: [success] },
        leadership: { teamIds: [platform] },
        product: { teamIds: [platform] },
      },
    });
  }

  beforeAll(async () => {
    ({ baton, browser } = await startStudio({ demo: false }));
    await setUp();
    const token = await signInAs(ownerAgentId, 'Marcus Reed', 'marcus@example.com');
    const issue = await api<{ id: string }>('/api/issues', {
      method: 'POST',
      body: {
        subject: 'Checkout is down for every customer',
        body: 'Since 09:40 every checkout fails with error 503. We are losing orders. Please help urgently.',
        channel: 'email',
        priority: 'critical',
        queue: 'Technical Support',
        customer: { email: 'ops@northwind.example', name: 'Northwind Ops' },
      },
    });
    issueId = issue.id;
    await api(`/api/issues/${issueId}`, { method: 'PATCH', body: { assignee: { agentId: ownerAgentId } } });
    const context = await signedInContext(browser, token);
    owner = await context.newPage();
    owner.setDefaultTimeout(15_000);
    owner.on('pageerror', (error) => pageErrors.push(error.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
  });

  it('shows Critical Escalation with triage due within 5 minutes, owned by the agent', async () => {
    await owner.goto(`${baton.url}/issues/${issueId}`);
    const panel = owner.locator('.playbook-panel');
    const run = panel.locator('.playbook-run', { hasText: 'Critical Escalation' });
    await run.waitFor();
    const triage = run.locator('.playbook-step', { hasText: 'Instant triage' });
    await poll(() => triage.locator('.playbook-step-who').textContent()).toContain('Marcus Reed');
    await triage.locator('.playbook-chip-you').waitFor();
    const countdown = (await triage.locator('.playbook-countdown').textContent()) ?? '';
    expect(countdown).toMatch(/^[0-4]:\d\d left$/);
    expect(await triage.locator('.playbook-countdown').getAttribute('title')).toBe('A 5 min window');
    await run.locator('.playbook-step-auto', { hasText: 'Executive summary' }).waitFor();
    await poll(() => run.locator('.playbook-waiting').textContent()).toContain('Marcus Reed');
    await screenshot(owner, 'playbooks-1-triage');
    // Marcus owns the issue: the experts panel ranks him but offers no handoff to himself.
    const experts = owner.getByRole('region', { name: 'Experts' });
    const himself = experts.getByRole('listitem').filter({ hasText: 'Marcus Reed' });
    await himself.getByText('Owns this issue').waitFor();
    expect(await himself.getByRole('button', { name: 'Hand off' }).count()).toBe(0);
    expect(await experts.getByRole('button', { name: 'Hand off' }).count()).toBeGreaterThan(0);
  });

  it('checks off triage in time; the war room opens by itself', async () => {
    const run = owner.locator('.playbook-run', { hasText: 'Critical Escalation' });
    const triage = run.locator('.playbook-step', { hasText: 'Instant triage' });
    for (const box of await triage.locator('input[type="checkbox"]').all()) {
      // A click, then what the person sees: the tick is saved and the list refreshed behind it.
      if (!(await box.isChecked())) await box.click();
      await poll(() => box.isChecked()).toBe(true);
      await poll(() => box.isEnabled()).toBe(true);
    }
    await triage.getByRole('button', { name: 'Mark step done' }).click();
    await poll(() => triage.locator('.playbook-chip-met').textContent()).toContain('in time');
    await poll(() =>
      run.locator('.playbook-step-auto', { hasText: 'Open the war room' }).textContent(),
    ).toContain('Pulled in');
    await run
      .locator('.playbook-step', { hasText: 'Rapid handoff' })
      .locator('.playbook-countdown')
      .waitFor();
    await screenshot(owner, 'playbooks-2-war-room');
  });

  it('asks an expert; the answer shows on the page and the owner keeps the issue', async () => {
    await owner.getByRole('button', { name: 'Ask an expert' }).click();
    await owner
      .getByLabel('Your question')
      .fill('Can we fail over checkout to the secondary region without losing carts?');
    await screenshot(owner, 'playbooks-3-ask');
    await owner.getByRole('button', { name: 'Ask', exact: true }).click();
    const consultation = owner.locator('.playbook-run', { hasText: 'Expert Consultation' });
    await poll(() => consultation.locator('.playbook-consultation').textContent()).toContain(
      'fail over checkout',
    );

    // The expert, found by the playbook, answers from the same page.
    const runs = await api<{
      items: Array<{ flowName: string; participants: { expert?: { agentId: string; name: string } } }>;
    }>(`/api/issues/${issueId}/playbooks`);
    const expert = runs.items.find((r) => r.flowName === 'Expert Consultation')!.participants.expert!;
    expect(expert.agentId).not.toBe(ownerAgentId);
    const expertToken = await signInAs(expert.agentId, expert.name, 'expert@example.com');
    const expertPage = await (await signedInContext(browser, expertToken)).newPage();
    await expertPage.goto(`${baton.url}/issues/${issueId}`);
    const theirs = expertPage.locator('.playbook-run', { hasText: 'Expert Consultation' });
    await theirs
      .getByLabel('Your answer')
      .fill('Yes: drain the primary first, carts live in the shared session store.');
    await theirs.getByRole('button', { name: 'Send answer' }).click();
    await poll(() => theirs.locator('.playbook-answer').textContent()).toContain('drain the primary');
    await expertPage.close();

    await poll(() => consultation.locator('.playbook-answer').textContent()).toContain('drain the primary');
    await consultation.locator('.playbook-step', { hasText: 'Apply the recommendation' }).waitFor();
    const issue = await api<{ assignee?: { agentId?: string } }>(`/api/issues/${issueId}`);
    expect(issue.assignee?.agentId).toBe(ownerAgentId);
    await screenshot(owner, 'playbooks-4-answer');
  });

  it('hands off rapidly and shows the parallel workstreams side by side', async () => {
    const run = owner.locator('.playbook-run', { hasText: 'Critical Escalation' });
    const handoff = run.locator('.playbook-step', { hasText: 'Rapid handoff' });
    for (const box of await handoff.locator('input[type="checkbox"]').all()) {
      await box.check();
      await poll(() => box.isEnabled()).toBe(true);
    }
    await handoff.getByRole('button', { name: 'Mark step done' }).click();
    const lanes = run.locator('.playbook-lane');
    await poll(() => lanes.count()).toBe(4);
    expect(await lanes.locator('.playbook-lane-title').allTextContents()).toEqual([
      'Technical investigation',
      'Customer communication',
      'Leadership',
      'Product',
    ]);
    await run.locator('.playbook-lanes').scrollIntoViewIfNeeded();
    await screenshot(owner, 'playbooks-5-workstreams');
    expect(pageErrors).toEqual([]);
  });

  it('lets a designer see the playbook in lanes and run it through its windows', async () => {
    const page = await (await signedInContext(browser, baton.adminToken)).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baton.url}/flows/${playbookIds['Critical Escalation']}`);
    await page.locator('.role-lane-owner').waitFor();
    expect(await page.locator('.role-lane-label').allTextContents()).toEqual([
      'Owner',
      'Expert',
      'Customer success',
      'Leadership',
      'Product',
    ]);
    const triage = page.locator('.fnode[data-node-id="triage"]');
    await poll(() => triage.locator('.fnode-window').textContent()).toContain(
      'within 5 min of the playbook’s start',
    );
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByLabel('Rapid handoff (5–15 min) misses its window').check();
    await page.getByRole('button', { name: 'Simulate the clock' }).click();
    const row = page.locator('.playbook-clock-table tr', { hasText: 'Rapid handoff' });
    await poll(() => row.textContent()).toContain('missed · escalates +15 min');
    await poll(() =>
      page.locator('.playbook-clock-table tr', { hasText: 'Instant triage' }).textContent(),
    ).toContain('in time');
    await screenshot(page, 'playbooks-6-designer');
    await page.close();
  });
});
