import { useRef } from 'react';
import type { FlowChange } from '../flow/changes.ts';
import { fragmentOf, parseFragment, pasteChanges, serializeFragment } from '../flow/clipboard.ts';
import type { FlowGraph } from '../flow/graph.ts';

const PASTE_OFFSET = { x: 40, y: 40 };

/**
 * Copy, cut, paste and duplicate of the selected nodes (with the edges between them). What is
 * copied is also returned as text for the system clipboard, so it pastes into another flow or tab;
 * each paste of the same copy lands a little further off, with fresh ids.
 */
export function useFlowClipboard(options: {
  graph: FlowGraph;
  selected: string[];
  readOnly: boolean;
  change(changes: FlowChange[]): void;
  /** Starts a new undo step (a paste is undone on its own). */
  newStep(): void;
  select(nodeIds: string[]): void;
}) {
  const copied = useRef<string | null>(null);
  const pastes = useRef(0);
  const { graph, selected, readOnly, change, newStep, select } = options;

  const copy = () => {
    if (!selected.length) return null;
    const text = serializeFragment(fragmentOf(graph, new Set(selected)));
    copied.current = text;
    pastes.current = 0;
    return text;
  };

  const paste = (text?: string) => {
    if (readOnly) return;
    const fragment =
      (text ? parseFragment(text) : null) ?? (copied.current ? parseFragment(copied.current) : null);
    if (!fragment) return;
    pastes.current += 1;
    const n = pastes.current;
    const { changes, nodeIds } = pasteChanges(fragment, { x: PASTE_OFFSET.x * n, y: PASTE_OFFSET.y * n });
    newStep();
    change(changes);
    select(nodeIds);
  };

  const cut = () => {
    const text = copy();
    if (text && !readOnly) change(selected.map((id) => ({ type: 'remove-node' as const, id })));
    return text;
  };

  const duplicate = () => {
    if (copy()) paste();
  };

  return { copy, cut, paste, duplicate };
}
