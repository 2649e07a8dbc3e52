import type { BusinessCalendarSpec, CalendarHours } from '@baton/schemas/types';
import { DayPicker, type Weekday } from '../common/DayPicker.tsx';
import { TimeZoneSelect } from '../common/TimeZoneSelect.tsx';
import { HolidayList } from './HolidayList.tsx';

/**
 * A business calendar: a time zone, weekly opening hours (none: open around the clock) and closed
 * days. Used by SLA policies and by the SLA calculator.
 */
export function CalendarEditor({
  value,
  onChange,
  zoneLabel = 'Time zone',
  hideZone = false,
}: {
  value: BusinessCalendarSpec;
  onChange(next: BusinessCalendarSpec): void;
  zoneLabel?: string;
  hideZone?: boolean;
}) {
  const hours = value.hours ?? [];
  const setHours = (next: CalendarHours[]) => onChange({ ...value, hours: next });
  const update = (i: number, patch: Partial<CalendarHours>) =>
    setHours(hours.map((h, j) => (i === j ? { ...h, ...patch } : h)));

  return (
    <div className="calendar-hours">
      {!hideZone && (
        <div className="field">
          <span className="field-label">{zoneLabel}</span>
          <TimeZoneSelect
            value={value.timeZone}
            onChange={(timeZone) => onChange({ ...value, timeZone })}
            label={zoneLabel}
          />
        </div>
      )}
      <span className="field-label">Opening hours</span>
      {!hours.length && <span className="field-hint">Open around the clock, every day.</span>}
      {hours.map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div key={i} className="inline-row">
          <DayPicker
            label={`Days of opening hours ${i + 1}`}
            value={h.days as Weekday[]}
            onChange={(days) => update(i, { days: days as CalendarHours['days'] })}
          />
          <label className="inline-row">
            <span className="muted">from</span>
            <input
              type="time"
              aria-label={`Opening time ${i + 1}`}
              value={h.from}
              onChange={(e) => update(i, { from: e.target.value })}
            />
          </label>
          <label className="inline-row">
            <span className="muted">to</span>
            <input
              type="time"
              aria-label={`Closing time ${i + 1}`}
              value={h.to === '24:00' ? '23:59' : h.to}
              onChange={(e) => update(i, { to: e.target.value === '23:59' ? '24:00' : e.target.value })}
            />
          </label>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => setHours(hours.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setHours([...hours, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }])
          }
        >
          Add opening hours
        </button>
      </div>
      <HolidayList value={value.holidays ?? []} onChange={(holidays) => onChange({ ...value, holidays })} />
    </div>
  );
}
