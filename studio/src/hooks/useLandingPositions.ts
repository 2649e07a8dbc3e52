import type { FlowNode } from '@baton/schemas/types';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { XY } from '../flow/graph.ts';

/** How long a dropped position is held at most while the document catches up. */
const HOLD_MS = 1500;

const same = (a: XY, b: XY) => Math.round(a.x) === Math.round(b.x) && Math.round(a.y) === Math.round(b.y);

/**
 * Positions of nodes being dragged (here or by co-editors), held after the drop until the document
 * shows the node there. A drag's end reaches the canvas before the moved position does (presence
 * is not stored, the document is), so without this a dropped node would jump back for a moment.
 */
export function useLandingPositions(
  live: ReadonlyMap<string, XY>,
  nodes: FlowNode[],
): ReadonlyMap<string, XY> {
  const previous = useRef<ReadonlyMap<string, XY>>(new Map());
  const [landing, setLanding] = useState<Map<string, { at: XY; until: number }>>(new Map());

  // Nodes that were dragged a moment ago and no longer are: hold their last position.
  useEffect(() => {
    const dropped = [...previous.current].filter(([id]) => !live.has(id));
    previous.current = live;
    if (!dropped.length) return;
    setLanding((current) => {
      const next = new Map(current);
      for (const [id, at] of dropped) next.set(id, { at, until: Date.now() + HOLD_MS });
      return next;
    });
  }, [live]);

  // Let go of each once the document has it there (or it took too long).
  useEffect(() => {
    if (!landing.size) return;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const now = Date.now();
    const settled = [...landing].filter(([id, { at, until }]) => {
      const node = byId.get(id);
      return !node || same(node.position, at) || until < now;
    });
    if (settled.length) {
      setLanding((current) => {
        const next = new Map(current);
        for (const [id] of settled) next.delete(id);
        return next;
      });
      return;
    }
    const timer = setTimeout(() => setLanding((current) => new Map(current)), HOLD_MS);
    return () => clearTimeout(timer);
  }, [landing, nodes]);

  return useMemo(() => {
    if (!landing.size) return live;
    const merged = new Map<string, XY>();
    for (const [id, { at }] of landing) merged.set(id, at);
    for (const [id, at] of live) merged.set(id, at);
    return merged;
  }, [live, landing]);
}
