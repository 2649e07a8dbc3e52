import { DIMENSION_LABELS } from './format.ts';

export interface RangeState {
  from: string;
  to: string;
  groupBy: string;
}

const PRESETS = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
];

export function daysBack(days: number, today = new Date()): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(today.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Range presets, exact dates and the grouping: the query every report takes. */
export function RangeFilters({
  value,
  groupBy,
  onChange,
}: {
  value: RangeState;
  groupBy: string[];
  onChange: (next: RangeState) => void;
}) {
  const preset = PRESETS.find((p) => {
    const r = daysBack(p.days);
    return r.from === value.from && r.to === value.to;
  });
  return (
    <fieldset className="analytics-filters">
      <legend className="visually-hidden">Filters</legend>
      <label className="field-inline">
        <span>Range</span>
        <select
          className="select"
          value={preset ? String(preset.days) : 'custom'}
          onChange={(e) => {
            if (e.target.value !== 'custom') onChange({ ...value, ...daysBack(Number(e.target.value)) });
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
          <option value="custom" disabled={Boolean(preset)}>
            Custom dates
          </option>
        </select>
      </label>
      <label className="field-inline">
        <span>From</span>
        <input
          className="input"
          type="date"
          value={value.from}
          max={value.to}
          onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })}
        />
      </label>
      <label className="field-inline">
        <span>To</span>
        <input
          className="input"
          type="date"
          value={value.to}
          min={value.from}
          onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })}
        />
      </label>
      {groupBy.length > 0 && (
        <label className="field-inline">
          <span>Group by</span>
          <select
            className="select"
            value={value.groupBy}
            onChange={(e) => onChange({ ...value, groupBy: e.target.value })}
          >
            {groupBy.map((g) => (
              <option key={g} value={g}>
                {DIMENSION_LABELS[g] ?? g}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
