/**
 * The studio's first slice end to end, in Debian's Chromium against a real Baton process with demo
 * data: sign in with the admin token, see the inbox, open an issue, add an internal note, see it on
 * the timeline (and still there after a reload, i.e. stored by the server).
 *
 * Runs under the browser Vitest config (the default config excludes tests/browser/).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBaton, repoRoot, startBaton } from '../helpers/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RESULTS = join(repoRoot, 'test-results');

describe('studio shell', () => {
  let baton: RunningBaton | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see .ci/run)`);
    }
    // The server serves studio/dist when it exists at startup: build the current source first.
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(repoRoot, 'studio/vite.config.ts'), logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    baton = await startBaton({ demo: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
  });

  it('signs in with the admin token, opens a demo issue and adds an internal note', async () => {
    const url = baton!.url;

    // Signed out: any page leads to sign-in.
    await page.goto(`${url}/inbox`);
    await page.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();

    await page.getByLabel('API or admin token').fill(baton!.adminToken);
    await page.getByRole('button', { name: 'Sign in with token' }).click();

    // The inbox lists the demo issues.
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const rows = page
      .getByRole('table', { name: 'Issues' })
      .getByRole('row')
      .filter({ has: page.getByRole('link') });
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);

    // A filter and "Breaching soon" set in one turn, before React re-renders, both reach the address
    // (each used to start from the render's query, so the second undid the first).
    await page.evaluate(`(() => {
      const status = [...document.querySelectorAll('label.filter')]
        .find((l) => l.querySelector('.filter-label')?.textContent === 'Status')
        ?.querySelector('select');
      const soon = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Breaching soon');
      if (!status || !soon) throw new Error('no Status filter or Breaching soon button');
      status.value = 'open';
      status.dispatchEvent(new Event('change', { bubbles: true }));
      soon.click();
    })()`);
    await expect
      .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
      .toEqual({ status: 'open', sla: 'soon' });
    await page.goto(`${url}/inbox`);
    await rows.first().waitFor();

    // Open the first one (a row's first link is its subject).
    const subjectLink = rows.first().getByRole('link').first();
    const subject = (await subjectLink.textContent())?.trim() ?? '';
    expect(subject).not.toBe('');
    await subjectLink.click();
    await page.waitForURL(/\/issues\/[^/]+$/);
    await page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.waitFor();

    // Add an internal note.
    const note = `Browser test note ${Date.now()}`;
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByRole('textbox', { name: 'Internal note' }).fill(note);
    await page.getByRole('button', { name: 'Add note' }).click();

    const added = timeline.getByRole('listitem').filter({ hasText: note });
    await added.waitFor();
    expect(await added.getAttribute('aria-label')).toMatch(/^Internal note by /);
    expect(await page.getByRole('textbox', { name: 'Internal note' }).inputValue()).toBe('');

    // It was stored, not only shown.
    await page.reload();
    const stored = page
      .getByRole('list', { name: 'Timeline' })
      .getByRole('listitem')
      .filter({ hasText: note });
    await stored.waitFor();

    await stored.scrollIntoViewIfNeeded();
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'studio-shell.png') });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
