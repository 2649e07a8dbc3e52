import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { edgesOf, LOCAL_ORIGIN, metaOf, nodesOf } from '../flow/ydoc.ts';

/**
 * Undo and redo of this editor's own changes (Y.UndoManager tracking only LOCAL_ORIGIN): undoing
 * never takes back what a co-editor did. Edits within 400 ms merge into one step.
 */
export function useUndoManager(doc: Y.Doc | undefined) {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [state, setState] = useState({ canUndo: false, canRedo: false });

  useEffect(() => {
    if (!doc) return;
    const undo = new Y.UndoManager([nodesOf(doc), edgesOf(doc), metaOf(doc)], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 400,
    });
    const update = () => setState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    undo.on('stack-item-added', update);
    undo.on('stack-item-popped', update);
    undo.on('stack-cleared', update);
    setManager(undo);
    update();
    return () => {
      undo.destroy();
      setManager(null);
    };
  }, [doc]);

  return {
    ...state,
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
    /** Ends the current step: the next change starts a new one. */
    stop: () => manager?.stopCapturing(),
  };
}
