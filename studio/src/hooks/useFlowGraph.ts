import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { FlowGraph } from '../flow/graph.ts';
import { metaOf, ROOTS, readEdge, readNode } from '../flow/ydoc.ts';

const EMPTY: FlowGraph = { nodes: [], edges: [] };

/** Ids of the elements a batch of deep Y events touched (added, removed or changed inside). */
function touched(events: Y.YEvent<Y.AbstractType<unknown>>[], root: Y.Map<unknown>): Set<string> | null {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === root) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
    else return null;
  }
  return ids;
}

/**
 * The live draft as JSON, re-read when the Y document changes (local or remote), at most once per
 * frame. Elements that did not change keep their identity, so React (and React Flow's memoised
 * nodes) skip them: a 1,000-node flow re-renders the one node that moved.
 */
export function useFlowGraph(doc: Y.Doc | undefined): FlowGraph {
  const [graph, setGraph] = useState<FlowGraph>(EMPTY);

  useEffect(() => {
    if (!doc) return;
    const nodesMap = doc.getMap<unknown>(ROOTS.nodes);
    const edgesMap = doc.getMap<unknown>(ROOTS.edges);
    const meta = metaOf(doc);
    const nodes = new Map<string, FlowNode>();
    const edges = new Map<string, FlowEdge>();
    let dirtyNodes: Set<string> | null = null;
    let dirtyEdges: Set<string> | null = null;
    let frame = 0;

    const refresh = (
      cache: Map<string, unknown>,
      map: Y.Map<unknown>,
      ids: Set<string> | null,
      read: (id: string, raw: unknown) => unknown,
    ) => {
      const keys = ids ?? new Set([...cache.keys(), ...map.keys()]);
      for (const id of keys) {
        const element = map.has(id) ? read(id, map.get(id)) : null;
        if (element) cache.set(id, element);
        else cache.delete(id);
      }
    };
    const publish = () => {
      frame = 0;
      refresh(nodes, nodesMap, dirtyNodes, readNode);
      refresh(edges, edgesMap, dirtyEdges, readEdge);
      dirtyNodes = new Set();
      dirtyEdges = new Set();
      const name = meta.get('name');
      const description = meta.get('description');
      setGraph({
        ...(typeof name === 'string' ? { name } : {}),
        ...(typeof description === 'string' ? { description } : {}),
        nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
        edges: [...edges.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(publish);
    };
    const merge = (current: Set<string> | null, more: Set<string> | null) => {
      if (!current || !more) return null;
      for (const id of more) current.add(id);
      return current;
    };
    const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      dirtyNodes = merge(dirtyNodes, touched(events, nodesMap));
      schedule();
    };
    const onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      dirtyEdges = merge(dirtyEdges, touched(events, edgesMap));
      schedule();
    };
    nodesMap.observeDeep(onNodes);
    edgesMap.observeDeep(onEdges);
    meta.observe(schedule);
    publish();
    return () => {
      cancelAnimationFrame(frame);
      nodesMap.unobserveDeep(onNodes);
      edgesMap.unobserveDeep(onEdges);
      meta.unobserve(schedule);
    };
  }, [doc]);

  return graph;
}
