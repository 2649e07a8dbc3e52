import type { FlowEdge, FlowNode, NodeKindDescription } from '@baton/schemas/types';
import { useMemo, useRef } from 'react';
import type { XY } from '../flow/graph.ts';
import { outputHandles } from '../flow/handles.ts';
import { diffMarks, type Overlay, traceByNode } from '../flow/overlay.ts';
import type { CanvasNode, CanvasNodeData } from '../pages/editor/canvas/types.ts';
import type { ValidationIndex } from './useLiveValidation.ts';
import type { Peer } from './usePresence.ts';

export interface CanvasNodeInputs {
  nodes: FlowNode[];
  edges: FlowEdge[];
  kinds: Map<string, NodeKindDescription>;
  selected: ReadonlySet<string>;
  /** Positions of nodes being dragged here or by a co-editor (not yet in the document). */
  dragging: ReadonlyMap<string, XY>;
  measured: ReadonlyMap<string, { width: number; height: number }>;
  validation: ValidationIndex;
  overlay: Overlay;
  peers: Peer[];
  readOnly: boolean;
}

interface Cached {
  deps: unknown[];
  node: CanvasNode;
}

const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * React Flow nodes from the live draft plus everything laid over it (selection, drags in flight,
 * validation, the simulated path, a diff, replay counts, co-editors' selections). A node whose
 * inputs did not change keeps its object, so React Flow re-renders only what changed.
 */
export function useCanvasNodes(inputs: CanvasNodeInputs): CanvasNode[] {
  const cache = useRef(new Map<string, Cached>());
  const { nodes, edges, kinds, selected, dragging, measured, validation, overlay, peers, readOnly } = inputs;

  // Outputs edges leave by, per node: an edge from an output the node does not have (a removed
  // switch case) still gets drawn, from a marked handle, so its error can be seen and fixed.
  const usedOutputs = useMemo(() => {
    const out = new Map<string, string>();
    for (const edge of edges) out.set(edge.source, `${out.get(edge.source) ?? ''}\u0000${edge.sourceHandle}`);
    return out;
  }, [edges]);

  const traces = useMemo(() => (overlay.type === 'trace' ? traceByNode(overlay) : null), [overlay]);
  const marks = useMemo(() => (overlay.type === 'diff' ? diffMarks(overlay) : null), [overlay]);
  const replay = useMemo(() => {
    if (overlay.type !== 'replay') return null;
    return new Map(overlay.report.nodes.map((n) => [n.nodeId, { draft: n.draft, published: n.published }]));
  }, [overlay]);
  const peerSelections = useMemo(() => {
    const out = new Map<string, { name: string; color: string }[]>();
    for (const peer of peers) {
      for (const id of peer.selection ?? []) out.set(id, [...(out.get(id) ?? []), peer.user]);
    }
    return out;
  }, [peers]);

  return useMemo(() => {
    const next = new Map<string, Cached>();
    const out: CanvasNode[] = [];
    const build = (node: FlowNode, type: 'baton' | 'ghost') => {
      const kind = kinds.get(node.type);
      const position = dragging.get(node.id) ?? node.position;
      const peerList = peerSelections.get(node.id);
      const peerKey = peerList?.map((p) => p.name + p.color).join('|') ?? '';
      const deps = [
        node,
        kind,
        selected.has(node.id),
        position.x,
        position.y,
        measured.get(node.id),
        validation.byNode.get(node.id),
        traces?.get(node.id),
        Boolean(traces && !traces.has(node.id)),
        marks?.nodes.get(node.id),
        replay?.get(node.id),
        peerKey,
        readOnly,
        type,
        usedOutputs.get(node.id),
      ];
      const hit = cache.current.get(node.id);
      if (hit && same(hit.deps, deps)) {
        next.set(node.id, hit);
        out.push(hit.node);
        return;
      }
      const handles = outputHandles(kind, node.data);
      const used = usedOutputs.get(node.id)?.split('\u0000').filter(Boolean) ?? [];
      const data: CanvasNodeData = {
        node,
        kind,
        handles,
        orphans: [...new Set(used.filter((h) => !handles.some((o) => o.id === h)))],
        issues: validation.byNode.get(node.id),
        trace: traces?.get(node.id),
        offPath: Boolean(traces && !traces.has(node.id)),
        diff: marks?.nodes.get(node.id),
        replay: replay?.get(node.id),
        peers: peerList,
      };
      const size = measured.get(node.id);
      const built = {
        id: node.id,
        type,
        position: { x: position.x, y: position.y },
        data,
        selected: selected.has(node.id),
        ...(size ? { measured: size } : {}),
        ...(type === 'ghost' || readOnly
          ? { draggable: false, connectable: false, deletable: false, selectable: type !== 'ghost' }
          : {}),
      } as CanvasNode;
      const entry = { deps, node: built };
      next.set(node.id, entry);
      out.push(built);
    };
    for (const node of nodes) build(node, 'baton');
    if (overlay.type === 'diff')
      for (const node of overlay.removedNodes) build({ ...node, id: node.id }, 'ghost');
    cache.current = next;
    return out;
  }, [
    nodes,
    kinds,
    selected,
    dragging,
    measured,
    validation,
    traces,
    marks,
    replay,
    peerSelections,
    readOnly,
    overlay,
    usedOutputs,
  ]);
}
