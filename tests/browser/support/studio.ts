/**
 * Shared set-up of the studio browser tests: build the studio, start a real Baton, launch Debian's
 * Chromium (through playwright-core), and a few canvas gestures as a person makes them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import { type RunningBaton, repoRoot, startBaton } from '../../helpers/server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const RESULTS = join(repoRoot, 'test-results');

/** The newest modification time of the files under `path` (a file or a folder). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Builds studio/dist from the current source (the server serves what exists when it starts),
 * unless this run already built it from the same sources (each test file would otherwise build).
 */
export async function buildStudio(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see .ci/run)`);
  const built = join(repoRoot, 'studio/dist/index.html');
  const sources = ['studio/src', 'studio/index.html', 'studio/vite.config.ts', 'studio/package.json'];
  if (
    existsSync(built) &&
    statSync(built).mtimeMs > Math.max(...sources.map((s) => newest(join(repoRoot, s))))
  ) {
    return;
  }
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'studio/vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export async function startStudio(
  options: { demo?: boolean; env?: Record<string, string>; startTimeoutMs?: number } = {},
): Promise<{ baton: RunningBaton; browser: Browser }> {
  await buildStudio();
  const baton = await startBaton({
    demo: options.demo ?? true,
    ...(options.env ? { env: options.env } : {}),
    ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return { baton, browser };
}

/** A signed-in browser context: the token is in the session's storage before the first page loads. */
export async function signedInContext(browser: Browser, token: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // A string, not a function: this file is type-checked without the DOM.
  await context.addInitScript({
    content: `if (!localStorage.getItem('baton.session')) localStorage.setItem('baton.session', ${JSON.stringify(JSON.stringify({ token }))});`,
  });
  return context;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

/** The canvas node of the given kind (the nth of that kind). */
export function nodeOfKind(page: Page, kind: string, nth = 0): Locator {
  return page.locator(`.react-flow__node:has(.fnode[data-kind="${kind}"])`).nth(nth);
}

/** Drags a kind from the palette onto the canvas at a point relative to the canvas's top left. */
export async function dropKind(page: Page, kind: string, at: { x: number; y: number }): Promise<void> {
  await page
    .locator(`.palette-item[data-kind="${kind}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

/** Connects an output handle of one node to the input of another, with the mouse. */
export async function connect(page: Page, from: Locator, handle: string, to: Locator): Promise<void> {
  const source = from.locator(`.react-flow__handle.source[data-handleid="${handle}"]`);
  const target = to.locator('.react-flow__handle.target');
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/**
 * `expect.poll` with room for a loaded CI machine (2 cores shared with the rest of the suite): what
 * the person would see eventually, within 10 s. Timings the tests promise are asserted explicitly.
 */
export function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 50 });
}

/**
 * Chooses an option of a studio picker (a searchable combobox) as a person does: focus it, type
 * part of the name, click the option whose name it is.
 */
export async function pick(combobox: Locator, name: string): Promise<void> {
  await combobox.click();
  await combobox.fill(name.split(' › ').pop() ?? name);
  const list = combobox.page().getByRole('listbox');
  await list.getByRole('option').filter({ hasText: name }).first().click();
}

/**
 * Waits for the page's live document (a flow draft or an issue workspace) to show "Live". When it
 * does not, the error says what the status read instead, with a screenshot and the server's lines
 * about the hub, so a failure explains itself instead of being a bare timeout.
 */
export async function waitLive(page: Page, baton?: RunningBaton, timeout = 15_000): Promise<void> {
  const live = page.getByRole('status').filter({ hasText: /^Live$/ });
  try {
    await live.waitFor({ timeout });
  } catch (error) {
    throw new Error(
      `the live document did not show "Live" within ${timeout} ms on ${page.url()}; ${await liveReport({ page }, baton)}`,
      { cause: error },
    );
  }
}

/**
 * Waits for what one person should see of another's live edit (`target`, on one of `pages`). When
 * it does not come, the error says where each page's live document stood, with screenshots and the
 * server's lines about the hub.
 */
export async function waitSeen(
  target: Locator,
  pages: Record<string, Page>,
  baton: RunningBaton,
  timeout = 15_000,
): Promise<void> {
  try {
    await target.waitFor({ timeout });
  } catch (error) {
    throw new Error(`${target} did not appear within ${timeout} ms; ${await liveReport(pages, baton)}`, {
      cause: error,
    });
  }
}

/** Each page's statuses and selected tabs, a screenshot of each, and the server's last lines about the hub. */
async function liveReport(pages: Record<string, Page>, baton?: RunningBaton): Promise<string> {
  const parts: string[] = [];
  for (const [name, page] of Object.entries(pages)) {
    const statuses = await page
      .getByRole('status')
      .allInnerTexts()
      .catch(() => []);
    const selectedTabs = await page
      .getByRole('tab', { selected: true })
      .allInnerTexts()
      .catch(() => []);
    const shot = `live-timeout-${name}-${Date.now()}`;
    await screenshot(page, shot).catch(() => {});
    parts.push(
      `${name}: statuses on the page ${JSON.stringify(statuses)}, selected tabs ${JSON.stringify(selectedTabs)}, screenshot test-results/${shot}.png`,
    );
  }
  const hubLines = (baton?.output ?? []).filter((line) => /collab|socket|websocket/i.test(line)).slice(-20);
  return `${parts.join('; ')}; the server's last lines about the hub:\n${hubLines.join('\n') || '(none)'}`;
}
