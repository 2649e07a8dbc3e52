import { useEffect, useState } from 'react';
import {
  type Amount,
  DURATION_UNITS,
  type DurationUnit,
  EVERYDAY_UNITS,
  toAmount,
  toIso,
} from '../lib/duration.ts';

interface Props {
  id?: string;
  /** The accessible name of the number (“Expires in”); the unit is “<label>: unit”. */
  label: string;
  /** ISO-8601, as the document keeps it (`PT10M`); undefined for none. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  /** Units offered (default: minutes to weeks; a stored value in seconds adds seconds). */
  units?: readonly DurationUnit[];
  /** Shown in the empty number box. */
  placeholder?: string;
  disabled?: boolean;
}

/**
 * A duration as a person types it: a whole number and a unit (“15 minutes”); the ISO form never
 * shows. Emptying the number means none. A stored value it cannot read (edited by hand) is named as
 * it is until replaced.
 */
export function DurationInput({
  id,
  label,
  value,
  onChange,
  units = EVERYDAY_UNITS,
  placeholder = 'e.g. 10',
  disabled,
}: Props) {
  const stored = value ?? '';
  const parsed = stored ? toAmount(stored) : null;
  const [draft, setDraft] = useState<Amount>(parsed ?? { amount: Number.NaN, unit: units[0] ?? 'minutes' });
  useEffect(() => {
    const next = stored ? toAmount(stored) : null;
    if (next) setDraft((current) => (toIso(current) === stored ? current : next));
    else if (!stored) setDraft((current) => ({ ...current, amount: Number.NaN }));
  }, [stored]);
  const write = (next: Amount) => {
    setDraft(next);
    onChange(Number.isFinite(next.amount) && next.amount > 0 ? toIso(next) : undefined);
  };
  const offered = units.includes(draft.unit) ? units : [...units, draft.unit];
  return (
    <span className="duration-input">
      <input
        id={id}
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        aria-label={label}
        placeholder={placeholder}
        disabled={disabled}
        value={Number.isFinite(draft.amount) ? String(draft.amount) : ''}
        onChange={(e) =>
          write({ ...draft, amount: e.target.value === '' ? Number.NaN : Number(e.target.value) })
        }
      />
      <select
        aria-label={`${label}: unit`}
        disabled={disabled}
        value={draft.unit}
        onChange={(e) => write({ ...draft, unit: e.target.value as DurationUnit })}
      >
        {DURATION_UNITS.filter((u) => offered.includes(u.unit)).map((u) => (
          <option key={u.unit} value={u.unit}>
            {u.unit}
          </option>
        ))}
      </select>
      {stored && !parsed && <span className="muted small">Stored as “{stored}”</span>}
    </span>
  );
}
