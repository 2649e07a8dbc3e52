import type { FlowNode, FlowValidationIssue, NodeKindDescription } from '@baton/schemas/types';
import type { Edge, Node } from '@xyflow/react';
import type { OutputHandle } from '../../../flow/handles.ts';
import type { DiffMark, NodeTrace } from '../../../flow/overlay.ts';

export interface CanvasNodeData extends Record<string, unknown> {
  node: FlowNode;
  kind: NodeKindDescription | undefined;
  handles: OutputHandle[];
  /** Outputs that edges leave by but the node does not have (drawn, marked, so the edge shows). */
  orphans: string[];
  issues: FlowValidationIssue[] | undefined;
  trace: NodeTrace | undefined;
  /** The path is shown and this node is not on it. */
  offPath: boolean;
  diff: DiffMark | undefined;
  replay: { draft: number; published: number } | undefined;
  /** Co-editors who have this node selected. */
  peers: { name: string; color: string }[] | undefined;
}

export type CanvasNode = Node<CanvasNodeData, 'baton'> | Node<CanvasNodeData, 'ghost'>;
export type CanvasEdge = Edge;
