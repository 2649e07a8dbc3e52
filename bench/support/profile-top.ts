/**
 * Prints the top functions of a V8 `.cpuprofile` (as written by bench/support/cpu-profile.mjs), by
 * self time, or with `--total` by inclusive time (each function counted once per sample):
 * `node --import tsx bench/support/profile-top.ts FILE [N] [--total]`.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const args = process.argv.slice(2);
const total = args.includes('--total');
const [file, n = '40'] = args.filter((a) => a !== '--total');
if (!file) throw new Error('usage: profile-top.ts FILE [N] [--total]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const keyOf = (node: Node) => {
  const frame = node.callFrame;
  const where = frame.url.replace(/^.*\/(node_modules|server\/src)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${where}`;
};
const busy = profile.samples.filter((id) => keyOf(byId.get(id)!) !== '(idle) ');
const hits = new Map<string, number>();
for (const id of busy) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = total ? parent.get(at) : undefined) {
    const key = keyOf(byId.get(at)!);
    if (seen.has(key)) continue;
    seen.add(key);
    hits.set(key, (hits.get(key) ?? 0) + 1);
  }
}
console.log(`${busy.length} busy samples of ${profile.samples.length}`);
for (const [key, count] of [...hits].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
  console.log(`${((100 * count) / busy.length).toFixed(1).padStart(5)} %  ${key}`);
}
