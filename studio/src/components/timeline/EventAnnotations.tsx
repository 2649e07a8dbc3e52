import type { WorkspaceAnnotation } from '@baton/schemas/types';
import { type FormEvent, useState } from 'react';
import { useYMapValues } from '../../workspace/useYMapValues.ts';
import { entryId, useWorkspace } from '../../workspace/WorkspaceContext.tsx';
import { RelativeTime } from '../RelativeTime.tsx';

/** Notes pinned to one timeline event, shown under it, with a quiet "Annotate" to add one. */
export function EventAnnotations({ eventId }: { eventId: string }) {
  const ws = useWorkspace();
  const all = useYMapValues<WorkspaceAnnotation>(ws?.annotations);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  if (!ws) return null;
  const mine = all
    .filter((a) => a.eventId === eventId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!ws.annotations || !text.trim()) return;
    const id = entryId();
    ws.annotations.set(id, {
      id,
      eventId,
      text: text.trim(),
      author: { id: ws.me.id, name: ws.me.name },
      createdAt: new Date().toISOString(),
    } satisfies WorkspaceAnnotation);
    setText('');
    setOpen(false);
  };

  return (
    <div className="annotations">
      {mine.map((a) => (
        <p key={a.id} className="annotation">
          <span className="annotation-pin" aria-hidden="true">
            📌
          </span>{' '}
          <strong>{a.author?.name ?? 'Someone'}</strong> {a.text} <RelativeTime iso={a.createdAt} />
        </p>
      ))}
      {open ? (
        <form
          className="annotation-form"
          onSubmit={add}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <input
            aria-label="Annotation"
            value={text}
            onChange={(e) => setText(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: opened to be typed into
            autoFocus
            maxLength={20000}
            placeholder="Pin a note to this event…"
          />
          <button type="submit" className="button button-small button-primary" disabled={!text.trim()}>
            Pin
          </button>
        </form>
      ) : (
        ws.annotations && (
          <button type="button" className="annotate-button" onClick={() => setOpen(true)}>
            Annotate
          </button>
        )
      )}
    </div>
  );
}
