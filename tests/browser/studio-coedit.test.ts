/**
 * Live co-editing through the hub's `flow:<id>` document, in two browser contexts (an admin and a
 * designer, each with their own token): each sees the other's new node within a second, their
 * pointer and selection, and undo takes back only one's own change.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton } from '../helpers/server.ts';
import {
  dropKind,
  nodeOfKind,
  poll,
  screenshot,
  signedInContext,
  startStudio,
  waitLive,
} from './support/studio.ts';

async function openEditor(page: Page, baton: RunningBaton, flowId: string): Promise<void> {
  await page.goto(`${baton.url}/flows/${flowId}`);
  await waitLive(page, baton);
  await page.locator('.react-flow__node').first().waitFor();
}

/** Resolves when `page` shows `count` nodes, failing after `ms`. */
function seesNodes(page: Page, count: number, ms: number) {
  return page.waitForFunction(`document.querySelectorAll('.react-flow__node').length === ${count}`, null, {
    timeout: ms,
    polling: 'raf',
  });
}

describe('studio co-editing', () => {
  let baton: RunningBaton | undefined;
  let browser: Browser | undefined;
  let admin: Page;
  let designer: Page;
  let flowId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ baton, browser } = await startStudio({ demo: false }));
    const created = await api(baton, '/api/flows', {
      method: 'POST',
      json: {
        name: 'Shared escalation',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { events: ['issue.created'] } },
        ],
      },
    });
    flowId = ((await created.json()) as { id: string }).id;
    const key = await api(baton, '/api/api-keys', {
      method: 'POST',
      json: { name: 'Dana Designer', roles: ['designer'] },
    });
    const { secret } = (await key.json()) as { secret: string };
    admin = await (await signedInContext(browser, baton.adminToken)).newPage();
    designer = await (await signedInContext(browser, secret)).newPage();
    for (const page of [admin, designer]) {
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
  });

  it('shows each editor the other’s nodes within a second, with presence', async () => {
    await Promise.all([openEditor(admin, baton!, flowId), openEditor(designer, baton!, flowId)]);

    // Each sees the other in the presence list.
    await admin.getByRole('list', { name: 'Also editing' }).getByTitle('Dana Designer').waitFor();
    await designer.getByRole('list', { name: 'Also editing' }).getByRole('listitem').first().waitFor();

    // The admin adds a condition: the designer sees it within 1 s of it appearing for the admin.
    await dropKind(admin, 'condition', { x: 380, y: 220 });
    await nodeOfKind(admin, 'condition').waitFor();
    const t0 = Date.now();
    await seesNodes(designer, 2, 1000);
    const adminToDesigner = Date.now() - t0;

    // And the other way round.
    await dropKind(designer, 'end', { x: 380, y: 460 });
    await nodeOfKind(designer, 'end').waitFor();
    const t1 = Date.now();
    await seesNodes(admin, 3, 1000);
    const designerToAdmin = Date.now() - t1;
    expect(adminToDesigner).toBeLessThan(1000);
    expect(designerToAdmin).toBeLessThan(1000);

    // Selections and pointers travel through awareness: the designer's new end node is selected,
    // and the admin sees it marked with the designer's name; the admin's pointer shows for the designer.
    await nodeOfKind(admin, 'end').locator('.fnode-peers').getByText('Dana Designer').waitFor();
    const pane = admin.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    await admin.mouse.move(box.x + 200, box.y + 120);
    await admin.mouse.move(box.x + 240, box.y + 140, { steps: 3 });
    await designer.locator('.peer-cursor').first().waitFor();
    // A drag is shared while it happens (through presence) and stored once, on drop.
    const seen = nodeOfKind(designer, 'trigger');
    const before = (await seen.boundingBox())!;
    const grip = (await nodeOfKind(admin, 'trigger').boundingBox())!;
    await admin.mouse.move(grip.x + 40, grip.y + 12);
    await admin.mouse.down();
    await admin.mouse.move(grip.x + 40, grip.y + 100, { steps: 10 });
    await poll(async () => (await seen.boundingBox())!.y - before.y).toBeGreaterThan(30);
    const storedWhileDragging = (await (await api(baton!, `/api/flows/${flowId}`)).json()) as {
      draft: { nodes: { id: string; position: { y: number } }[] };
    };
    expect(storedWhileDragging.draft.nodes.find((n) => n.id === 'start')!.position.y).toBe(0);
    await admin.mouse.up();
    await poll(async () => {
      const flow = (await (await api(baton!, `/api/flows/${flowId}`)).json()) as typeof storedWhileDragging;
      return flow.draft.nodes.find((n) => n.id === 'start')!.position.y;
    }).toBeGreaterThan(30);
    // The trigger has no label: its warning names it as the canvas titles it, by its id "start".
    const warning = admin.getByRole('region', { name: /^Inspector/ }).getByText(/leads nowhere/);
    expect(await warning.textContent()).toContain('node “start”');
    await screenshot(admin, 'studio-coedit-admin');
    await screenshot(designer, 'studio-coedit-designer');

    // Undo takes back the admin's own changes only (the move, then the condition); the designer's
    // end node stays.
    await admin.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await admin.keyboard.press('Control+z');
    await admin.keyboard.press('Control+z');
    await seesNodes(admin, 2, 3000);
    await seesNodes(designer, 2, 3000);
    expect(await nodeOfKind(designer, 'end').count()).toBe(1);
    expect(await nodeOfKind(designer, 'condition').count()).toBe(0);

    // The stored draft follows the live one (what the flows list and the API show).
    await poll(async () => {
      const flow = (await (await api(baton!, `/api/flows/${flowId}`)).json()) as {
        draft: { nodes: { type: string }[] };
      };
      return flow.draft.nodes.map((n) => n.type).sort();
    }).toEqual(['end', 'trigger']);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
