import type { WorkspaceAnnotation } from '@baton/schemas/types';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { focusTimelineEvent } from '../../../lib/focusEvent.ts';
import { useYMapValues } from '../../../workspace/useYMapValues.ts';
import { useWorkspace } from '../../../workspace/WorkspaceContext.tsx';

/** Every annotation on the issue, each leading back to its event in the timeline. */
export function AnnotationList() {
  const ws = useWorkspace();
  const all = useYMapValues<WorkspaceAnnotation>(ws?.annotations).sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <section className="ws-section" aria-label="Annotations">
      <h3 className="ws-title">Pinned to the timeline</h3>
      {all.length === 0 && (
        <p className="muted small">Hover an event in the timeline and choose Annotate to pin a note to it.</p>
      )}
      <ul className="file-list">
        {all.map((a) => (
          <li key={a.id}>
            <button type="button" className="link-button" onClick={() => focusTimelineEvent(a.eventId)}>
              {a.text}
            </button>
            <span className="muted small">
              {' '}
              {a.author?.name ?? 'Someone'} · <RelativeTime iso={a.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
