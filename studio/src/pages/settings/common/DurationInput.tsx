import { useEffect, useState } from 'react';
import { DURATION_UNITS, type DurationUnit, parseIsoDuration, toIsoDuration } from '../../../lib/duration.ts';

interface Props {
  /** An ISO-8601 duration (what the API stores), or undefined for none. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  /** The accessible name, e.g. "First response target for high priority". */
  label: string;
  units?: readonly DurationUnit[];
  /** Shown in the empty number box. */
  placeholder?: string;
  disabled?: boolean;
}

/**
 * A duration as a person types it: a whole number and a unit. Emptying the number means "none"
 * (undefined). The ISO form never shows.
 */
export function DurationInput({
  value,
  onChange,
  label,
  units = DURATION_UNITS,
  placeholder = '—',
  disabled = false,
}: Props) {
  const parsed = parseIsoDuration(value);
  const [unit, setUnit] = useState<DurationUnit>(parsed?.unit ?? units[0] ?? 'minutes');
  const [text, setText] = useState(parsed ? String(parsed.value) : '');
  // A new value from outside (another policy selected, a reset) replaces what is shown.
  useEffect(() => {
    const next = parseIsoDuration(value);
    if (next) {
      setUnit(next.unit);
      setText(String(next.value));
    } else if (value === undefined) setText('');
  }, [value]);

  const emit = (nextText: string, nextUnit: DurationUnit) => {
    const n = Number(nextText);
    if (nextText.trim() === '') onChange(undefined);
    else if (Number.isInteger(n) && n > 0) onChange(toIsoDuration({ value: n, unit: nextUnit }));
  };

  return (
    <span className="duration-input">
      <input
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        aria-label={label}
        placeholder={placeholder}
        disabled={disabled}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          emit(e.target.value, unit);
        }}
      />
      <select
        aria-label={`${label}: unit`}
        disabled={disabled}
        value={unit}
        onChange={(e) => {
          const next = e.target.value as DurationUnit;
          setUnit(next);
          emit(text, next);
        }}
      >
        {units.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </select>
    </span>
  );
}
