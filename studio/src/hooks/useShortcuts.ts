import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** A key ("r"), or two in sequence ("g w"). */
  keys: string;
  description: string;
  run(): void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Single-key shortcuts for the page, never while typing and never with Ctrl/⌘/Alt (those belong to the
 * browser). Two-key sequences ("g w") allow a second key within a second.
 */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    let pending: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = event.key;
      const sequence = pending ? `${pending} ${key}` : key;
      const match = latest.current.find((s) => s.keys === sequence);
      if (match) {
        event.preventDefault();
        pending = null;
        match.run();
        return;
      }
      if (latest.current.some((s) => s.keys.startsWith(`${key} `))) {
        pending = key;
        clearTimeout(timer);
        timer = setTimeout(() => {
          pending = null;
        }, 1000);
      } else {
        pending = null;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, []);
}
