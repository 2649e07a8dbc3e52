import type { NodeKindDescription } from '@baton/schemas/types';
import { useReactFlow } from '@xyflow/react';
import type { FlowChange } from '../flow/changes.ts';
import type { FlowGraph } from '../flow/graph.ts';
import { outputHandles } from '../flow/handles.ts';
import { autoLayout } from '../flow/layout.ts';

/** Lays the draft out with ELK (measured node sizes, handles as ordered ports), as one undo step. */
export function useAutoLayout(options: {
  graph: FlowGraph;
  kinds: Map<string, NodeKindDescription>;
  readOnly: boolean;
  change(changes: FlowChange[]): void;
  newStep(): void;
  /** Fits the view once the moves reached the canvas. */
  fitAfter(): void;
}) {
  const rf = useReactFlow();
  const { graph, kinds, readOnly, change, newStep, fitAfter } = options;
  return async () => {
    if (readOnly || !graph.nodes.length) return;
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const moves = await autoLayout({
      graph,
      ...(box?.height ? { aspectRatio: box.width / box.height } : {}),
      size: (id) => {
        const m = rf.getInternalNode(id)?.measured;
        return { width: m?.width ?? 220, height: m?.height ?? 90 };
      },
      handles: (id) => {
        const node = graph.nodes.find((n) => n.id === id);
        return node ? outputHandles(kinds.get(node.type), node.data) : [];
      },
    });
    newStep();
    change(moves);
    fitAfter();
  };
}
