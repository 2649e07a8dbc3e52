import { useEffect, useRef } from 'react';

export interface EditorActions {
  undo(): void;
  redo(): void;
  /** Copies the selection; returns it as clipboard text (null when nothing is selected). */
  copy(): string | null;
  cut(): string | null;
  /** Pastes `text` from the system clipboard when given, else what this editor copied last. */
  paste(text?: string): void;
  duplicate(): void;
  selectAll(): void;
  layout(): void;
  fit(): void;
  publish(): void;
  help(): void;
  escape(): void;
  togglePalette(): void;
  toggleSidePanel(): void;
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    Boolean(el.closest('dialog'))
  );
}

/**
 * The editor's keyboard shortcuts (listed in shortcuts.ts), off while typing in a field. Copy and
 * paste use the clipboard events, so the system clipboard carries nodes between tabs and flows;
 * a paste that brings no clipboard event (some embedded browsers) falls back to the last copy.
 */
export function useEditorShortcuts(actions: EditorActions, enabled: boolean) {
  const ref = useRef(actions);
  ref.current = actions;

  useEffect(() => {
    if (!enabled) return;
    let pasteFallback: ReturnType<typeof setTimeout> | null = null;
    let copied: string | null = null;
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const a = ref.current;
      const run = (fn: () => void) => {
        event.preventDefault();
        fn();
      };
      if (mod && key === 'z' && !event.shiftKey) return run(a.undo);
      if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) return run(a.redo);
      if (mod && key === 'a') return run(a.selectAll);
      if (mod && key === 'd') return run(a.duplicate);
      if (mod && key === 'enter') return run(a.publish);
      if (mod && key === 'c') {
        copied = a.copy();
        return;
      }
      if (mod && key === 'x') {
        copied = a.cut();
        return;
      }
      if (mod && key === 'v') {
        pasteFallback = setTimeout(() => {
          pasteFallback = null;
          ref.current.paste();
        }, 60);
        return;
      }
      if (mod || event.altKey) return;
      if (event.shiftKey && key === 'l') return run(a.layout);
      if (event.shiftKey && key === 'f') return run(a.fit);
      if (event.key === '?') return run(a.help);
      if (event.key === '[') return run(a.togglePalette);
      if (event.key === ']') return run(a.toggleSidePanel);
      if (event.key === 'Escape') return a.escape();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (typingIn(event.target) || window.getSelection()?.toString()) return;
      // The copy itself happened on keydown; put the same fragment on the system clipboard.
      if (copied && event.clipboardData) {
        event.clipboardData.setData('text/plain', copied);
        event.preventDefault();
      }
    };
    const onPaste = (event: ClipboardEvent) => {
      if (typingIn(event.target)) return;
      if (pasteFallback) {
        clearTimeout(pasteFallback);
        pasteFallback = null;
      }
      event.preventDefault();
      ref.current.paste(event.clipboardData?.getData('text/plain') || undefined);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      if (pasteFallback) clearTimeout(pasteFallback);
    };
  }, [enabled]);
}
