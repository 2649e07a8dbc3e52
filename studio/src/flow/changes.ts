import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import type { FlowGraph, NodeData, XY } from './graph.ts';

/**
 * Every edit the studio makes to a flow draft, as a discriminated union (xyflow style). The canvas,
 * inspector, clipboard, import and version restore all speak it; {@link applyChanges} turns a list
 * of them into one Yjs transaction, so one gesture is one undo step and one update on the wire.
 */
export type FlowChange =
  | { type: 'add-node'; node: FlowNode }
  | { type: 'remove-node'; id: string }
  | { type: 'move-node'; id: string; position: XY }
  | { type: 'set-data'; id: string; data: NodeData }
  | { type: 'set-label'; id: string; label: string | undefined }
  | { type: 'add-edge'; edge: FlowEdge }
  | { type: 'remove-edge'; id: string }
  | { type: 'set-name'; name: string }
  | { type: 'replace'; graph: FlowGraph };
