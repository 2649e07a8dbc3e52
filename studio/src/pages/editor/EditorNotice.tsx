/** A message over the canvas (an import refused or done, a version published), until dismissed. */
export type Notice = { tone: 'error' | 'info'; title: string; lines: string[] };

export function EditorNotice({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
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
