import { draftElement, FLOW_EDGE_KEYS, FLOW_NODE_KEYS, FlowDraftRoots } from '@baton/schemas/flow';
import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import * as Y from 'yjs';
import type { FlowChange } from './changes.ts';
import type { FlowGraph } from './graph.ts';

/**
 * The `flow:<id>` document as the hub lays it out — one layout, shared with the server
 * (`@baton/schemas/flow`): `meta` (name, description), `nodes` and `edges`, each a Y.Map from element
 * id to a Y.Map of plain JSON fields, replaced whole on change. Moving a node and editing its data
 * touch different keys, so they merge.
 */
export const ROOTS = FlowDraftRoots;
export const NODE_KEYS = FLOW_NODE_KEYS;
export const EDGE_KEYS = FLOW_EDGE_KEYS;

/** The origin of this editor's own transactions: the only ones its undo manager tracks. */
export const LOCAL_ORIGIN = Symbol('studio-local');

export const nodesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOTS.nodes);
export const edgesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOTS.edges);
export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>(ROOTS.meta);

/** One element as JSON: its known fields, its id being its key. Null when it is not a map. */
export function readElement<T>(id: string, raw: unknown, keys: readonly string[]): T | null {
  return draftElement<T>(id, raw instanceof Y.Map ? raw.toJSON() : raw, keys);
}

export function readNode(id: string, raw: unknown): FlowNode | null {
  const node = readElement<FlowNode>(id, raw, NODE_KEYS);
  if (!node || typeof node.type !== 'string') return null;
  const position = node.position as { x?: unknown; y?: unknown } | undefined;
  node.position = {
    x: typeof position?.x === 'number' ? position.x : 0,
    y: typeof position?.y === 'number' ? position.y : 0,
  };
  if (!node.data || typeof node.data !== 'object') node.data = {};
  return node;
}

export function readEdge(id: string, raw: unknown): FlowEdge | null {
  const edge = readElement<FlowEdge>(id, raw, EDGE_KEYS);
  return edge && typeof edge.source === 'string' && typeof edge.target === 'string' ? edge : null;
}

export function readGraph(doc: Y.Doc): FlowGraph {
  const meta = metaOf(doc);
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  for (const [id, raw] of nodesOf(doc).entries()) {
    const node = readNode(id, raw);
    if (node) nodes.push(node);
  }
  for (const [id, raw] of edgesOf(doc).entries()) {
    const edge = readEdge(id, raw);
    if (edge) edges.push(edge);
  }
  const name = meta.get('name');
  const description = meta.get('description');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    nodes: nodes.sort((a, b) => a.id.localeCompare(b.id)),
    edges: edges.sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function elementMap(fields: Record<string, unknown>, keys: readonly string[]): Y.Map<unknown> {
  return new Y.Map<unknown>(keys.flatMap((k) => (fields[k] === undefined ? [] : [[k, fields[k]]])));
}

function setField(map: Y.Map<Y.Map<unknown>>, id: string, key: string, value: unknown): void {
  const inner = map.get(id);
  if (!(inner instanceof Y.Map)) return;
  if (value === undefined) inner.delete(key);
  else inner.set(key, value);
}

/** Applies changes as one transaction (one undo step, one update sent). */
export function applyChanges(doc: Y.Doc, changes: readonly FlowChange[], origin: unknown = LOCAL_ORIGIN) {
  if (!changes.length) return;
  const nodes = nodesOf(doc);
  const edges = edgesOf(doc);
  doc.transact(() => {
    for (const change of changes) {
      switch (change.type) {
        case 'add-node':
          nodes.set(change.node.id, elementMap(change.node as unknown as Record<string, unknown>, NODE_KEYS));
          break;
        case 'remove-node': {
          nodes.delete(change.id);
          for (const [edgeId, edge] of [...edges.entries()]) {
            const e = edge instanceof Y.Map ? edge : null;
            if (e && (e.get('source') === change.id || e.get('target') === change.id)) edges.delete(edgeId);
          }
          break;
        }
        case 'move-node':
          setField(nodes, change.id, 'position', {
            x: Math.round(change.position.x),
            y: Math.round(change.position.y),
          });
          break;
        case 'set-data':
          setField(nodes, change.id, 'data', change.data);
          break;
        case 'set-label':
          setField(nodes, change.id, 'label', change.label || undefined);
          break;
        case 'add-edge':
          if (nodes.has(change.edge.source) && nodes.has(change.edge.target)) {
            edges.set(
              change.edge.id,
              elementMap(change.edge as unknown as Record<string, unknown>, EDGE_KEYS),
            );
          }
          break;
        case 'remove-edge':
          edges.delete(change.id);
          break;
        case 'set-name':
          metaOf(doc).set('name', change.name);
          break;
        case 'replace': {
          const { graph } = change;
          const keepNodes = new Set(graph.nodes.map((n) => n.id));
          const keepEdges = new Set(graph.edges.map((e) => e.id));
          for (const id of [...nodes.keys()]) if (!keepNodes.has(id)) nodes.delete(id);
          for (const id of [...edges.keys()]) if (!keepEdges.has(id)) edges.delete(id);
          for (const node of graph.nodes) {
            const current = readNode(node.id, nodes.get(node.id));
            if (JSON.stringify(current) !== JSON.stringify(readNode(node.id, node))) {
              nodes.set(node.id, elementMap(node as unknown as Record<string, unknown>, NODE_KEYS));
            }
          }
          for (const edge of graph.edges) {
            edges.set(edge.id, elementMap(edge as unknown as Record<string, unknown>, EDGE_KEYS));
          }
          if (graph.name) metaOf(doc).set('name', graph.name);
          break;
        }
      }
    }
  }, origin);
}
