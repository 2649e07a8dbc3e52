/**
 * The shape of server/src, pinned: each top-level folder is a module, an import that crosses into
 * another folder is an edge, and the graph has no cycle. Without this the seams drift back into a
 * knot one convenient import at a time (issue 11). Type-only imports count too: a type is a contract.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'fixtures' || name === 'node_modules') continue;
      out.push(...sourceFiles(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** The module a path under server/src belongs to: its top-level folder, or `.` for files at the root. */
function moduleOf(path: string): string {
  const rel = relative(root, path);
  return rel.includes(sep) ? (rel.split(sep)[0] as string) : '.';
}

/** module → the modules it imports from (production code only; tests may reach anywhere). */
export function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const specifier = /\bfrom\s+'(\.{1,2}\/[^']+)'|\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;
  for (const file of sourceFiles(root)) {
    const from = moduleOf(file);
    if (from === '.') continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
      const target = resolve(dirname(file), (match[1] ?? match[2]) as string);
      if (!target.startsWith(root + sep)) continue;
      const to = moduleOf(target);
      if (to !== from && to !== '.') edges.add(to);
    }
  }
  return graph;
}

/** Every cycle's members (strongly connected components of more than one module), by Tarjan. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indexes.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexes.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexes.get(w)!));
    }
    if (low.get(v) === indexes.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexes.has(v)) visit(v);
  return out;
}

describe('server/src module graph', () => {
  const graph = importGraph();

  it('has no import cycle between modules', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps routing below sla, handoffs and escalation', () => {
    const reached = [...(graph.get('routing') ?? [])].filter((m) =>
      ['sla', 'handoffs', 'escalation'].includes(m),
    );
    expect(reached).toEqual([]);
  });

  it('keeps the foundations free of domain modules', () => {
    // The lowest layer: what every module may use, and which uses none of them.
    const foundations = ['shared', 'store', 'events', 'http', 'calendar'];
    for (const module of foundations) {
      const above = [...(graph.get(module) ?? [])].filter((m) => !foundations.includes(m));
      expect({ module, imports: above }).toEqual({ module, imports: [] });
    }
  });
});
