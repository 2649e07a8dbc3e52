import { useCallback, useState } from 'react';

export interface EditorPanels {
  /** The node palette on the left. */
  palette: boolean;
  /** The inspector / simulate / versions panel on the right. */
  side: boolean;
}

const KEY = 'baton.editor.panels';
const OPEN: EditorPanels = { palette: true, side: true };

function read(): EditorPanels {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? { ...OPEN, ...(JSON.parse(raw) as Partial<EditorPanels>) } : OPEN;
  } catch {
    return OPEN;
  }
}

/**
 * Which editor panels are open, remembered across visits: on a laptop screen a person folds the
 * palette and the side panel away to give the canvas the room.
 */
export function useEditorPanels(): [EditorPanels, (panel: keyof EditorPanels, open?: boolean) => void] {
  const [panels, setPanels] = useState(read);
  const toggle = useCallback((panel: keyof EditorPanels, open?: boolean) => {
    setPanels((current) => {
      const next = { ...current, [panel]: open ?? !current[panel] };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Private mode: the choice lasts for this visit only.
      }
      return next;
    });
  }, []);
  return [panels, toggle];
}
