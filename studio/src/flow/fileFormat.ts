import { createFlowFileValidators, describeErrors, type FlowFileValidators } from '@baton/schemas/flow-file';
import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import type { ErrorObject } from 'ajv';
import type { FlowGraph } from './graph.ts';

/** What a flow file holds: a FlowDocument (or a version's or record's wrapping of one). */
export interface FlowFile extends FlowGraph {
  name: string;
  kind: 'flow' | 'playbook';
}

export type ParseResult = { ok: true; flow: FlowFile } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 20;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Compiled once, on the first import: the schema never changes while the page runs. */
let validators: FlowFileValidators | undefined;

/** A node as a person knows it: by its label (shortened), else by its place in the file. */
function nodeName(raw: unknown, index: number): string {
  const label = isObject(raw) && typeof raw.label === 'string' ? raw.label.trim() : '';
  if (!label) return `Node ${index + 1}`;
  return `The node "${label.length > 60 ? `${label.slice(0, 59)}…` : label}"`;
}

/** "The node "X" has no kind." / "The node "X": "label" is longer than 200 characters." */
function sentence(who: string, problem: string): string {
  return `${who}${problem.startsWith('"') ? ':' : ''} ${problem}.`;
}

/** The same problems with their paths inside a field of the document (e.g. `/name`). */
function under(field: string, errors: readonly ErrorObject[] | null | undefined): ErrorObject[] {
  return (errors ?? []).map((e) => ({ ...e, instancePath: `/${field}${e.instancePath}` }));
}

/**
 * Reads a flow file and says precisely what is wrong with it, never half-loading one: a file that
 * is not JSON, not a flow, or holds elements the server's flow schema refuses is refused as a whole
 * with every problem listed, each naming the node (by its label) and the field. (Whether its kinds,
 * conditions and edges make sense is the server's validation, shown live once it is loaded.)
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
  validators ??= createFlowFileValidators();
  const check = validators;

  // The document's own fields: a missing or empty name takes the file's name, a missing kind is a flow.
  const name = typeof json.name === 'string' && json.name.trim() ? json.name : fallbackName;
  for (const [field, value, validate] of [
    ['name', name, check.name],
    ['kind', json.kind ?? 'flow', check.kind],
    ['description', json.description ?? '', check.description],
  ] as const) {
    if (!validate(value))
      for (const p of describeErrors(under(field, validate.errors))) problems.push(`The file's ${p}.`);
  }

  const nodes: FlowNode[] = [];
  /** Nodes loaded, and every node with an id (a connection to a refused node says nothing more). */
  const names = new Map<string, string>();
  const named = new Map<string, string>();
  for (const [i, raw] of (json.nodes as unknown[]).entries()) {
    const who = nodeName(raw, i);
    if (isObject(raw) && typeof raw.id === 'string' && !named.has(raw.id)) named.set(raw.id, who);
    // A node without settings gets empty ones, as the editor makes them.
    const node = isObject(raw) ? structuredClone({ data: {}, ...raw }) : raw;
    if (!check.node(node)) {
      for (const p of describeErrors(check.node.errors)) problems.push(sentence(who, p));
      continue;
    }
    const valid = node as FlowNode;
    const twin = names.get(valid.id);
    if (twin) {
      problems.push(
        `${who} has the same id as ${twin.replace(/^The/, 'the')} ("${valid.id}"); each node needs its own.`,
      );
      continue;
    }
    names.set(valid.id, who);
    nodes.push(valid);
  }

  const edges: FlowEdge[] = [];
  const edgeIds = new Set<string>();
  const ends = (id: unknown) =>
    typeof id === 'string' ? names.get(id)?.replace(/^The node /, '') : undefined;
  for (const [i, raw] of (json.edges as unknown[]).entries()) {
    const from = isObject(raw) ? ends(raw.source) : undefined;
    const to = isObject(raw) ? ends(raw.target) : undefined;
    const who =
      from && to
        ? `The connection from ${from} to ${to}`
        : from
          ? `A connection from ${from}`
          : `Connection ${i + 1}`;
    const edge = isObject(raw) ? structuredClone(raw) : raw;
    if (!check.edge(edge)) {
      for (const p of describeErrors(check.edge.errors)) problems.push(sentence(who, p));
      continue;
    }
    const valid = edge as FlowEdge;
    const refused = (id: string) => named.has(id) && !names.has(id);
    if (refused(valid.source) || refused(valid.target)) continue;
    if (edgeIds.has(valid.id)) {
      problems.push(`${who} has the same id as another connection ("${valid.id}"); each needs its own.`);
      continue;
    }
    if (!names.has(valid.source) || !names.has(valid.target)) {
      problems.push(
        `${who} leads ${names.has(valid.source) ? 'to' : 'from'} a node that is not in the file.`,
      );
      continue;
    }
    edgeIds.add(valid.id);
    edges.push(valid);
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return {
    ok: true,
    flow: {
      name,
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
