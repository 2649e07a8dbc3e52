/**
 * The flow editor as an ops admin uses it, in Debian's Chromium against a real Baton with demo
 * data: create a flow, build it by drag and drop, connect it, configure a condition in the
 * inspector (validation error appears, then clears), publish with a note, simulate a pasted issue
 * and see the path highlighted with each node's trace. Screenshots go to test-results/.
 */
import { readFile } from 'node:fs/promises';
import type { FlowRecord } from '@baton/schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton } from '../helpers/server.ts';
import {
  connect,
  dropKind,
  nodeOfKind,
  pick,
  poll,
  screenshot,
  signedInContext,
  startStudio,
  waitLive,
} from './support/studio.ts';

describe('studio flow editor', () => {
  let baton: RunningBaton | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let flowId = '';

  beforeAll(async () => {
    ({ baton, browser } = await startStudio({ demo: true }));
    context = await signedInContext(browser, baton.adminToken);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await baton?.cleanup();
  });

  it('builds, validates, publishes and simulates a three-node flow', async () => {
    await page.goto(`${baton!.url}/flows`);
    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByLabel('Name').fill('High priority fast lane');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/flows\/flw_/);
    flowId = page.url().split('/').pop()!.split('?')[0]!;
    await page.getByText('An empty flow').waitFor();
    await waitLive(page, baton);

    // Drag three kinds from the palette.
    await dropKind(page, 'trigger', { x: 110, y: 200 });
    const trigger = nodeOfKind(page, 'trigger');
    await trigger.waitFor();
    // The new trigger is selected: pick its event by name in the generated form.
    const inspector = page.getByRole('tabpanel');
    await pick(inspector.getByRole('combobox', { name: 'Events' }), 'An issue is created');

    await dropKind(page, 'condition', { x: 370, y: 200 });
    const condition = nodeOfKind(page, 'condition');
    await condition.waitFor();
    await dropKind(page, 'end', { x: 480, y: 430 });
    const end = nodeOfKind(page, 'end');
    await end.waitFor();
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);

    // Connect trigger → condition → (true) end.
    await connect(page, trigger, 'next', condition);
    await connect(page, condition, 'true', end);
    await poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // Auto-layout (Shift+L) lays them out left to right without overlaps.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Shift+L');
    await poll(async () => {
      const [a, b] = [await trigger.boundingBox(), await condition.boundingBox()];
      return Boolean(a && b && a.x + a.width < b.x);
    }).toBe(true);
    // …and zooms to fit them all.
    await poll(async () => {
      const [box, pane] = [await end.boundingBox(), await page.locator('.react-flow__pane').boundingBox()];
      return Boolean(box && pane && box.x + box.width <= pane.x + pane.width);
    }).toBe(true);

    // The condition has no condition yet: the server's error shows on that node.
    await poll(() => condition.locator('.fnode.has-errors').count()).toBe(1);
    const pill = page.getByRole('status', { name: 'Validation' });
    await poll(() => pill.textContent()).toMatch(/error/);
    await screenshot(page, 'studio-editor-validation-error');

    // Configure it in the inspector with the visual builder, in words: no path, no JSON.
    await condition.click();
    await inspector.getByRole('button', { name: '+ Add condition' }).click();
    await pick(inspector.getByRole('combobox', { name: /› 1: field$/ }), 'Issue › Priority');
    await inspector.getByLabel(/› 1: operator$/).selectOption({ label: 'is one of' });
    const priorities = inspector.getByRole('combobox', { name: /› 1: value$/ });
    await pick(priorities, 'High');
    await pick(priorities, 'Critical');
    await poll(() => condition.locator('.fnode.has-errors').count()).toBe(0);
    await poll(() => pill.textContent()).toMatch(/^Valid/);
    await screenshot(page, 'studio-editor-condition');

    // Raw JSON toggle shows exactly what the engine gets.
    await inspector.getByText('JSON', { exact: true }).first().click();
    const raw = JSON.parse(await inspector.getByRole('textbox', { name: /as JSON$/ }).inputValue());
    expect(raw).toEqual({
      all: [{ fact: 'issue', path: '$.priority', operator: 'in', value: ['high', 'critical'] }],
    });
    await inspector.getByText('Builder', { exact: true }).first().click();

    // Publish with a note: the server reads the live draft.
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('What changed (note)').fill('Fast lane for high and critical');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published version 1').waitFor();
    const versions = (await (await api(baton!, `/api/flows/${flowId}/versions`)).json()) as {
      items: { version: number; note: string; document: { nodes: unknown[]; edges: unknown[] } }[];
    };
    expect(versions.items).toHaveLength(1);
    expect(versions.items[0]).toMatchObject({ version: 1, note: 'Fast lane for high and critical' });
    expect(versions.items[0]!.document.nodes).toHaveLength(3);
    expect(versions.items[0]!.document.edges).toHaveLength(2);

    // Simulate a pasted high-priority issue: the path lights up, node by node.
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByText('Paste an issue').click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await poll(() => page.locator('.fnode.on-path').count()).toBe(3);
    await poll(() => page.locator('.react-flow__edge.on-path').count()).toBe(2);
    await page.getByRole('region', { name: 'Path taken' }).getByText('Completed').waitFor();
    await condition.click();
    await page.getByRole('tab', { name: 'Inspect' }).click();
    const trace = page.getByRole('region', { name: 'Trace of this node' });
    await trace.getByText('✓ true').first().waitFor();
    expect(await trace.locator('.trace-handle').textContent()).toBe('True'); // the output's name on the canvas
    await screenshot(page, 'studio-editor-simulation');

    // The flow list shows it running v1.
    await page.goto(`${baton!.url}/flows`);
    const row = page.getByRole('row').filter({ hasText: 'High priority fast lane' });
    await row.getByText('Running v1').waitFor();
    await screenshot(page, 'studio-flows-list');
    // Each cell is as tall as its row, the actions too (they were once laid out as a flex box, not a
    // cell, and their border floated above the row's).
    const heights = await Promise.all(
      (await row.getByRole('cell').all()).map(async (cell) => Math.round((await cell.boundingBox())!.height)),
    );
    expect(new Set(heights).size, heights.join(', ')).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('diffs the draft against a version, undoes, copies, imports and exports', async () => {
    await page.goto(`${baton!.url}/flows/${flowId}`);
    await waitLive(page, baton);
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);

    // A palette item added from the keyboard, then the draft compared with version 1.
    await page.locator('.palette-item[data-kind="set"]').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare with draft' }).click();
    await poll(() => page.locator('.fnode.diff-added').count()).toBe(1);
    await page.getByText('1 added').waitFor();
    await screenshot(page, 'studio-editor-diff');
    await page.getByRole('button', { name: 'Hide changes' }).click();

    // Stop the running version, then run it again.
    await page.getByRole('button', { name: 'Stop running' }).click();
    await page.getByText('Not running').waitFor();
    expect(((await (await api(baton!, `/api/flows/${flowId}`)).json()) as { enabled: boolean }).enabled).toBe(
      false,
    );
    await page.getByRole('button', { name: 'Run this version' }).click();
    await page.getByText('Running v1').waitFor();

    // Undo and redo the addition; copy and paste the condition.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.keyboard.press('Control+Shift+z');
    await poll(() => page.locator('.react-flow__node').count()).toBe(4);

    // Multi-select: all nodes at once, then none.
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await page.keyboard.press('Control+a');
    await page.getByRole('heading', { name: '4 nodes selected' }).waitFor();
    await poll(() => page.locator('.react-flow__node.selected').count()).toBe(4);
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);
    await nodeOfKind(page, 'condition').click();
    await page.keyboard.press('Control+c');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+v');
    await poll(() => nodeOfKind(page, 'condition', 1).count()).toBe(1);
    await page.keyboard.press('Delete');
    await poll(() => page.locator('.react-flow__node').count()).toBe(4);

    // Export: the file is the draft as drawn.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      name: string;
      nodes: unknown[];
      edges: unknown[];
    };
    expect(exported).toMatchObject({ name: 'High priority fast lane', kind: 'flow' });
    expect(exported.nodes).toHaveLength(4);
    expect(exported.edges).toHaveLength(2);

    // An invalid file is refused with what is wrong; the canvas is untouched.
    await page.getByLabel('Import a flow file').setInputFiles({
      name: 'broken.flow.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name":"Broken","nodes":[{"id":"a","type":"trigger"}],"edges":[]}'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'broken.flow.json was not imported' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('has no "position"');
    expect(await page.locator('.react-flow__node').count()).toBe(4);
    await screenshot(page, 'studio-editor-import-refused');
    await page.getByLabel('Import a flow file').setInputFiles({
      name: 'not-json.json',
      mimeType: 'application/json',
      buffer: Buffer.from('nodes: [oops'),
    });
    await page.getByRole('alert').filter({ hasText: 'The file is not JSON' }).waitFor();

    // A valid file replaces the draft (undoably).
    await page.getByLabel('Import a flow file').setInputFiles({
      name: 'exported.flow.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          ...exported,
          nodes: exported.nodes.filter((n) => (n as { type: string }).type !== 'set'),
        }),
      ),
    });
    await page.getByText('Imported exported.flow.json').waitFor();
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);
    // The view fits the imported flow: every node inside the canvas, none behind the side panel.
    const outsideCanvas = async () => {
      const canvas = (await page.locator('.canvas .react-flow').boundingBox())!;
      let outside = 0;
      for (const node of await page.locator('.react-flow__node').all()) {
        const box = (await node.boundingBox())!;
        if (box.x < canvas.x || box.x + box.width > canvas.x + canvas.width) outside++;
      }
      return outside;
    };
    await poll(outsideCanvas).toBe(0);

    // The shortcuts help.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(page, 'studio-editor-shortcuts');
    await page.keyboard.press('Escape');

    // A real issue arrives: the running version routes it, and its run shows on the canvas.
    const reportCritical = async (subject: string, body: string) => {
      const issue = await api(baton!, '/api/issues', {
        method: 'POST',
        json: {
          subject,
          body,
          channel: 'email',
          priority: 'critical',
          customer: { email: 'ops@fastlane.test' },
        },
      });
      expect(issue.status).toBe(201);
    };
    const runCount = async () =>
      ((await (await api(baton!, `/api/flows/${flowId}/runs`)).json()) as { items: unknown[] }).items.length;
    await reportCritical('Checkout down for everyone', 'Payments fail.');
    await poll(runCount).toBe(1);
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByRole('button', { name: /completed/ }).click();
    await poll(() => page.locator('.fnode.on-path').count()).toBe(3);
    await page.getByText(/^Run path: /).waitFor();
    // A live run keeps its path by default; a step on it says the full trace was not recorded.
    // The outcome reads as the end step's name, not its id.
    await page.getByText(/^Run path: .* → End$/).waitFor();
    await page.locator('.fnode.on-path').nth(1).click();
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await page
      .getByText(/Full trace not recorded/)
      .first()
      .waitFor();
    // The whole run path is in view, none of it behind the side panel; every tab of the panel is whole.
    expect(await outsideCanvas()).toBe(0);
    const panel = (await page.getByRole('complementary', { name: 'Side panel' }).boundingBox())!;
    for (const tab of await page.getByRole('tab').all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x + box.width, (await tab.textContent()) ?? undefined).toBeLessThanOrEqual(
        panel.x + panel.width,
      );
    }
    await screenshot(page, 'studio-editor-run');

    // The admin has the flow's next runs keep their full trace, from the Runs tab.
    await page.getByRole('tab', { name: 'Runs' }).click();
    const tracing = page.getByRole('radiogroup', { name: 'Full traces of live runs' });
    expect(await tracing.getByRole('radio', { name: 'Default (off)' }).isChecked()).toBe(true);
    const keepFor = page.getByLabel('Keep a choice for');
    expect(await keepFor.inputValue()).toBe('60'); // a choice lasts an hour unless the admin says otherwise
    const liveTrace = async () =>
      ((await (await api(baton!, `/api/flows/${flowId}`)).json()) as FlowRecord).liveTrace;
    const chosenAt = Date.now();
    await tracing.getByText('Every run').click();
    await poll(async () => (await liveTrace()).percent).toBe(100);
    const timed = await liveTrace();
    expect(timed).toMatchObject({ source: 'flow', serverPercent: 0 });
    expect(Date.parse(timed.until!) - chosenAt).toBeGreaterThan(59 * 60_000);
    expect(Date.parse(timed.until!) - chosenAt).toBeLessThan(61 * 60_000);
    await poll(() => tracing.getByRole('radio', { name: 'Every run' }).isChecked()).toBe(true);
    const state = page.getByTestId('live-tracing-state');
    // An end past midnight names its day ("until Tue 12:02 AM"), so the weekday is optional.
    expect(await state.textContent()).toMatch(
      /^Full traces for every run until (?:[A-Z][a-z]{2},? )?\d{1,2}:\d{2}.* \((59 min|1 h) left\), then the default \(off\)\.$/,
    );
    await screenshot(page, 'studio-editor-tracing');
    // Kept until changed instead: the end goes away.
    await keepFor.selectOption({ label: 'Until changed' });
    await poll(liveTrace).toEqual({ percent: 100, source: 'flow', serverPercent: 0 });
    await poll(() => state.textContent()).toBe('Full traces for every run until someone changes it.');
    await reportCritical('Checkout still down', 'Still failing.');
    await poll(runCount).toBe(2);
    // The new run appears in the open tab (newest first), with its timings and conditions: no "not
    // recorded" note on its steps.
    const runButtons = page.getByRole('button', { name: /completed/ });
    await poll(() => runButtons.count()).toBe(2);
    await runButtons.first().click();
    await nodeOfKind(page, 'condition').click();
    await page.getByRole('tab', { name: 'Inspect' }).click();
    const step = page.locator('.trace-step').first();
    await step.getByText(/ ms/).waitFor();
    // The output it took, by the name the canvas shows on it.
    expect(await step.locator('.trace-handle').textContent()).toBe('True');
    expect(await page.getByText(/Full trace not recorded/).count()).toBe(0);
    // What the condition saw, in words: the condition as the builder names it, the fact by name, its
    // value as it was.
    expect(await step.locator('.trace-leaf-text').textContent()).toBe(
      'Issue › Priority is one of high, critical',
    );
    const fact = step.locator('.trace-facts dl > div').first();
    expect(await fact.locator('dt').textContent()).toBe('Issue priority');
    expect(await fact.locator('dd').textContent()).toBe('critical');
    await screenshot(page, 'studio-editor-run-traced');
    // The end step names its outcome by the node's name, not its id, and no record reads as JSON.
    await nodeOfKind(page, 'end').click();
    const outcome = page.locator('.trace-step .trace-fields > div').first();
    expect(await outcome.locator('dt').textContent()).toBe('Outcome');
    expect(await outcome.locator('dd').textContent()).toBe('End');
    expect(await page.locator('.trace-detail').textContent()).not.toMatch(/[{}]/);
    // The flow list says which flows keep full traces by their own setting.
    await page.goto(`${baton!.url}/flows`);
    const listed = page.getByRole('row').filter({ hasText: 'High priority fast lane' });
    await listed.getByText('Full traces: every run').waitFor();
    // Its last run ended at the node named End, not at the node's id.
    expect(await listed.locator('.flow-outcome').textContent()).toBe('End');
    await screenshot(page, 'studio-flows-list-tracing');
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: 'Reference routing' })
        .getByText(/Full traces/)
        .count(),
    ).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('marks a failing edge where it is and clears it when fixed', async () => {
    // A switch whose "security" case was removed while an edge still leaves by it.
    const created = await api(baton!, '/api/flows', {
      method: 'POST',
      json: {
        name: 'Edge check',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { events: ['issue.created'] } },
          {
            id: 'kind',
            type: 'switch',
            label: 'What is it?',
            position: { x: 300, y: 0 },
            data: {
              cases: [
                {
                  id: 'billing',
                  label: 'Billing',
                  condition: {
                    fact: 'issue',
                    path: '$.subject',
                    operator: 'containsAny',
                    value: ['invoice'],
                  },
                },
              ],
            },
          },
          { id: 'done', type: 'end', position: { x: 650, y: 0 }, data: {} },
        ],
        edges: [
          { id: 'a', source: 'start', sourceHandle: 'next', target: 'kind' },
          { id: 'b', source: 'kind', sourceHandle: 'security', target: 'done' },
        ],
      },
    });
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${baton!.url}/flows/${id}`);
    await waitLive(page, baton);
    const broken = page.locator('.react-flow__edge.has-errors');
    await poll(() => broken.count()).toBe(1);
    await page.getByText('security (missing)').waitFor();
    await page.getByRole('button', { name: /edge b leaves node .+ by output "security"/ }).click();
    await page.getByRole('region', { name: 'Inspector: edge' }).waitFor();
    await screenshot(page, 'studio-editor-edge-error');
    await page.getByRole('button', { name: 'Delete edge' }).click();
    await poll(() => broken.count()).toBe(0);
    await poll(() => page.getByRole('status', { name: 'Validation' }).textContent()).toMatch(/^Valid/);

    // Dropping a connection on empty canvas offers what comes next, added already connected.
    const edgesBefore = await page.locator('.react-flow__edge').count();
    const output = page.locator(
      '.react-flow__node[data-id="kind"] .react-flow__handle.source[data-handleid="default"]',
    );
    const from = (await output.boundingBox())!;
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 120, pane.y + pane.height - 120, { steps: 8 });
    await page.mouse.up();
    const menu = page.getByRole('dialog', { name: 'Add a connected node' });
    await menu.getByRole('searchbox').fill('set');
    await menu.getByRole('searchbox').press('Enter');
    await poll(() => page.locator('.react-flow__edge').count()).toBe(edgesBefore + 1);
    await poll(() => nodeOfKind(page, 'set').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('offers a handoff to an agent picked by name, with the offer window in minutes, and publishes it', async () => {
    const agents = (await (await api(baton!, '/api/agents')).json()) as {
      items: { id: string; name: string }[];
    };
    const agent = agents.items[0]!;
    const created = (await (
      await api(baton!, '/api/flows', {
        method: 'POST',
        json: { kind: 'flow', name: 'Hand over to a named expert', nodes: [], edges: [] },
      })
    ).json()) as { id: string };
    await page.goto(`${baton!.url}/flows/${created.id}`);
    await waitLive(page, baton);
    await dropKind(page, 'trigger', { x: 110, y: 200 });
    const inspector = page.getByRole('tabpanel');
    await pick(inspector.getByRole('combobox', { name: 'Events' }), 'An issue is created');
    await dropKind(page, 'handoff', { x: 420, y: 200 });
    const handoff = nodeOfKind(page, 'handoff');
    await handoff.waitFor();
    await connect(page, nodeOfKind(page, 'trigger'), 'next', handoff);

    // The target is a person by name (no id), the window a number and a unit (no ISO duration).
    await handoff.click();
    await pick(inspector.getByRole('combobox', { name: 'Agent' }), agent.name);
    await inspector.getByLabel('Reason').fill('Needs a billing expert');
    await inspector.getByRole('spinbutton', { name: 'Expires in' }).fill('15');
    await inspector.getByLabel('Expires in: unit').selectOption('minutes');
    await poll(() => handoff.textContent()).toContain(agent.name);
    await poll(() => handoff.textContent()).toContain('15 minutes');
    await screenshot(page, 'studio-editor-handoff-by-name');

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('What changed (note)').fill('Named expert');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published version 1').waitFor();
    const versions = (await (await api(baton!, `/api/flows/${created.id}/versions`)).json()) as {
      items: { document: { nodes: { type: string; data: Record<string, unknown> }[] } }[];
    };
    const published = versions.items[0]!.document.nodes.find((n) => n.type === 'handoff');
    expect(published?.data).toMatchObject({
      to: { agentId: agent.id },
      reason: 'Needs a billing expert',
      expiresIn: 'PT15M',
    });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
