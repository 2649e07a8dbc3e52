import { useCallback, useEffect, useRef } from 'react';
import type { FlowGraph } from '../flow/graph.ts';
import { useFitNow } from './useFitNow.ts';

/**
 * Zoom to fit once a change has reached the canvas: the graph follows the document a frame later
 * and React Flow takes the new positions when it renders, so fitting right after the change would
 * fit the old positions. `requestFit()` fits after the next graph update (or soon, if none comes).
 */
export function useFitAfterChange(graph: FlowGraph) {
  const fitNow = useFitNow();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fit = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    requestAnimationFrame(() => fitNow());
  }, [fitNow]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the graph changes, by design
  useEffect(() => {
    if (pending.current) fit();
  }, [graph, fit]);

  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  return useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(fit, 400);
  }, [fit]);
}
