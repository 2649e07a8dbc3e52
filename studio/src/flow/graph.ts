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
