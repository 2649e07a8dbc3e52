import type { FlowVersion } from '@baton/schemas/types';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { usePublishFlow } from '../../../hooks/usePublishFlow.ts';

interface Props {
  flowId: string;
  errorCount: number | null;
  onClose(): void;
  onPublished(version: FlowVersion): void;
}

/** Publish the live draft with a note; optionally make it the version that runs. */
export function PublishDialog({ flowId, errorCount, onClose, onPublished }: Props) {
  const [note, setNote] = useState('');
  const [enable, setEnable] = useState(true);
  const publish = usePublishFlow(flowId);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label="Publish" onClose={onClose}>
      <form
        method="dialog"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          publish.mutate(
            { note: note.trim(), enable },
            {
              onSuccess: (version) => {
                onPublished(version);
                ref.current?.close();
              },
            },
          );
        }}
      >
        <h2 className="dialog-title">Publish the draft</h2>
        <p className="muted small">
          The draft as everyone sees it now is frozen as the next version. Runs in progress keep the version
          they started on.
        </p>
        {errorCount ? (
          <p className="notice notice-error notice-compact">
            The draft has {errorCount} error(s); the server will refuse it until they are fixed.
          </p>
        ) : null}
        <label className="field">
          <span className="field-label">What changed (note)</span>
          <textarea
            rows={3}
            value={note}
            maxLength={2000}
            placeholder="e.g. Route enterprise outages straight to Tier 2"
            onChange={(e) => setNote(e.target.value)}
            autoFocus
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={enable} onChange={(e) => setEnable(e.target.checked)} />
          Run this version on its trigger events (enable)
        </label>
        {publish.error && <ErrorNotice error={publish.error} title="Not published" compact />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={publish.isPending}>
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
