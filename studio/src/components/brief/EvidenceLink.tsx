import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { focusTimelineEvent } from '../../lib/focusEvent.ts';

/**
 * Where a brief item came from. On the issue page it scrolls the timeline to the event and highlights
 * it; elsewhere it opens the issue at that event.
 */
export function EvidenceLink({
  issueId,
  eventId,
  inPlace,
  children,
}: {
  issueId: string;
  eventId: string;
  inPlace: boolean;
  children: ReactNode;
}) {
  if (inPlace) {
    return (
      <button
        type="button"
        className="evidence-link"
        onClick={() => focusTimelineEvent(eventId)}
        title="Show in the timeline"
      >
        {children}
      </button>
    );
  }
  return (
    <Link
      className="evidence-link"
      to={`/issues/${encodeURIComponent(issueId)}#event-${encodeURIComponent(eventId)}`}
    >
      {children}
    </Link>
  );
}
