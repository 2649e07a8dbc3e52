import type { Issue } from '../../api/types.ts';
import { EventHeader } from '../../components/timeline/EventHeader.tsx';

/** The message that opened the issue, shown first unless the timeline already carries it. */
export function OriginalMessage({ issue }: { issue: Issue }) {
  return (
    <article className="tl-card tl-original" aria-label="Original message">
      <EventHeader
        author={{ kind: 'customer', id: issue.customerId }}
        at={issue.createdAt}
        kind="opened the issue"
      />
      {issue.body.trim() ? (
        <div className="tl-text">{issue.body}</div>
      ) : (
        <div className="tl-text muted">(no text)</div>
      )}
    </article>
  );
}
