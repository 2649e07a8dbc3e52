import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/** Below this zoom a card's text is too small to read at 1440×900. */
export const READABLE_ZOOM = 0.6;
const PAD = 40;

/**
 * The first view of a flow: all of it when it fits at a readable zoom; otherwise its start (the
 * left and top of the graph, where the trigger is) at a readable zoom — the minimap shows the
 * rest, and “Fit” (Shift+F) still shows everything at once.
 */
export function ReadableInitialView() {
  const rf = useReactFlow();
  const initialized = useNodesInitialized();
  const done = useRef(false);
  // An empty flow has no first view to choose: the person's first drops must not move the canvas.
  useEffect(() => {
    if (rf.getNodes().length === 0) done.current = true;
  }, [rf]);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    const nodes = rf.getNodes();
    const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
    if (!nodes.length || !pane) return;
    const bounds = rf.getNodesBounds(nodes);
    const fits = Math.min(
      (pane.width - 2 * PAD) / Math.max(bounds.width, 1),
      (pane.height - 2 * PAD) / Math.max(bounds.height, 1),
    );
    if (fits >= READABLE_ZOOM) {
      void rf.fitView({ padding: 0.2, maxZoom: 1 });
      return;
    }
    // From the start (left); centred top to bottom when the flow is no taller than the canvas.
    const height = bounds.height * READABLE_ZOOM;
    const top = height < pane.height - 2 * PAD ? (pane.height - height) / 2 : PAD;
    void rf.setViewport({
      x: PAD - bounds.x * READABLE_ZOOM,
      y: top - bounds.y * READABLE_ZOOM,
      zoom: READABLE_ZOOM,
    });
  }, [initialized, rf]);
  return null;
}
