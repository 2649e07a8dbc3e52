import type { FlowChange } from './changes.ts';
import type { FlowGraph } from './graph.ts';
import type { OutputHandle } from './handles.ts';

/** Flows with more nodes than this may wrap. */
const WRAP_FROM = 12;

export interface LayoutInput {
  graph: FlowGraph;
  /** Width / height of the canvas: long chains wrap into rows to fill it rather than one thin line. */
  aspectRatio?: number;
  /** Measured node sizes (React Flow's), with a default for nodes not measured yet. */
  size(id: string): { width: number; height: number };
  handles(id: string): OutputHandle[];
}

/**
 * Left-to-right layered layout with ELK (elkjs, loaded on first use). Output handles are ELK ports
 * in their drawn order (FIXED_ORDER), so `true` stays above `false` and switch cases keep their
 * order: fewer crossings than a layout that only sees nodes. Long chains wrap into rows that
 * fill the canvas's shape.
 */
export async function autoLayout({
  graph,
  size,
  handles,
  aspectRatio = 1.6,
}: LayoutInput): Promise<FlowChange[]> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ports = new Set(graph.nodes.flatMap((n) => handles(n.id).map((h) => `${n.id}::out::${h.id}`)));
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
      // A short flow reads best on one line; a long chain wraps into rows to fill the canvas.
      ...(graph.nodes.length > WRAP_FROM
        ? {
            'elk.aspectRatio': String(aspectRatio),
            'elk.layered.wrapping.strategy': 'MULTI_EDGE',
            'elk.layered.wrapping.additionalEdgeSpacing': '30',
          }
        : {}),
    },
    children: graph.nodes.map((node) => {
      const { width, height } = size(node.id);
      const outputs = handles(node.id);
      return {
        id: node.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${node.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } },
          ...outputs.map((h, i) => ({
            id: `${node.id}::out::${h.id}`,
            layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(outputs.length - i) },
          })),
        ],
      };
    }),
    edges: graph.edges
      .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target))
      .map((edge) => {
        const port = `${edge.source}::out::${edge.sourceHandle}`;
        // An edge from an output the node does not have (yet) still pulls the layout.
        return {
          id: edge.id,
          sources: [ports.has(port) ? port : edge.source],
          targets: [`${edge.target}::in`],
        };
      }),
  });
  return (result.children ?? []).map((child) => ({
    type: 'move-node' as const,
    id: child.id,
    position: { x: child.x ?? 0, y: child.y ?? 0 },
  }));
}
