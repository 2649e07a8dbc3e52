/**
 * Lays out the shipped flows and playbooks in this folder with the editor's own auto-layout (ELK,
 * outputs as ordered ports, long flows wrapped into rows), so they open clean in the studio:
 *
 *   npm run playbooks:layout            # every *.json here
 *   npm run playbooks:layout -- FILE…   # some of them
 *
 * (Run by tsx, not type-checked with the server: it borrows the studio's browser-side layout code.)
 * Node sizes are estimated from what a card shows (kind, title, up to three summary lines, one row
 * per output); `tests/browser/studio-shipped-flows.test.ts` measures the real cards and fails on any
 * overlap, so an estimate that is too small shows up there.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FlowDocument, NodeKindDescription } from '@baton/schemas';
import { startTestBaton } from '../server/src/testing/harness.ts';
import { outputHandles } from '../studio/src/flow/handles.ts';
import { autoLayout } from '../studio/src/flow/layout.ts';
import { dataSummary } from '../studio/src/flow/summary.ts';

/** Card metrics (studio/src/styles/editor.css `.fnode`), with room to spare. */
const CARD = { width: 220, head: 30, title: 24, summaryLine: 17, output: 22, padding: 14 };
/** Wide enough to read a shipped flow at 1440×900 once fitted. */
const ASPECT_RATIO = 1.9;

export function estimatedSize(node: FlowDocument['nodes'][number], kind: NodeKindDescription | undefined) {
  const summary = dataSummary(node.data as Record<string, unknown>).length;
  const outputs = outputHandles(kind, node.data).length;
  return {
    width: CARD.width,
    height: CARD.head + CARD.title + summary * CARD.summaryLine + outputs * CARD.output + CARD.padding,
  };
}

export async function layoutFile(path: string, kinds: Map<string, NodeKindDescription>): Promise<number> {
  const doc = JSON.parse(await readFile(path, 'utf8')) as FlowDocument;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const moves = await autoLayout({
    graph: { nodes: doc.nodes, edges: doc.edges },
    aspectRatio: ASPECT_RATIO,
    size: (id) => {
      const node = byId.get(id);
      return node ? estimatedSize(node, kinds.get(node.type)) : { width: CARD.width, height: 90 };
    },
    handles: (id) => {
      const node = byId.get(id);
      return node ? outputHandles(kinds.get(node.type), node.data) : [];
    },
  });
  for (const move of moves) {
    if (move.type !== 'move-node') continue;
    const node = byId.get(move.id);
    if (node) node.position = { x: Math.round(move.position.x), y: Math.round(move.position.y) };
  }
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
  // The project's formatter decides how the JSON reads, as for every file.
  execFileSync(
    join(import.meta.dirname, '..', 'node_modules', '.bin', 'biome'),
    ['format', '--write', path],
    {
      stdio: 'ignore',
    },
  );
  return moves.length;
}

async function main(): Promise<void> {
  const dir = import.meta.dirname;
  const args = process.argv.slice(2);
  const files = args.length
    ? args
    : (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  // The kinds every module and plugin registers, as the studio gets them.
  const baton = await startTestBaton();
  try {
    const kinds = new Map(baton.services.engine.catalog().kinds.map((k) => [k.type, k]));
    for (const file of files)
      console.log(`${basename(file)}: ${await layoutFile(file, kinds)} nodes laid out`);
  } finally {
    await baton.close();
  }
}

await main();
