import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

export interface FitOptions {
  /** Only these nodes (default: all). */
  nodeIds?: readonly string[];
  /** Default 1: fitting never blows a small flow up past its real size. */
  maxZoom?: number;
  /** Default 0.2 of the canvas on each side. */
  padding?: number;
  /** Default 250 ms. */
  duration?: number;
}

/**
 * Fits the view to the flow (or some of its nodes) now, from where the nodes are and how big they
 * are this moment.
 *
 * Why not `fitView`: React Flow queues that until it next updates its nodes, and on this canvas —
 * whose nodes come from the shared document — that update can come late (an import that left every
 * node where it was): CI's editor screenshot caught an imported flow still half behind the side
 * panel. Nodes not measured yet (just added) still go through `fitView`, which waits for their
 * sizes.
 */
export function useFitNow(): (options?: FitOptions) => void {
  const rf = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (options: FitOptions = {}) => {
      const { nodeIds, maxZoom = 1, padding = 0.2, duration = 250 } = options;
      const wanted = nodeIds ? new Set(nodeIds) : null;
      const nodes = rf.getNodes().filter((n) => !wanted || wanted.has(n.id));
      if (!nodes.length) return;
      const { width, height, minZoom } = store.getState();
      const measured = nodes.every((n) => n.measured?.width && n.measured.height);
      if (!measured || !width || !height) {
        void rf.fitView({ nodes: nodes.map((n) => ({ id: n.id })), maxZoom, padding, duration });
        return;
      }
      const bounds = rf.getNodesBounds(nodes);
      void rf.setViewport(getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding), {
        duration,
      });
    },
    [rf, store],
  );
}
