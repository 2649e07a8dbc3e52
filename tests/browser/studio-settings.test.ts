/**
 * The Settings area as a new ops admin uses it, in Debian's Chromium against a real Baton with demo
 * data: configure the Slack plugin and send a test message to a loopback server standing in for
 * Slack's Web API; set up a team, an agent and a routing policy, then see an issue route by it;
 * add a holiday to an SLA calendar; create a user and an API key (shown once, and it works); write
 * a template and save a second version. Nothing is typed as an id, an ISO duration or JSON.
 * Screenshots go to test-results/.
 */
import { type HttpSink, startHttpSink } from '@baton/plugin-sdk/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton } from '../helpers/server.ts';
import { poll, screenshot, signedInContext, startStudio } from './support/studio.ts';

describe('studio settings', () => {
  let baton: RunningBaton | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let slack: HttpSink;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    slack = await startHttpSink(() => ({
      body: { ok: true, channel: 'C0SUPPORT', ts: '1700000000.000100' },
    }));
    // Plugins may reach loopback only when the instance allows it (against SSRF): the sink lives there.
    ({ baton, browser } = await startStudio({
      demo: true,
      env: { BATON_EGRESS_ALLOW_PRIVATE: '127.0.0.1' },
      // Demo seeding trains the routing model at start: slow when the shared machine is busy.
      startTimeoutMs: 120_000,
    }));
    context = await signedInContext(browser, baton.adminToken);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
    await slack?.close();
  });

  it('configures Slack and sends a test message to it', async () => {
    await page.goto(`${baton!.url}/settings`);
    await page.getByRole('heading', { name: 'Plugins', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Settings' }).waitFor();
    await page.getByRole('list', { name: 'Plugins' }).getByRole('link', { name: /Slack/ }).click();
    await page.getByRole('heading', { name: /Slack/, level: 2 }).waitFor();
    const panel = page.getByRole('article');
    await expect(panel.getByText('Needs setup').first().isVisible()).resolves.toBe(true);

    await panel.getByLabel('Web API base URL').fill(`${slack.url}/api`);
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await panel.getByText('Saved').first().waitFor();

    await panel.getByLabel(/Bot token/).fill('xoxb-test-token');
    await panel.getByLabel(/Signing secret/).fill('slack-signing-secret');
    await panel.getByRole('button', { name: 'Save secrets' }).click();
    await poll(() => panel.getByText('Not set').count()).toBe(0);
    // Secrets are never shown back: the boxes are empty again.
    expect(await panel.getByLabel(/Bot token/).inputValue()).toBe('');
    await panel.getByText('Working').first().waitFor();

    // The inbound webhook address, with how Slack signs it.
    await panel
      .locator('.hook-url')
      .filter({ hasText: /\/hooks\/slack\/interactions$/ })
      .waitFor();
    await panel.getByText(/Slack signs every request/).waitFor();

    await panel.getByLabel('Slack channel or member').fill('#support-leads');
    await panel.getByLabel('Message (optional)').fill('Hello from the settings page');
    await panel.getByRole('button', { name: 'Send test' }).click();
    await panel.getByRole('status').filter({ hasText: 'Delivered' }).waitFor();
    const [posted] = await slack.waitFor(1);
    expect(posted!.path).toBe('/api/chat.postMessage');
    expect(posted!.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(posted!.json()).toMatchObject({
      channel: '#support-leads',
      text: expect.stringContaining('Hello'),
    });
    await screenshot(page, 'settings-slack-plugin');

    // A refusal reads as the provider's reason, beside the form.
    slack.handle(() => ({ body: { ok: false, error: 'channel_not_found' } }));
    await panel.getByLabel('Slack channel or member').fill('#nowhere');
    await panel.getByRole('button', { name: 'Send test' }).click();
    await panel.getByRole('status').filter({ hasText: 'The provider refused it' }).waitFor();
    await panel.getByText(/channel_not_found/).waitFor();
  });

  it('adds a team, an available agent and a routing policy, and an issue routes by it', async () => {
    await page.goto(`${baton!.url}/settings/teams`);
    await page.getByRole('heading', { name: 'Teams & agents', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New team' }).click();
    const team = page.getByRole('form', { name: 'New team' });
    await team.getByLabel('Name', { exact: true }).fill('Refund desk');
    await team.getByLabel('Team time zone').selectOption('Europe/Dublin');
    const queues = team.getByLabel('Add to queues');
    await queues.fill('Refunds');
    await queues.press('Enter');
    await team.getByRole('list', { name: 'Queues' }).getByText('Refunds').waitFor();
    await team.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('form', { name: 'Team Refund desk' }).waitFor();

    await page.getByRole('button', { name: 'New agent' }).click();
    const agent = page.getByRole('form', { name: 'New agent' });
    await agent.getByLabel('Name', { exact: true }).fill('Rita Ramos');
    await agent.getByLabel('Email', { exact: true }).fill('rita@example.com');
    await agent.getByLabel('Status').selectOption('available');
    await agent.getByRole('group', { name: 'Agent teams' }).getByText('Refund desk').click();
    await agent.getByRole('button', { name: 'Add a skill' }).click();
    await agent.getByLabel('Skill 1', { exact: true }).fill('refunds');
    await agent.getByLabel('Level of skill 1').selectOption({ label: 'Expert' });
    await agent.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('form', { name: 'Agent Rita Ramos' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Routing policies' })
      .click();
    await page.getByRole('heading', { name: 'Routing policies', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();
    const policy = page.getByRole('form', { name: 'New routing policy' });
    await policy.getByLabel('Queue', { exact: true }).fill('Refunds');
    await policy.getByLabel('Description').fill('Money back, fast');
    await policy.getByRole('group', { name: 'Teams' }).getByText('Refund desk').click();
    await policy.getByText('Round robin').click();
    await policy.getByRole('button', { name: 'Add a required skill' }).click();
    await policy.getByLabel('Skill 1', { exact: true }).fill('refunds');
    await policy.getByLabel('Least level of skill 1').selectOption({ label: 'Advanced' });
    // Offers wait for an accept; this queue assigns outright, after a look at the offer option.
    await policy.getByText('Offer it, and wait').click();
    await policy.getByLabel('Time to accept an offer', { exact: true }).fill('10');
    await policy.getByText('Assign outright').click();
    await policy.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('form', { name: 'Routing policy for Refunds' }).waitFor();
    await screenshot(page, 'settings-routing-policy');

    const stored = (await (await api(baton!, '/api/routing/policies')).json()) as {
      items: { queue: string }[];
    };
    expect(stored.items.find((p: { queue: string }) => p.queue === 'Refunds')).toMatchObject({
      strategy: 'round-robin',
      description: 'Money back, fast',
      skills: { required: [{ skill: 'refunds', minLevel: 4 }] },
      offer: { maxOffers: 3 },
    });

    // An issue arrives in the queue and goes to the one agent who qualifies.
    const created = await api(baton!, '/api/issues', {
      method: 'POST',
      json: {
        subject: 'Refund for a double charge',
        body: 'I was charged twice for my subscription.',
        channel: 'email',
        queue: 'Refunds',
        customer: { email: 'ana@example.com', name: 'Ana Lima' },
      },
    });
    expect(created.status).toBe(201);
    const issue = (await created.json()) as { id: string };
    await page.goto(`${baton!.url}/issues/${issue.id}`);
    await page.getByRole('heading', { name: 'Refund for a double charge' }).waitFor();
    await poll(async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Refund for a double charge' }).waitFor();
      return page.getByText('Rita Ramos').count();
    }).toBeGreaterThan(0);
    // SLA chips read as words: a paused clock without a target is just "paused" (no dangling comma).
    await page.locator('.sla-left').first().waitFor();
    for (const text of await page.locator('.sla-left').allTextContents()) expect(text).not.toMatch(/,\s*$/);
    // Routing says the assignment once, with the team and the queue (not also "assigned to …").
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('routed the issue to Rita Ramos (Refund desk) from the Refunds queue').waitFor();
    expect(await timeline.getByText(/assigned to Rita Ramos/).count()).toBe(0);
    await screenshot(page, 'settings-routed-issue');
  });

  it('adds a holiday to an SLA calendar', async () => {
    await page.goto(`${baton!.url}/settings/sla`);
    await page.getByRole('heading', { name: 'SLA policies', level: 1 }).waitFor();
    const form = page.locator('form.detail-panel');
    await form.getByLabel('Holiday date').fill('2026-12-25');
    await form.getByLabel('Holiday name').fill('Christmas Day');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByRole('list', { name: 'Holidays' }).getByText('Christmas Day').waitFor();
    await form.getByRole('button', { name: 'Save policy' }).click();
    await form.getByText(/Saved/).waitFor();
    await screenshot(page, 'settings-sla-calendar');

    await page.reload();
    await page
      .locator('form.detail-panel')
      .getByRole('list', { name: 'Holidays' })
      .getByText('Christmas Day')
      .waitFor();
    const policies = (await (await api(baton!, '/api/sla/policies')).json()) as {
      items: { calendar: { holidays: unknown[] } }[];
    };
    expect(policies.items[0]!.calendar.holidays).toContainEqual({
      date: '2026-12-25',
      name: 'Christmas Day',
    });
  });

  it('creates a user and an API key that is shown once and works', async () => {
    await page.goto(`${baton!.url}/settings/people`);
    await page.getByRole('heading', { name: 'Users & API keys', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill('Omar Haddad');
    await form.getByLabel('Email').fill('omar@example.com');
    await form.getByLabel('First password').fill('short');
    await form.getByRole('group', { name: 'Roles' }).getByText('Designer').click();
    await form.getByRole('button', { name: 'Create user' }).click();
    // The server's problem is shown under the field it is about.
    await form.locator('.field-error').filter({ hasText: /12/ }).waitFor();
    await form.getByLabel('First password').fill('a long enough password');
    await form.getByRole('button', { name: 'Create user' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByText('omar@example.com').waitFor();
    await expect(users.getByRole('row').filter({ hasText: 'Omar Haddad' }).textContent()).resolves.toMatch(
      /Agent, Designer|Designer, Agent/,
    );

    const keys = page.getByRole('form', { name: 'New API key' });
    await keys.getByLabel('Key name').fill('CRM sync');
    await keys.getByLabel('Expires').selectOption({ label: 'In 90 days' });
    await keys.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-api-key').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    await page.getByRole('table', { name: 'API keys' }).getByText('CRM sync').waitFor();
    await screenshot(page, 'settings-people');
    const me = await fetch(`${baton!.url}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(((await me.json()) as { principal: unknown }).principal).toMatchObject({
      kind: 'apiKey',
      name: 'CRM sync',
      roles: ['integrator'],
    });

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await poll(() => page.getByTestId('new-api-key').count()).toBe(0);
  });

  it('writes a template, previews it and saves a second version', async () => {
    await page.goto(`${baton!.url}/settings/templates`);
    await page.getByRole('heading', { name: 'Template library', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel(/^Name/).fill('Warm introduction');
    await form.getByLabel('Used for').selectOption({ label: 'Warm introduction' });
    await form.getByLabel(/^Subject/).fill('Over to you: {{ issue.subject }}');
    await form.getByLabel('Message').fill('{{ customer.name }} needs help with {{ issue.subject }}.');
    const preview = page.getByRole('region', { name: 'Rendered message' });
    await preview.getByText('Dana Whitfield needs help with Refund not received after 10 days.').waitFor();
    await form.getByRole('button', { name: 'Create template' }).click();
    const saved = page.getByRole('form', { name: 'Template Warm introduction' });
    await saved.waitFor();

    await saved.getByLabel('Message').fill('Meet {{ customer.name }}: {{ issue.subject }}. Be kind.');
    await saved.getByLabel(/What changed/).fill('shorter, warmer');
    await saved.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('button', { name: 'Save as version 3' }).waitFor();
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.getByText('shorter, warmer').waitFor();
    expect(await versions.getByRole('listitem').count()).toBe(2);
    await screenshot(page, 'settings-templates');

    // A Liquid mistake is named beside the message box, not as a crash.
    await page
      .getByRole('form', { name: 'Template Warm introduction' })
      .getByLabel('Message')
      .fill('{{ issue.subject | nosuch }}');
    await page.getByRole('button', { name: 'Save as version 3' }).click();
    await page
      .locator('.field-error')
      .filter({ hasText: /nosuch/ })
      .waitFor();
  });

  it('calculates due times, sets a notification policy and publishes a knowledge-base draft', async () => {
    await page.goto(`${baton!.url}/settings/sla-calculator`);
    await page.getByRole('heading', { name: 'SLA calculator', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Calculate due times' }).click();
    await page.getByRole('table', { name: 'Due times' }).getByText('First response').waitFor();
    await screenshot(page, 'settings-sla-calculator');

    const nadia = await api(baton!, '/api/users', {
      method: 'POST',
      json: {
        name: 'Nadia Costa',
        email: 'nadia@example.com',
        password: 'a long enough password',
        roles: ['agent'],
      },
    });
    expect(nadia.status).toBe(201);
    await page.goto(`${baton!.url}/settings/notifications`);
    await page.getByLabel('Person').selectOption({ label: 'Nadia Costa (nadia@example.com)' });
    await page.getByRole('heading', { name: 'Notification policies', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Channels by urgency' }).waitFor();
    const policy = page.getByRole('form', { name: 'Notification policy of Nadia Costa' });
    await policy.getByRole('group', { name: 'Channels for high urgency' }).getByText('Slack').click();
    await policy.getByPlaceholder(/Slack member ID/).fill('U024BE7LH');
    const quiet = policy.getByLabel(/Hold notifications during quiet hours/);
    if (!(await quiet.isChecked())) await quiet.check();
    await policy.getByLabel('Quiet from').fill('21:30');
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await policy.getByText('Saved').waitFor();
    await screenshot(page, 'settings-notifications');
    const users = (await (await api(baton!, '/api/users')).json()) as {
      items: { id: string; email: string }[];
    };
    const nadiaId = users.items.find((u) => u.email === 'nadia@example.com')!.id;
    const stored = await (await api(baton!, `/api/notification-policies/${nadiaId}`)).json();
    expect(stored).toMatchObject({
      channels: { high: expect.arrayContaining(['slack']) },
      contacts: { slack: 'U024BE7LH' },
      quietHours: { start: '21:30' },
    });

    // Knowledge base review: a captured draft is edited, tagged, marked ready and published.
    await page.goto(`${baton!.url}/knowledge`);
    await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
    const draft = page.getByRole('form', { name: /^Article / });
    const title = draft.getByLabel('Title');
    await title.fill('Order sync fails with 503 during an outage');
    await draft.getByLabel('Add to tags').fill('outage-faq');
    await draft.getByLabel('Add to tags').press('Enter');
    await screenshot(page, 'knowledge-base');
    await draft.getByRole('button', { name: 'Mark ready to publish' }).click();
    await page.getByText('Ready to publish', { exact: true }).click();
    await page.getByRole('form', { name: 'Article Order sync fails with 503 during an outage' }).waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published', { exact: true }).first().click();
    await page.getByLabel('Search articles').fill('order sync outage');
    await page
      .getByRole('list', { name: 'Articles' })
      .getByText('Order sync fails with 503 during an outage')
      .waitFor();
    const published = (await (
      await api(baton!, '/api/kb/articles?status=published&tag=outage-faq')
    ).json()) as {
      items: { title: string }[];
    };
    expect(published.items.map((a) => a.title)).toEqual(['Order sync fails with 503 during an outage']);
    expect(pageErrors).toEqual([]);
  });
});
