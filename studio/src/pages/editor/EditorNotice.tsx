import { useEffect, useRef } from 'react';

/** A message over the canvas (an import refused or done, a version published), until dismissed. */
export type Notice = { tone: 'error' | 'info'; title: string; lines: string[] };

/** Information goes away by itself after this long; errors stay until dismissed. */
const INFO_MS = 8000;

export function EditorNotice({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (notice.tone !== 'info') return;
    const timer = setTimeout(() => dismiss.current(), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div
      className={`notice ${notice.tone === 'error' ? 'notice-error' : 'notice-info'} editor-notice`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <div className="notice-body">
        <strong className="notice-title">{notice.title}</strong>
        <ul className="notice-errors">
          {notice.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
