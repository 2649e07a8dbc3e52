/**
 * Flow validation a person can act on, shared by the studio (`POST /api/flows/validate`), every save
 * and every publish. Each issue names its node or edge, carries a JSON pointer into the document and
 * says what to do. Errors block publishing; warnings (unreachable nodes, unconnected outputs) do not.
 */
import type { FlowEdge, FlowNode, FlowValidationIssue, FlowValidationReport } from '@baton/schemas';
import type { ErrorObject } from 'ajv';
import type { ConditionEngine } from '../engine/conditions.ts';
import { type NodeKindRegistry, outputHandles, pointerGet } from '../engine/registry.ts';
import type { TriggerRegistry } from '../engine/triggers.ts';
import { fieldErrors } from '../http/validation.ts';

export interface ValidationDeps {
  kinds: NodeKindRegistry;
  conditions: ConditionEngine;
  triggers: TriggerRegistry;
}

export interface FlowGraph {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
}

export function validateFlow(graph: FlowGraph, deps: ValidationDeps): FlowValidationReport {
  const issues: FlowValidationIssue[] = [];
  const error = (i: Omit<FlowValidationIssue, 'severity'>) => issues.push({ severity: 'error', ...i });
  const warning = (i: Omit<FlowValidationIssue, 'severity'>) => issues.push({ severity: 'warning', ...i });

  // Nodes: unique ids, known kinds, data matching the kind's schema and checks.
  const nodeIndex = new Map<string, number>();
  /** Output handles per node, when its kind and data are known good enough to say. */
  const handles = new Map<string, string[]>();
  const triggers: number[] = [];
  graph.nodes.forEach((node, i) => {
    if (nodeIndex.has(node.id)) {
      error({
        code: 'duplicate-id',
        nodeId: node.id,
        pointer: `/nodes/${i}/id`,
        message: `node id "${node.id}" is used by two nodes; give each node its own id`,
      });
      return;
    }
    nodeIndex.set(node.id, i);
    const kind = deps.kinds.get(node.type);
    if (!kind) {
      const known = deps.kinds.describe().map((k) => k.type);
      error({
        code: 'unknown-kind',
        nodeId: node.id,
        pointer: `/nodes/${i}/type`,
        message: `node ${node.id} has kind "${node.type}", which is not registered (known: ${known.join(', ')})`,
      });
      return;
    }
    if (kind.category === 'trigger') triggers.push(i);
    const schemaErrors = pruneConditionErrors(deps.kinds.validateData(node.type, node.data), node.data);
    if (schemaErrors.length) {
      for (const e of fieldErrors(`nodes/${i}/data`, schemaErrors)) {
        error({
          code: 'invalid-data',
          nodeId: node.id,
          pointer: e.pointer,
          message: `node ${node.id} (${node.type}): ${e.pointer.slice(`/nodes/${i}/data`.length) || 'data'} ${e.detail}`,
        });
      }
      return;
    }
    for (const p of kind.check?.(node.data, {
      conditions: deps.conditions,
      isTriggerEvent: (t) => deps.triggers.has(t),
    }) ?? []) {
      error({
        code: p.code,
        nodeId: node.id,
        pointer: `/nodes/${i}/data${p.pointer}`,
        message: `node ${node.id} (${node.type}): ${p.message}`,
      });
    }
    handles.set(node.id, outputHandles(kind, node.data));
  });

  if (triggers.length === 0) {
    error({
      code: 'no-trigger',
      pointer: '/nodes',
      message: 'the flow has no trigger node; add one to say which events start it',
    });
  }
  for (const i of triggers.slice(1)) {
    const node = graph.nodes[i]!;
    error({
      code: 'multiple-triggers',
      nodeId: node.id,
      pointer: `/nodes/${i}`,
      message: `node ${node.id} is a second trigger; a flow has exactly one (list several events in the first one instead)`,
    });
  }

  // Edges: both ends exist, the source has that output, one edge per output.
  const edgeIds = new Set<string>();
  const taken = new Map<string, string>();
  const adjacency = new Map<string, Array<{ target: string; edge: number }>>();
  graph.edges.forEach((edge, j) => {
    if (edgeIds.has(edge.id)) {
      error({
        code: 'duplicate-id',
        edgeId: edge.id,
        pointer: `/edges/${j}/id`,
        message: `edge id "${edge.id}" is used by two edges`,
      });
      return;
    }
    edgeIds.add(edge.id);
    let dangling = false;
    for (const end of ['source', 'target'] as const) {
      if (!nodeIndex.has(edge[end])) {
        dangling = true;
        error({
          code: 'dangling-edge',
          edgeId: edge.id,
          pointer: `/edges/${j}/${end}`,
          message: `edge ${edge.id} ${end === 'source' ? 'starts at' : 'points to'} node "${edge[end]}", which does not exist; reconnect or delete the edge`,
        });
      }
    }
    if (dangling) return;
    const targetNode = graph.nodes[nodeIndex.get(edge.target)!]!;
    if (deps.kinds.get(targetNode.type)?.category === 'trigger') {
      error({
        code: 'edge-into-trigger',
        edgeId: edge.id,
        nodeId: targetNode.id,
        pointer: `/edges/${j}/target`,
        message: `edge ${edge.id} points into the trigger ${targetNode.id}; a trigger has no input`,
      });
      return;
    }
    const outputs = handles.get(edge.source);
    if (outputs && !outputs.includes(edge.sourceHandle)) {
      error({
        code: 'unknown-handle',
        edgeId: edge.id,
        nodeId: edge.source,
        pointer: `/edges/${j}/sourceHandle`,
        message: `edge ${edge.id} leaves node ${edge.source} by output "${edge.sourceHandle}", which it does not have (${outputs.length ? `outputs: ${outputs.join(', ')}` : 'it has no outputs'})`,
      });
      return;
    }
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    const first = taken.get(key);
    if (first) {
      error({
        code: 'duplicate-handle',
        edgeId: edge.id,
        nodeId: edge.source,
        pointer: `/edges/${j}/sourceHandle`,
        message: `output "${edge.sourceHandle}" of node ${edge.source} already leads through edge ${first}; an output takes one edge`,
      });
      return;
    }
    taken.set(key, edge.id);
    const list = adjacency.get(edge.source) ?? [];
    list.push({ target: edge.target, edge: j });
    adjacency.set(edge.source, list);
  });

  for (const [nodeId, outputs] of handles) {
    for (const handle of outputs) {
      if (!taken.has(`${nodeId}\u0000${handle}`)) {
        warning({
          code: 'unconnected-handle',
          nodeId,
          pointer: `/nodes/${nodeIndex.get(nodeId)}`,
          message: `output "${handle}" of node ${nodeId} leads nowhere; runs taking it end there`,
        });
      }
    }
  }

  // Cycles: every cycle must pass a node that parks the run (a wait), or a run would loop forever.
  for (const component of stronglyConnected([...nodeIndex.keys()], adjacency)) {
    const inside = new Set(component);
    const loops =
      component.length > 1 || (adjacency.get(component[0]!) ?? []).some((a) => a.target === component[0]);
    if (!loops) continue;
    const pauses = component.some((id) => deps.kinds.get(graph.nodes[nodeIndex.get(id)!]!.type)?.pauses);
    if (pauses) continue;
    const ordered = component.sort((a, b) => nodeIndex.get(a)! - nodeIndex.get(b)!);
    const first = ordered[0]!;
    const closing = graph.edges.findIndex((e) => inside.has(e.source) && e.target === first);
    error({
      code: 'cycle-without-wait',
      nodeId: first,
      ...(closing >= 0 ? { edgeId: graph.edges[closing]!.id } : {}),
      pointer: closing >= 0 ? `/edges/${closing}` : `/nodes/${nodeIndex.get(first)}`,
      message: `nodes ${ordered.join(' → ')} form a cycle with no wait in it, so a run would loop forever; add a wait node to the cycle or break it${closing >= 0 ? ` (e.g. edge ${graph.edges[closing]!.id})` : ''}`,
    });
  }

  // Reachability from the trigger.
  const start = triggers[0];
  if (start !== undefined) {
    const seen = new Set<string>([graph.nodes[start]!.id]);
    const queue = [graph.nodes[start]!.id];
    while (queue.length) {
      for (const { target } of adjacency.get(queue.shift()!) ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    for (const [id, i] of nodeIndex) {
      if (!seen.has(id) && deps.kinds.get(graph.nodes[i]!.type)?.category !== 'trigger') {
        warning({
          code: 'unreachable-node',
          nodeId: id,
          pointer: `/nodes/${i}`,
          message: `node ${id} cannot be reached from the trigger; connect it or delete it`,
        });
      }
    }
  }

  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return { valid: errors.length === 0, errors, warnings };
}

const CONDITION_KEYS = [
  'all',
  'any',
  'not',
  'fact',
  'operator',
  'value',
  'path',
  'params',
  'name',
  'priority',
];

/**
 * A condition is a oneOf (all / any / not / fact leaf), so Ajv reports a failing condition once per
 * branch ("all is required", "any is required", "fact is not a known field", …). Keep only what the
 * branch its keys choose says: a leaf missing `value` reads "value is required", nothing more.
 */
function pruneConditionErrors(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const conditions = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf') continue;
    const value = pointerGet(data, e.instancePath);
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const keys = Object.keys(value);
    if (!keys.some((k) => CONDITION_KEYS.includes(k))) continue;
    conditions.set(e.instancePath, ['all', 'any', 'not'].find((k) => keys.includes(k)) ?? 'fact');
  }
  if (!conditions.size) return errors;
  const kept = errors.filter((e) => {
    const branch = conditions.get(e.instancePath);
    if (!branch) return true;
    const p = e.params as { missingProperty?: string; additionalProperty?: string };
    if (e.keyword === 'required') {
      return branch === 'fact' && ['fact', 'operator', 'value'].includes(p.missingProperty ?? '');
    }
    if (e.keyword === 'additionalProperties') return !CONDITION_KEYS.includes(p.additionalProperty ?? '');
    return true;
  });
  return kept.length ? kept : errors;
}

/** Tarjan's strongly connected components (iterative, so deep graphs cannot overflow the stack). */
function stronglyConnected(nodes: string[], adjacency: Map<string, Array<{ target: string }>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = adjacency.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!.target;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        out.push(component);
      }
    }
  }
  return out;
}
