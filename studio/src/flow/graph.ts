import type { FlowEdge, FlowNode } from '@baton/schemas/types';

/** What the editor draws: the live draft's name and elements (the `flow:<id>` document as JSON). */
export interface FlowGraph {
  name?: string;
  description?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface XY {
  x: number;
  y: number;
}

export type NodeData = Record<string, unknown>;

/**
 * What the studio calls a node wherever it names one — canvas title, inspector, validation messages,
 * traces: the label its author gave it, else its id (an unlabelled node's kind is shared by others).
 */
export function nodeName(node: Pick<FlowNode, 'id' | 'label'>): string {
  return node.label || node.id;
}
