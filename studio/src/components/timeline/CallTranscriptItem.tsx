import { type CallTranscriptEvent, eventText } from '../../api/types.ts';
import { clockDuration } from '../../lib/format.ts';
import { EventHeader } from './EventHeader.tsx';

export function CallTranscriptItem({ event }: { event: CallTranscriptEvent }) {
  const segments = event.segments ?? [];
  const duration = event.durationSec ?? segments.at(-1)?.endSec;
  return (
    <article className="tl-card">
      <EventHeader
        author={event.author}
        at={event.at}
        receivedBy={event.receivedBy}
        occurredAt={event.occurredAt}
        kind={`Call${duration !== undefined ? ` · ${clockDuration(duration)}` : ''}`}
      />
      {eventText(event) && <div className="tl-text">{eventText(event)}</div>}
      {segments.length > 0 && (
        <details className="transcript" open={segments.length <= 6}>
          <summary>Transcript ({segments.length} segments)</summary>
          <ol className="transcript-lines">
            {segments.map((segment, index) => (
              // Segments have no ids; their order in the call is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: stable, never reordered
              <li key={index} className="transcript-line">
                <span className="transcript-time">{clockDuration(segment.startSec)}</span>
                <span className="transcript-speaker">{segment.speaker}</span>
                <span className="transcript-text">{segment.text}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
