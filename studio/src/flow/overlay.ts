import type {
  FlowDiff,
  FlowEdge,
  FlowEffect,
  FlowNode,
  FlowReplayReport,
  FlowRunError,
  FlowRunStatus,
  FlowRunWaiting,
  TraceStep,
} from '@baton/schemas/types';

/** A run's path as the canvas shows it: a simulation of the draft, or a stored run of a version. */
export interface TraceOverlay {
  type: 'trace';
  source: 'simulation' | 'run';
  title: string;
  status: FlowRunStatus;
  path: string[];
  steps: TraceStep[];
  effects: FlowEffect[];
  outcome?: string;
  waiting?: FlowRunWaiting;
  error?: FlowRunError;
}

/** What a version changed against the draft: removed elements are drawn as ghosts from the version. */
export interface DiffOverlay {
  type: 'diff';
  version: number;
  diff: FlowDiff;
  removedNodes: FlowNode[];
  removedEdges: FlowEdge[];
}

export interface ReplayOverlay {
  type: 'replay';
  report: FlowReplayReport;
}

/** What is laid over the canvas (one at a time). */
export type Overlay = { type: 'none' } | TraceOverlay | DiffOverlay | ReplayOverlay;

export const NO_OVERLAY: Overlay = { type: 'none' };

export interface NodeTrace {
  /** 1-based positions in the path (a node passed twice in a loop shows both). */
  order: number[];
  steps: TraceStep[];
  effects: FlowEffect[];
}

/** Per node: where it sits in the path, its steps and effects. */
export function traceByNode(trace: TraceOverlay): Map<string, NodeTrace> {
  const out = new Map<string, NodeTrace>();
  const get = (id: string) => {
    let entry = out.get(id);
    if (!entry) {
      entry = { order: [], steps: [], effects: [] };
      out.set(id, entry);
    }
    return entry;
  };
  for (const [i, id] of trace.path.entries()) get(id).order.push(i + 1);
  for (const step of trace.steps) get(step.nodeId).steps.push(step);
  for (const effect of trace.effects) get(effect.nodeId).effects.push(effect);
  return out;
}

/** Edges the run took: from a step's node by the handle it took, to the next node of the path. */
export function takenEdges(trace: TraceOverlay, edges: readonly FlowEdge[]): Set<string> {
  const taken = new Set<string>();
  for (const step of trace.steps) {
    if (!step.handle) continue;
    for (const edge of edges)
      if (edge.source === step.nodeId && edge.sourceHandle === step.handle) taken.add(edge.id);
  }
  return taken;
}

export type DiffMark = 'added' | 'changed' | 'removed';

export function diffMarks(overlay: DiffOverlay) {
  const nodes = new Map<string, DiffMark>();
  const edges = new Map<string, DiffMark>();
  const { diff } = overlay;
  for (const id of diff.nodes.added) nodes.set(id, 'added');
  for (const { id } of diff.nodes.changed) nodes.set(id, 'changed');
  for (const id of diff.nodes.removed) nodes.set(id, 'removed');
  for (const id of diff.edges.added) edges.set(id, 'added');
  for (const { id } of diff.edges.changed) edges.set(id, 'changed');
  for (const id of diff.edges.removed) edges.set(id, 'removed');
  return { nodes, edges };
}
