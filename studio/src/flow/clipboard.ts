import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import type { FlowChange } from './changes.ts';
import type { FlowGraph } from './graph.ts';
import { newId } from './ids.ts';

const MIME = 'application/x-baton-flow';

/** The selection as a clipboard fragment: its nodes and the edges between them. */
export function fragmentOf(graph: FlowGraph, nodeIds: ReadonlySet<string>): FlowGraph {
  return {
    nodes: graph.nodes.filter((n) => nodeIds.has(n.id)),
    edges: graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)),
  };
}

export function serializeFragment(fragment: FlowGraph): string {
  return JSON.stringify({ [MIME]: 1, nodes: fragment.nodes, edges: fragment.edges });
}

export function parseFragment(text: string): FlowGraph | null {
  try {
    const value = JSON.parse(text) as { nodes?: FlowNode[]; edges?: FlowEdge[] } & Record<string, unknown>;
    if (value?.[MIME] !== 1 || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return null;
    return { nodes: value.nodes, edges: value.edges };
  } catch {
    return null;
  }
}

/** Changes that paste a fragment with fresh ids, shifted by `offset`; returns the new node ids too. */
export function pasteChanges(fragment: FlowGraph, offset: { x: number; y: number }) {
  const ids = new Map<string, string>();
  const changes: FlowChange[] = [];
  for (const node of fragment.nodes) {
    const id = newId(node.type);
    ids.set(node.id, id);
    changes.push({
      type: 'add-node',
      node: {
        ...structuredClone(node),
        id,
        position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      },
    });
  }
  for (const edge of fragment.edges) {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    if (source && target)
      changes.push({ type: 'add-edge', edge: { ...edge, id: newId('edge'), source, target } });
  }
  return { changes, nodeIds: [...ids.values()] };
}
