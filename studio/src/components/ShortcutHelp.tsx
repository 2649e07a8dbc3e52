import { useEffect, useRef } from 'react';
import type { Shortcut } from '../hooks/useShortcuts.ts';

/** "?" shows what the keys do on this page. */
export function ShortcutHelp({ shortcuts, onClose }: { shortcuts: readonly Shortcut[]; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog ref={ref} className="dialog" aria-label="Keyboard shortcuts" onClose={onClose}>
      <h2 className="dialog-title">Keyboard shortcuts</h2>
      <dl className="shortcut-list">
        {shortcuts.map((s) => (
          <div key={s.keys} className="shortcut-row">
            <dt>
              {s.keys.split(' ').map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
        <div className="shortcut-row">
          <dt>
            <kbd>Ctrl</kbd>
            <kbd>Enter</kbd>
          </dt>
          <dd>Send the reply or note you are writing</dd>
        </div>
      </dl>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
