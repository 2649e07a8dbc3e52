import { outputHandles as handlesOf, type OutputHandle } from '@baton/schemas/flow';
import type { NodeKindDescription } from '@baton/schemas/types';

export { pointerGet } from '@baton/schemas/flow';
export type { OutputHandle };

/**
 * The output handles a node has, from its kind's output specs and its data — the server's own rule
 * (`@baton/schemas/flow`, which it validates edges with); a handle without a name cannot be drawn.
 */
export function outputHandles(kind: Pick<NodeKindDescription, 'outputs'> | undefined, data: unknown) {
  return handlesOf(kind, data).filter((h) => h.id !== '');
}
