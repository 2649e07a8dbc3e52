import type { FileRef } from '@baton/schemas/types';
import { type DragEvent, useRef, useState } from 'react';
import { downloadFile, uploadFile } from '../../../api/files.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { useActorName } from '../../../hooks/useActorName.ts';
import { useYMapValues } from '../../../workspace/useYMapValues.ts';
import { useWorkspace } from '../../../workspace/WorkspaceContext.tsx';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Uploader({ file }: { file: FileRef }) {
  const name = useActorName(file.uploadedBy ?? { kind: 'user' });
  return <>{file.uploadedBy ? name : 'someone'}</>;
}

/** Files shared on the issue: drop them here (or pick), everyone sees them at once; download by name. */
export function Files({ issueId }: { issueId: string }) {
  const ws = useWorkspace();
  const files = useYMapValues<FileRef>(ws?.files).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const picker = useRef<HTMLInputElement>(null);

  const send = async (list: FileList | null) => {
    if (!list?.length) return;
    setError(null);
    for (const file of [...list]) {
      setBusy((b) => [...b, file.name]);
      try {
        await uploadFile(issueId, file);
      } catch (err) {
        setError(err);
      } finally {
        setBusy((b) => b.filter((n) => n !== file.name));
      }
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void send(event.dataTransfer.files);
  };

  return (
    <section className="ws-section" aria-label="Files">
      <h3 className="ws-title">Files</h3>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the button is the accessible way */}
      <div
        className={over ? 'dropzone dropzone-over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span>Drop files here or</span>
        <button type="button" className="button button-small" onClick={() => picker.current?.click()}>
          choose…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Choose files"
          onChange={(e) => void send(e.target.files)}
        />
      </div>
      {busy.length > 0 && <p className="muted small">Uploading {busy.join(', ')}…</p>}
      {Boolean(error) && <ErrorNotice error={error} title="Upload failed" compact />}
      {files.length === 0 && busy.length === 0 && <p className="muted small">No files shared yet.</p>}
      <ul className="file-list">
        {files.map((file) => (
          <li key={file.sha256} className="file">
            <button
              type="button"
              className="file-name link-button"
              onClick={() => void downloadFile(file).catch(setError)}
              title={`Download ${file.name}`}
            >
              {file.name}
            </button>
            <span className="muted small">
              {size(file.size)} · <Uploader file={file} /> · <RelativeTime iso={file.uploadedAt} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
