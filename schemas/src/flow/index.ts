/**
 * The flow contracts the server and the studio share, browser-safe (no Node APIs, no Ajv): which
 * output handles a node has, and how a live `flow:<id>` draft is laid out in its Yjs document. The
 * server validates edges and reads drafts with these; the studio draws handles and edits drafts with
 * the same code, so the two cannot drift apart.
 */
import type { NodeOutputSpec } from '../../generated/types.ts';

/** A JSON pointer read (RFC 6901); undefined when the path does not exist. */
export function pointerGet(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export interface OutputHandle {
  id: string;
  /** What the editor shows on the handle: the spec's label, the item's label field, else the id. */
  label: string;
}

/**
 * The output handles a node has, from its kind's output specs and its data: fixed handles (shown
 * only `when` a data field holds one of some values), and one handle per item of a data array
 * (`forEach`, the id in `handleField`).
 */
export function outputHandles(
  kind: { readonly outputs: readonly NodeOutputSpec[] } | undefined,
  data: unknown,
): OutputHandle[] {
  const handles: OutputHandle[] = [];
  for (const spec of kind?.outputs ?? []) {
    if (spec.forEach) {
      const items = pointerGet(data, spec.forEach);
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        const id = spec.handleField ? pointerGet(item, `/${spec.handleField}`) : item;
        if (typeof id !== 'string') continue;
        const label = spec.labelField ? pointerGet(item, `/${spec.labelField}`) : undefined;
        handles.push({ id, label: typeof label === 'string' && label ? label : id });
      }
      continue;
    }
    if (!spec.handle) continue;
    if (spec.when) {
      const value = pointerGet(data, spec.when.pointer);
      const shown = spec.when.in ? spec.when.in.some((v) => v === value) : value !== undefined;
      if (!shown) continue;
    }
    handles.push({ id: spec.handle, label: spec.label ?? spec.handle });
  }
  return handles;
}

/**
 * The `flow:<id>` document: `meta` (name, description), `nodes` and `edges`, each a Y.Map from
 * element id to a Y.Map of plain JSON fields, replaced whole on change — moving a node and editing
 * its data touch different keys, so concurrent edits merge.
 */
export const FLOW_DOCUMENT_PREFIX = 'flow';
export const flowDocumentName = (flowId: string) => `${FLOW_DOCUMENT_PREFIX}:${flowId}`;
export const FlowDraftRoots = { meta: 'meta', nodes: 'nodes', edges: 'edges' } as const;
export const FLOW_META_KEYS = ['name', 'description'] as const;
export const FLOW_NODE_KEYS = ['id', 'type', 'label', 'position', 'data'] as const;
export const FLOW_EDGE_KEYS = ['id', 'source', 'sourceHandle', 'target', 'targetHandle'] as const;

/**
 * One element of a draft as JSON (its inner map already turned into an object): its known fields,
 * its id being its key. Null when it is not an object.
 */
export function draftElement<T>(id: string, value: unknown, keys: readonly string[]): T | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const element: Record<string, unknown> = {};
  for (const key of keys) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) element[key] = field;
  }
  element.id = id;
  return element as T;
}
