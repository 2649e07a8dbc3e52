/** The editor's keyboard shortcuts, as the help overlay lists them (Mod: Ctrl, or ⌘ on a Mac). */
export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Drag from palette', what: 'Add a node (or focus a palette item and press Enter)' },
  { keys: 'Drag an output to empty canvas', what: 'Pick the next node; it is added already connected' },
  { keys: 'Click · Mod+Click · Shift+Drag', what: 'Select · add to selection · select an area' },
  { keys: 'Mod+A', what: 'Select all nodes' },
  { keys: 'Delete / Backspace', what: 'Delete the selection' },
  { keys: 'Mod+C · Mod+X · Mod+V', what: 'Copy · cut · paste (also between flows and tabs)' },
  { keys: 'Mod+D', what: 'Duplicate the selection' },
  { keys: 'Mod+Z · Mod+Shift+Z / Mod+Y', what: 'Undo · redo (your own changes only)' },
  { keys: 'Shift+L', what: 'Auto-layout' },
  { keys: 'Shift+F', what: 'Zoom to fit' },
  { keys: '[ · ]', what: 'Hide or show the node palette · the side panel' },
  { keys: 'Mod+Enter', what: 'Publish…' },
  { keys: 'Escape', what: 'Clear the selection, close panels' },
  { keys: '?', what: 'This help' },
];
