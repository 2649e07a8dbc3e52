import type { Holiday } from '@baton/schemas/types';
import { useState } from 'react';

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Closed days, kept in date order, each with an optional name. */
export function HolidayList({ value, onChange }: { value: Holiday[]; onChange(next: Holiday[]): void }) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const sorted = [...value].sort((a, b) => a.date.localeCompare(b.date));
  const add = () => {
    if (!date || value.some((h) => h.date === date)) return;
    onChange([...value, { date, ...(name.trim() ? { name: name.trim() } : {}) }]);
    setDate('');
    setName('');
  };
  return (
    <div className="calendar-hours">
      <span className="field-label">Holidays (closed all day)</span>
      {!sorted.length && <span className="field-hint">No holidays.</span>}
      <ul className="version-list" aria-label="Holidays">
        {sorted.map((h) => (
          <li key={h.date} className="inline-row">
            <span>
              <strong>{longDate(h.date)}</strong>
              {h.name && <span className="muted"> — {h.name}</span>}
            </span>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Remove holiday ${h.name ?? h.date}`}
              onClick={() => onChange(value.filter((x) => x.date !== h.date))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-row">
        <input type="date" aria-label="Holiday date" value={date} onChange={(e) => setDate(e.target.value)} />
        <input
          aria-label="Holiday name"
          placeholder="Name (optional)"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="button" className="button button-small" onClick={add} disabled={!date}>
          Add holiday
        </button>
      </div>
    </div>
  );
}
