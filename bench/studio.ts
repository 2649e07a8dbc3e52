/**
 * Studio benchmark: a generated 1,000-node, 1,200-edge flow opened in the editor in Debian's
 * headless Chromium against a real Baton (the draft arrives through the hub, as for a person).
 * Measures, from navigation start, the first node drawn and every node drawn (measured and made
 * visible by React Flow), then the frame time while panning the canvas with the mouse. Prints
 * {"bench":"studio","nodes","edges","firstNodeMs","allNodesMs","panFrameP95Ms","panFrames"}.
 *
 * Options: --nodes N (1000), --edges M (1200), --no-build (use the existing studio/dist).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildStudio, CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/support/studio.ts';
import { api, readJson, repoRoot, startBaton } from '../tests/helpers/server.ts';

interface BenchNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
}

/**
 * A tree of conditions (each node's true/false outputs lead to the next two), then extra edges
 * between later nodes until `edgeCount`: every edge goes from a lower index to a higher one, so the
 * flow has no cycle, and each output takes at most one edge, as validation wants.
 */
export function generateFlow(nodeCount: number, edgeCount: number) {
  const nodes: BenchNode[] = [];
  const columns = 40;
  for (let i = 0; i < nodeCount; i++) {
    const position = { x: (i % columns) * 260, y: Math.floor(i / columns) * 170 };
    if (i === 0) nodes.push({ id: 'n0', type: 'trigger', position, data: { events: ['issue.created'] } });
    else if (i % 7 === 0)
      nodes.push({
        id: `n${i}`,
        type: 'set',
        position,
        data: { priority: 'high', tags: { add: [`t${i}`] } },
      });
    else
      nodes.push({
        id: `n${i}`,
        type: 'condition',
        position,
        data: {
          condition: {
            all: [{ fact: 'issue', path: '$.priority', operator: 'equal', value: i % 2 ? 'high' : 'low' }],
          },
        },
      });
  }
  const handlesOf = (i: number) => (i === 0 || i % 7 === 0 ? ['next'] : ['true', 'false']);
  const used = new Set<string>();
  const edges: { id: string; source: string; sourceHandle: string; target: string }[] = [];
  const add = (from: number, to: number) => {
    const handle = handlesOf(from).find((h) => !used.has(`${from}:${h}`));
    if (!handle || to <= from || to >= nodeCount) return false;
    used.add(`${from}:${handle}`);
    edges.push({ id: `e${edges.length}`, source: `n${from}`, sourceHandle: handle, target: `n${to}` });
    return true;
  };
  // Every node but the trigger gets one incoming edge from an earlier node with a free output.
  let parent = 0;
  for (let i = 1; i < nodeCount; i++) {
    while (!handlesOf(parent).some((h) => !used.has(`${parent}:${h}`))) parent++;
    add(parent, i);
  }
  for (let from = Math.floor(nodeCount / 2); edges.length < edgeCount && from < nodeCount - 1; from++) {
    for (let to = from + 1; to < nodeCount && edges.length < edgeCount; to += 37) if (add(from, to)) break;
  }
  return { nodes, edges };
}

/**
 * Runs in the page from navigation start (a string: this file is type-checked without the DOM):
 * signs in, then each frame notes when the first node and when `want` nodes are drawn — React Flow
 * shows a node once it has measured it — and records frame times while `recording`.
 */
function probeScript(token: string): string {
  return `
    localStorage.setItem('baton.session', JSON.stringify({ token: ${JSON.stringify(token)} }));
    window.__bench = { want: 0, frames: [], recording: false };
    let last = 0;
    const tick = (now) => {
      const b = window.__bench;
      if (b.first === undefined || b.all === undefined) {
        const drawn = document.querySelectorAll('.react-flow__node[style*="visibility: visible"]').length;
        if (drawn > 0 && b.first === undefined) b.first = now;
        if (b.want > 0 && drawn >= b.want && b.all === undefined) b.all = now;
      }
      if (b.recording && last) b.frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  `;
}

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string', default: '1000' },
      edges: { type: 'string', default: '1200' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const nodeCount = Number(values.nodes);
  const edgeCount = Number(values.edges);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  if (!values['no-build'] || !existsSync(join(repoRoot, 'studio/dist/index.html'))) {
    console.error('building the studio…');
    await buildStudio();
  }
  const baton = await startBaton({ demo: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const flow = generateFlow(nodeCount, edgeCount);
    const created = await api(baton, '/api/flows', {
      method: 'POST',
      json: { name: `Bench ${nodeCount} nodes`, nodes: flow.nodes, edges: flow.edges },
    });
    if (!created.ok) throw new Error(`creating the flow failed: ${created.status} ${await created.text()}`);
    const { id } = await readJson<{ id: string }>(created);
    console.error(`flow ${id}: ${flow.nodes.length} nodes, ${flow.edges.length} edges`);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: probeScript(baton.adminToken) });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${baton.url}/flows/${id}`);
    await page.evaluate(`window.__bench.want = ${nodeCount}`);
    await page.waitForFunction('window.__bench.all !== undefined', null, { timeout: 120_000, polling: 100 });
    const { first, all } = (await page.evaluate(
      '({ first: window.__bench.first, all: window.__bench.all })',
    )) as {
      first: number;
      all: number;
    };
    console.error(`first node at ${round(first)} ms, all ${nodeCount} at ${round(all)} ms`);

    // Pan: drag the empty canvas around for about two seconds, recording every frame.
    await page.waitForTimeout(500);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.evaluate('window.__bench.recording = true');
    const started = Date.now();
    for (let i = 0; Date.now() - started < 2000; i++) {
      const angle = i / 12;
      await page.mouse.move(cx + Math.cos(angle) * 200, cy + Math.sin(angle) * 150);
    }
    const frames = (await page.evaluate(
      'window.__bench.recording = false, window.__bench.frames',
    )) as number[];
    await page.mouse.up();
    const result = {
      bench: 'studio',
      nodes: nodeCount,
      edges: edgeCount,
      firstNodeMs: round(first),
      allNodesMs: round(all),
      panFrameP95Ms: round(percentile(frames, 95)),
      panFrameP50Ms: round(percentile(frames, 50)),
      panFrames: frames.length,
    };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await baton.stop();
    await baton.cleanup();
  }
}
