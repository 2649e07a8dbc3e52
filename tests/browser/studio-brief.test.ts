/**
 * The brief as an agent reads it on a long issue: a Customer line (name, tier, plan, value, local
 * time), the Deadline as the customer said it and the date it resolves to, and what the customer
 * asked next to what they were told — on a real Baton with the demo data, from one of the
 * evaluation set's long conversations posted through the API (email, a call, CRM updates, notes).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConversations } from '../../server/src/intelligence/brief/eval/evaluate.ts';
import { api, type RunningBaton, readJson } from '../helpers/server.ts';
import { screenshot, signedInContext, startStudio } from './support/studio.ts';

const conv = loadConversations().find((c) => c.id === 'long-en-leaked-api-key');

describe('the brief on a long issue', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let page: Page;
  let issueId: string;

  beforeAll(async () => {
    if (!conv) throw new Error('the evaluation conversation long-en-leaked-api-key is missing');
    ({ baton, browser } = await startStudio({ demo: true }));
    const customer = await readJson<{ id: string }>(
      await api(baton, '/api/customers', {
        method: 'POST',
        json: {
          name: conv.customer.name,
          company: conv.customer.company,
          tier: conv.customer.tier,
          timeZone: conv.customer.timeZone,
          attributes: conv.customer.attributes,
        },
      }),
    );
    const [first, ...rest] = conv.events;
    const issue = await readJson<{ id: string }>(
      await api(baton, '/api/issues', {
        method: 'POST',
        json: {
          subject: conv.subject,
          body: first && 'c' in first ? first.c : conv.subject,
          channel: conv.channel,
          priority: conv.priority,
          customer: { id: customer.id },
        },
      }),
    );
    issueId = issue.id;
    for (const e of rest) {
      const entry =
        'c' in e
          ? { type: 'customer_message', text: e.c }
          : 'a' in e
            ? { type: 'agent_reply', text: e.a }
            : 'n' in e
              ? { type: 'internal_note', text: e.n }
              : 'call' in e
                ? {
                    type: 'call_transcript',
                    durationSec: e.call.length * 20,
                    segments: e.call.map(([speaker, text], i) => ({
                      speaker,
                      text,
                      startSec: i * 20,
                      endSec: i * 20 + 18,
                    })),
                  }
                : { type: 'crm_update', source: 'Salesforce', fields: e.crm };
      const res = await api(baton, `/api/issues/${issueId}/timeline`, { method: 'POST', json: entry });
      expect(res.status, JSON.stringify(entry)).toBe(201);
    }
    page = await (await signedInContext(browser, baton.adminToken)).newPage();
    page.setDefaultTimeout(15_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
  });

  it('shows who the customer is, the deadline as said and resolved, and asked/told pairs', async () => {
    await page.goto(`${baton.url}/issues/${encodeURIComponent(issueId)}`);
    const brief = page.getByRole('region', { name: 'Brief' });
    await brief.getByText('Asked and told').waitFor();

    const fact = (label: string) =>
      brief.locator('.brief-fact').filter({ has: page.locator('.brief-fact-label', { hasText: label }) });
    const customerLine = fact('Customer');
    const customerText = await customerLine.innerText();
    // The newest CRM update: enterprise, plan Enterprise, ARR 310,000; and her wall clock.
    expect(customerText).toContain('Grace Liu, Meridian Health Partners');
    expect(customerText).toContain('Enterprise tier');
    expect(customerText).toContain('Enterprise plan');
    expect(customerText).toContain('ARR 310,000');
    // The zone by the name people use, not its IANA id.
    expect(customerText).toMatch(/local time \d{1,2}:\d\d( [AP]M)? \(Pacific Time\)/);

    // The moved deadline wins: "by 8am Pacific tomorrow", resolved to 08:00 in Los Angeles.
    const deadline = fact('Deadline');
    await expect.poll(() => deadline.locator('.brief-phrase').innerText()).toBe('by 8am Pacific tomorrow');
    const deadlineText = await deadline.innerText();
    expect(deadlineText).toMatch(/\w{3}, \w{3} \d{1,2}, 8:00\sAM \(Pacific Time\)/);
    expect(deadlineText).not.toContain('America/');
    expect(deadlineText).not.toContain('9am Pacific');

    // Asked and told: by content, the re-asked question once, never an internal note.
    const pairs = brief.locator('.brief-qa');
    const texts = await pairs.allInnerTexts();
    expect(
      texts.some((t) => /Was our account compromised\?[\s\S]*Only this one key was affected/.test(t)),
    ).toBe(true);
    expect(texts.filter((t) => t.includes('Who created that key?'))).toHaveLength(1);
    for (const t of texts) expect(t).not.toMatch(/Tor exit|Known gap|SEC-412/);
    await page.waitForTimeout(300);
    await screenshot(page, 'brief-long-issue');
  });

  it('shows the customer and the deadline in the handoff dialog, with asked/told pairs to keep or leave out', async () => {
    await page.getByRole('button', { name: 'Hand off…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand off' });
    await dialog.getByText('Asked and told:').first().waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('Grace Liu, Meridian Health Partners');
    expect(text).toContain('by 8am Pacific tomorrow');
    expect(text).toMatch(/“Was our account compromised\?” → “Only this one key was affected/);
    await page.waitForTimeout(300);
    await screenshot(page, 'brief-handoff-dialog');
  });
});
