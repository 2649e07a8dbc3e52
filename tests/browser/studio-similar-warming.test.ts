/**
 * Right after a start, the index of past resolved issues is still being built (in the background,
 * after the server listens): the issue page's Similar panel says so instead of "nothing similar",
 * and fills in by itself once the index is complete. Photographed at 1440x900 in both states.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton } from '../helpers/server.ts';
import { screenshot, signedInContext, startStudio } from './support/studio.ts';

/** Puts an element in the middle of its scrolling column, clear of the sticky tabs (no DOM types here). */
const scrollToMiddle = (el: unknown) =>
  (el as { scrollIntoView(options: { block: string }): void }).scrollIntoView({ block: 'center' });

describe('the Similar panel while past issues are indexed', () => {
  let baton: RunningBaton;
  let browser: Browser;

  beforeAll(async () => {
    // The warm-up would start an hour after start-up: the first similar query starts it instead.
    ({ baton, browser } = await startStudio({
      demo: true,
      env: { BATON_RETRIEVAL_WARM_DELAY_MS: '3600000' },
    }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
  });

  it('says it is still indexing, then shows what it found', async () => {
    const page = await (await signedInContext(browser, baton.adminToken)).newPage();
    const issues = (await (await api(baton, '/api/issues?limit=1')).json()) as {
      items: Array<{ id: string }>;
    };
    const issueId = issues.items[0]!.id;

    await page.goto(`${baton.url}/issues/${issueId}`);
    const panel = page.getByRole('region', { name: 'Similar resolutions and articles' });
    await expect
      .poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(/Still indexing past issues/);
    // The panel's title and the note in view.
    await panel.getByRole('heading').evaluate(scrollToMiddle);
    await screenshot(page, 'similar-warming');

    // The panel asks again while the answer says it is warming; the index is complete by then.
    await expect.poll(() => panel.getByRole('status').count(), { timeout: 30_000, interval: 500 }).toBe(0);
    expect(await panel.textContent()).not.toMatch(/Still indexing/);
    const answer = (await (await api(baton, `/api/issues/${issueId}/similar`)).json()) as {
      retrieval: { warming: boolean };
    };
    expect(answer.retrieval.warming).toBe(false);
    // Each suggestion is a different resolution: the demo's recurring "add a user" question, answered
    // the same way each time, shows once and says how often.
    const suggestions = await panel
      .locator('.similar-item')
      .evaluateAll((items) =>
        items.map(
          (li) =>
            `${li.querySelector('.similar-title')?.textContent} / ${li.querySelector('summary')?.textContent}`,
        ),
      );
    expect(suggestions.length).toBeGreaterThan(1);
    expect(new Set(suggestions).size).toBe(suggestions.length);
    await expect
      .poll(() => panel.getByText(/Answered the same way in \d+ other issues?/).count())
      .toBeGreaterThan(0);
    await panel.getByRole('heading').evaluate(scrollToMiddle);
    await screenshot(page, 'similar-warm');
  }, 120_000);
});
