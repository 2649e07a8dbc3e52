import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { edgesOf, LOCAL_ORIGIN, metaOf, nodesOf } from '../flow/ydoc.ts';

/**
 * Undo and redo of this editor's own changes (Y.UndoManager tracking only LOCAL_ORIGIN): undoing
 * never takes back what a co-editor did. Edits within 400 ms merge into one step.
 */
export function useUndoManager(doc: Y.Doc | undefined) {
  const manager = useMemo(
    () =>
      doc
        ? new Y.UndoManager([nodesOf(doc), edgesOf(doc), metaOf(doc)], {
            trackedOrigins: new Set([LOCAL_ORIGIN]),
            captureTimeout: 400,
          })
        : null,
    [doc],
  );
  const [state, setState] = useState({ canUndo: false, canRedo: false });

  useEffect(() => {
    if (!manager) return;
    const update = () => setState({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
    manager.on('stack-item-added', update);
    manager.on('stack-item-popped', update);
    manager.on('stack-cleared', update);
    update();
    return () => manager.destroy();
  }, [manager]);

  return {
    ...state,
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
    /** Ends the current step: the next change starts a new one. */
    stop: () => manager?.stopCapturing(),
  };
}
