import type { NodeKindCatalog, NodeKindDescription } from '@baton/schemas/types';
import {
  Background,
  BackgroundVariant,
  type Connection,
  ConnectionLineType,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, useCallback, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { kindStyle } from '../../../flow/categories.ts';
import type { FlowChange } from '../../../flow/changes.ts';
import type { FlowGraph, XY } from '../../../flow/graph.ts';
import { outputHandles } from '../../../flow/handles.ts';
import { newId, uniqueLabel } from '../../../flow/ids.ts';
import type { Overlay } from '../../../flow/overlay.ts';
import { applyChanges } from '../../../flow/ydoc.ts';
import { useCanvasEdges } from '../../../hooks/useCanvasEdges.ts';
import { useCanvasNodes } from '../../../hooks/useCanvasNodes.ts';
import { useLandingPositions } from '../../../hooks/useLandingPositions.ts';
import type { ValidationIndex } from '../../../hooks/useLiveValidation.ts';
import type { Peer, PresenceState } from '../../../hooks/usePresence.ts';
import { defaultData } from '../palette/defaultData.ts';
import { PALETTE_MIME } from '../palette/paletteMime.ts';
import { FlowNodeCard } from './FlowNodeCard.tsx';
import { PeerCursors } from './PeerCursors.tsx';
import { QuickAddMenu } from './QuickAddMenu.tsx';
import { ReadableInitialView } from './ReadableInitialView.tsx';
import { RoleLanes } from './RoleLanes.tsx';
import type { CanvasEdge, CanvasNode } from './types.ts';

const nodeTypes = { baton: FlowNodeCard, ghost: FlowNodeCard };
const DELETE_KEYS = ['Delete', 'Backspace'];

export interface Selection {
  nodes: string[];
  edges: string[];
}

interface Props {
  doc: Y.Doc;
  graph: FlowGraph;
  catalog: NodeKindCatalog;
  readOnly: boolean;
  validation: ValidationIndex;
  overlay: Overlay;
  peers: Peer[];
  share(fields: Partial<PresenceState>, now?: boolean): void;
  selection: Selection;
  onSelectionChange(selection: Selection): void;
}

/**
 * The canvas: React Flow over the live draft. The Y document is the truth — gestures become
 * FlowChanges applied to it (drags on drop); selections, pointer and drags in flight go out through
 * awareness, and co-editors' come in the same way.
 */
export function Canvas({
  doc,
  graph,
  catalog,
  readOnly,
  validation,
  overlay,
  peers,
  share,
  selection,
  onSelectionChange,
}: Props) {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const kinds = useMemo(
    () => new Map<string, NodeKindDescription>(catalog.kinds.map((k) => [k.type, k])),
    [catalog],
  );
  const [localDrag, setLocalDrag] = useState<Map<string, XY>>(new Map());
  const [measured, setMeasured] = useState<Map<string, { width: number; height: number }>>(new Map());
  const [quickAdd, setQuickAdd] = useState<{
    screen: XY;
    at: XY;
    from: { nodeId: string; handleId: string };
  } | null>(null);
  const dragRef = useRef(localDrag);
  dragRef.current = localDrag;

  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const liveDrags = useMemo(() => {
    const merged = new Map<string, XY>();
    for (const peer of peers) for (const [id, pos] of Object.entries(peer.drag ?? {})) merged.set(id, pos);
    for (const [id, pos] of localDrag) merged.set(id, pos);
    return merged;
  }, [peers, localDrag]);
  const dragging = useLandingPositions(liveDrags, graph.nodes);

  const nodes = useCanvasNodes({
    nodes: graph.nodes,
    edges: graph.edges,
    kinds,
    selected: selectedNodes,
    dragging,
    measured,
    validation,
    overlay,
    peers,
    readOnly,
  });
  const edges = useCanvasEdges(graph.edges, selectedEdges, validation, overlay, readOnly);

  const change = useCallback((changes: FlowChange[]) => applyChanges(doc, changes), [doc]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let select: Set<string> | null = null;
      let sizes: Map<string, { width: number; height: number }> | null = null;
      let drag: Map<string, XY> | null = null;
      const commit: FlowChange[] = [];
      for (const c of changes) {
        if (c.type === 'select') {
          select ??= new Set(selectedNodes);
          if (c.selected) select.add(c.id);
          else select.delete(c.id);
        } else if (c.type === 'dimensions' && c.dimensions) {
          sizes ??= new Map(measured);
          sizes.set(c.id, c.dimensions);
        } else if (c.type === 'position') {
          drag ??= new Map(dragRef.current);
          if (c.dragging && c.position) {
            drag.set(c.id, c.position);
          } else {
            const final = c.position ?? drag.get(c.id);
            if (final) commit.push({ type: 'move-node', id: c.id, position: final });
            drag.delete(c.id);
          }
        }
      }
      if (sizes) setMeasured(sizes);
      if (select) {
        const nodesNow = [...select];
        onSelectionChange({ nodes: nodesNow, edges: selection.edges });
        share({ selection: nodesNow }, true);
      }
      if (drag) {
        dragRef.current = drag;
        setLocalDrag(drag);
        if (commit.length) {
          // Dropped: commit to the document, then clear the live drag everyone saw.
          change(commit);
          share({ drag: drag.size ? Object.fromEntries(drag) : null }, true);
        } else {
          share({ drag: Object.fromEntries(drag) });
        }
      }
    },
    [selectedNodes, measured, onSelectionChange, selection.edges, share, change],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      let select: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'select') {
          select ??= new Set(selectedEdges);
          if (c.selected) select.add(c.id);
          else select.delete(c.id);
        }
      }
      if (select) onSelectionChange({ nodes: selection.nodes, edges: [...select] });
    },
    [selectedEdges, onSelectionChange, selection.nodes],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: goneEdges }: { nodes: CanvasNode[]; edges: CanvasEdge[] }) => {
      change([
        ...goneEdges.map((e) => ({ type: 'remove-edge' as const, id: e.id })),
        ...gone.filter((n) => n.type === 'baton').map((n) => ({ type: 'remove-node' as const, id: n.id })),
      ]);
      onSelectionChange({ nodes: [], edges: [] });
    },
    [change, onSelectionChange],
  );

  const isValidConnection = useCallback(
    (connection: Connection | CanvasEdge) => {
      const source = graph.nodes.find((n) => n.id === connection.source);
      const target = graph.nodes.find((n) => n.id === connection.target);
      if (!source || !target) return false;
      const targetKind = kinds.get(target.type);
      if (targetKind?.category === 'trigger') return false;
      const sourceKind = kinds.get(source.type);
      if (source.id === target.id && !sourceKind?.pauses) return false;
      return outputHandles(sourceKind, source.data).some((h) => h.id === connection.sourceHandle);
    },
    [graph.nodes, kinds],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle) return;
      // An output takes one edge: connecting it again moves the edge.
      const replaced = graph.edges.filter(
        (e) => e.source === connection.source && e.sourceHandle === connection.sourceHandle,
      );
      change([
        ...replaced.map((e) => ({ type: 'remove-edge' as const, id: e.id })),
        {
          type: 'add-edge',
          edge: {
            id: newId('edge'),
            source: connection.source,
            sourceHandle: connection.sourceHandle,
            target: connection.target,
          },
        },
      ]);
    },
    [graph.edges, change],
  );

  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (readOnly || state.isValid || !state.fromNode || state.fromHandle?.type !== 'source') return;
      if (!state.fromHandle.id) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      // Only a drop on empty canvas (not on a node that refused the connection) offers a new node.
      const under = document.elementFromPoint(point.clientX, point.clientY);
      if (!under?.closest('.react-flow') || under.closest('.react-flow__node')) return;
      setQuickAdd({
        screen: { x: point.clientX, y: point.clientY },
        at: flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        from: { nodeId: state.fromNode.id, handleId: state.fromHandle.id },
      });
    },
    [readOnly, flow],
  );

  const addConnected = useCallback(
    (kind: NodeKindDescription) => {
      if (!quickAdd) return;
      const id = newId(kind.type);
      const replaced = graph.edges.filter(
        (e) => e.source === quickAdd.from.nodeId && e.sourceHandle === quickAdd.from.handleId,
      );
      change([
        ...replaced.map((e) => ({ type: 'remove-edge' as const, id: e.id })),
        {
          type: 'add-node',
          node: {
            id,
            type: kind.type,
            label: uniqueLabel(kind.title, graph.nodes),
            position: { x: quickAdd.at.x, y: quickAdd.at.y - 30 },
            data: defaultData(kind),
          },
        },
        {
          type: 'add-edge',
          edge: {
            id: newId('edge'),
            source: quickAdd.from.nodeId,
            sourceHandle: quickAdd.from.handleId,
            target: id,
          },
        },
      ]);
      setQuickAdd(null);
      onSelectionChange({ nodes: [id], edges: [] });
      share({ selection: [id] }, true);
    },
    [quickAdd, graph, change, onSelectionChange, share],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      const kind = kinds.get(type);
      if (!kind || readOnly) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = newId(kind.type);
      change([
        {
          type: 'add-node',
          node: {
            id,
            type: kind.type,
            label: uniqueLabel(kind.title, graph.nodes),
            position: { x: at.x - 90, y: at.y - 30 },
            data: defaultData(kind),
          },
        },
      ]);
      onSelectionChange({ nodes: [id], edges: [] });
      share({ selection: [id] }, true);
    },
    [kinds, readOnly, flow, change, onSelectionChange, share, graph.nodes],
  );

  const onMouseMove = useCallback(
    (event: MouseEvent) =>
      share({ cursor: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) }),
    [flow, share],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: drops from the palette and the pointer shared with co-editors; React Flow inside is the interactive element
    <div
      className="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onMouseMove={onMouseMove}
      onMouseLeave={() => share({ cursor: null })}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        connectionLineType={ConnectionLineType.SmoothStep}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        colorMode="system"
        aria-label="Flow canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <RoleLanes nodes={graph.nodes} measured={measured} />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeColor={(n) => kindStyle((n.data as { kind?: NodeKindDescription }).kind).color}
          nodeStrokeWidth={2}
        />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <PeerCursors peers={peers} />
        <ReadableInitialView />
      </ReactFlow>
      {quickAdd && (
        <QuickAddMenu
          kinds={catalog.kinds.filter((k) => k.category !== 'trigger')}
          at={quickAdd.screen}
          onPick={addConnected}
          onClose={() => setQuickAdd(null)}
        />
      )}
      {graph.nodes.length === 0 && (
        <div className="canvas-empty" aria-live="polite">
          <strong>An empty flow</strong>
          <span>
            {readOnly
              ? 'Nothing has been drawn yet.'
              : 'Drag a Trigger from the palette to say which events start it, then add what happens next.'}
          </span>
        </div>
      )}
    </div>
  );
}
