import { type CrmUpdateEvent, eventText } from '../../api/types.ts';
import { displayValue, humanize } from '../../lib/format.ts';
import { EventHeader } from './EventHeader.tsx';

export function CrmUpdateItem({ event }: { event: CrmUpdateEvent }) {
  const fields = Object.entries(event.fields ?? {});
  return (
    <article className="tl-card tl-card-quiet">
      <EventHeader
        author={event.author}
        at={event.at}
        kind={`CRM update${event.source ? ` from ${event.source}` : ''}`}
      />
      {eventText(event) && <div className="tl-text">{eventText(event)}</div>}
      {fields.length > 0 && (
        <dl className="kv kv-inline">
          {fields.map(([key, value]) => (
            <div key={key} className="kv-row">
              <dt>{humanize(key)}</dt>
              <dd>{displayValue(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
