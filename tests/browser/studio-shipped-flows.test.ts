/**
 * The flows Baton ships open clean: in Debian's Chromium at 1440×900, every shipped flow (as the demo
 * installs it) is drawn with no two node cards overlapping, measured on the real cards, and its
 * first view is readable. Screenshots go to test-results/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton } from '../helpers/server.ts';
import { poll, screenshot, signedInContext, startStudio, waitLive } from './support/studio.ts';

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs of cards whose boxes intersect (touching edges do not count). */
function overlaps(boxes: Box[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        out.push([a.id, b.id]);
    }
  }
  return out;
}

describe('shipped flows in the studio', () => {
  let baton: RunningBaton | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ baton, browser } = await startStudio({ demo: true }));
    context = await signedInContext(browser, baton.adminToken);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
  });

  it('draws every shipped flow without overlapping nodes, readable at 1440×900', async () => {
    const flows = (await (await api(baton!, '/api/flows')).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    expect(flows.items.length).toBeGreaterThan(0);
    for (const flow of flows.items) {
      const record = (await (await api(baton!, `/api/flows/${flow.id}`)).json()) as {
        draft: { nodes: unknown[] };
      };
      await page.goto(`${baton!.url}/flows/${flow.id}`);
      await waitLive(page, baton);
      await poll(() => page.locator('.react-flow__node').count()).toBe(record.draft.nodes.length);
      // Measured cards: React Flow shows a node once it knows its size.
      await poll(() => page.locator('.react-flow__node:not([style*="visibility: hidden"])').count()).toBe(
        record.draft.nodes.length,
      );
      const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { id: el.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      expect(overlaps(boxes), `overlapping nodes in “${flow.name}”`).toEqual([]);
      // Readable: the first view does not shrink the cards below half their size.
      const zoom = await page.locator('.react-flow__viewport').evaluate((el) => {
        // The browser's globals, typed here: this file is type-checked without the DOM library.
        const web = globalThis as unknown as {
          getComputedStyle(element: unknown): { transform: string };
          DOMMatrixReadOnly: new (transform: string) => { a: number };
        };
        return new web.DOMMatrixReadOnly(web.getComputedStyle(el).transform).a;
      });
      await screenshot(page, `studio-shipped-${flow.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
      expect(zoom, `zoom of “${flow.name}”`).toBeGreaterThanOrEqual(0.5);
    }
  }, 120_000);
});
