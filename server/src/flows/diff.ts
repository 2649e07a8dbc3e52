/** What changed between two flow documents, element by element, by stable id. */
import type { FlowDiff, FlowDocument, FlowElementChanges } from '@baton/schemas';

/** At most this many changed fields are listed per element. */
const MAX_FIELDS = 50;

export function diffFlows(
  flowId: string,
  from: { version: number; doc: Pick<FlowDocument, 'nodes' | 'edges'> },
  to: { version: number; doc: Pick<FlowDocument, 'nodes' | 'edges'> },
): FlowDiff {
  return {
    flowId,
    from: from.version,
    to: to.version,
    nodes: diffElements(from.doc.nodes, to.doc.nodes),
    edges: diffElements(from.doc.edges, to.doc.edges),
  };
}

function diffElements<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): FlowElementChanges {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const changes: FlowElementChanges = { added: [], removed: [], changed: [] };
  for (const [id, element] of now) {
    const previous = old.get(id);
    if (!previous) {
      changes.added.push(id);
      continue;
    }
    const fields: string[] = [];
    changedPointers(previous, element, '', fields);
    if (fields.length) changes.changed.push({ id, fields });
  }
  for (const id of old.keys()) if (!now.has(id)) changes.removed.push(id);
  return changes;
}

/** JSON pointers where two JSON values differ, as deep as they differ (arrays of different length: the array). */
function changedPointers(a: unknown, b: unknown, at: string, out: string[]): void {
  if (out.length >= MAX_FIELDS || a === b) return;
  const objects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!objects || Array.isArray(a) !== Array.isArray(b)) {
    out.push(at || '/');
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(at || '/');
      return;
    }
    for (const [i, item] of a.entries()) changedPointers(item, b[i], `${at}/${i}`, out);
    return;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    changedPointers(left[key], right[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
}
