import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import type { FlowGraph } from './graph.ts';

/** What a flow file holds: a FlowDocument (or a version's or record's wrapping of one). */
export interface FlowFile extends FlowGraph {
  name: string;
  kind: 'flow' | 'playbook';
}

export type ParseResult = { ok: true; flow: FlowFile } | { ok: false; problems: string[] };

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a flow file and says precisely what is wrong with it, never half-loading one: a file that
 * is not JSON, not a flow, or holds broken elements is refused as a whole with every problem listed.
 * (Whether its kinds, conditions and edges make sense is the server's validation, shown live.)
 */
export function parseFlowFile(text: string, fallbackName = 'Imported flow'): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The file is not JSON: ${(error as Error).message}`] };
  }
  if (isObject(json) && isObject(json.document)) json = json.document;
  else if (isObject(json) && isObject(json.draft)) json = json.draft;
  if (!isObject(json))
    return { ok: false, problems: ['The file does not hold a flow (expected a JSON object).'] };
  const problems: string[] = [];
  if (!Array.isArray(json.nodes)) problems.push('It has no "nodes" list, so it is not a Baton flow.');
  if (!Array.isArray(json.edges)) problems.push('It has no "edges" list, so it is not a Baton flow.');
  if (problems.length) return { ok: false, problems };

  const nodes: FlowNode[] = [];
  const nodeIds = new Set<string>();
  for (const [i, raw] of (json.nodes as unknown[]).entries()) {
    const at = `Node ${i + 1}`;
    if (!isObject(raw)) {
      problems.push(`${at} is not an object.`);
      continue;
    }
    const { id, type, position, data, label } = raw;
    if (typeof id !== 'string' || !ID.test(id)) {
      problems.push(`${at} has no valid "id".`);
      continue;
    }
    if (nodeIds.has(id)) {
      problems.push(`${at}: the id "${id}" is used twice.`);
      continue;
    }
    if (typeof type !== 'string' || !type) {
      problems.push(`${at} (${id}) has no "type".`);
      continue;
    }
    if (!isObject(position) || typeof position.x !== 'number' || typeof position.y !== 'number') {
      problems.push(`${at} (${id}) has no "position" with numbers x and y.`);
      continue;
    }
    if (data !== undefined && !isObject(data)) {
      problems.push(`${at} (${id}): "data" must be an object.`);
      continue;
    }
    nodeIds.add(id);
    nodes.push({
      id,
      type,
      position: { x: position.x, y: position.y },
      data: (data as Record<string, unknown> | undefined) ?? {},
      ...(typeof label === 'string' ? { label } : {}),
    });
  }
  const edges: FlowEdge[] = [];
  const edgeIds = new Set<string>();
  for (const [i, raw] of (json.edges as unknown[]).entries()) {
    const at = `Edge ${i + 1}`;
    if (!isObject(raw)) {
      problems.push(`${at} is not an object.`);
      continue;
    }
    const { id, source, sourceHandle, target, targetHandle } = raw;
    if (typeof id !== 'string' || !ID.test(id)) {
      problems.push(`${at} has no valid "id".`);
      continue;
    }
    if (edgeIds.has(id)) {
      problems.push(`${at}: the id "${id}" is used twice.`);
      continue;
    }
    if (typeof source !== 'string' || typeof target !== 'string') {
      problems.push(`${at} (${id}) needs "source" and "target" node ids.`);
      continue;
    }
    if (!nodeIds.has(source) || !nodeIds.has(target)) {
      problems.push(`${at} (${id}) connects a node that is not in the file.`);
      continue;
    }
    if (typeof sourceHandle !== 'string' || !sourceHandle) {
      problems.push(`${at} (${id}) has no "sourceHandle" (which output it leaves by).`);
      continue;
    }
    edgeIds.add(id);
    edges.push({
      id,
      source,
      sourceHandle,
      target,
      ...(typeof targetHandle === 'string' ? { targetHandle } : {}),
    });
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };
  return {
    ok: true,
    flow: {
      name: typeof json.name === 'string' && json.name.trim() ? json.name : fallbackName,
      kind: json.kind === 'playbook' ? 'playbook' : 'flow',
      ...(typeof json.description === 'string' ? { description: json.description } : {}),
      nodes,
      edges,
    },
  };
}

/** The file a flow is exported as: a FlowDocument without its id (it gets a new one on import). */
export function flowFileText(flow: FlowFile): string {
  const { name, kind, description, nodes, edges } = flow;
  return `${JSON.stringify({ name, kind, ...(description ? { description } : {}), version: 0, nodes, edges }, null, 2)}\n`;
}

export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fileNameFor(name: string): string {
  return `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'flow'
  }.flow.json`;
}
