import type { NodeKindDescription } from '@baton/schemas/types';

export interface OutputHandle {
  id: string;
  label: string;
}

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

/**
 * The output handles a node has, from its kind's output specs and its data — the same rules the
 * server validates edges with (server/src/engine/registry.ts `outputHandles`), with labels.
 */
export function outputHandles(kind: Pick<NodeKindDescription, 'outputs'> | undefined, data: unknown) {
  const handles: OutputHandle[] = [];
  for (const spec of kind?.outputs ?? []) {
    if (spec.forEach) {
      const items = pointerGet(data, spec.forEach);
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        const id = spec.handleField ? pointerGet(item, `/${spec.handleField}`) : item;
        if (typeof id !== 'string' || !id) continue;
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
