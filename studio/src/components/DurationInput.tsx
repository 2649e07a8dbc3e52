import { useEffect, useState } from 'react';
import { type Amount, DURATION_UNITS, type DurationUnit, toAmount, toIso } from '../lib/duration.ts';

interface Props {
  id?: string;
  label: string;
  /** ISO-8601, as the document keeps it (`PT10M`); undefined when empty. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  disabled?: boolean;
}

/**
 * A duration as number + unit (“10 minutes”); the document keeps ISO-8601. A stored value it cannot
 * read (edited by hand) is named as it is until replaced.
 */
export function DurationInput({ id, label, value, onChange, disabled }: Props) {
  const stored = value ?? '';
  const parsed = stored ? toAmount(stored) : null;
  const [draft, setDraft] = useState<Amount>(parsed ?? { amount: Number.NaN, unit: 'minutes' });
  useEffect(() => {
    const next = stored ? toAmount(stored) : null;
    if (next) setDraft((current) => (toIso(current) === stored ? current : next));
  }, [stored]);
  const write = (next: Amount) => {
    setDraft(next);
    onChange(Number.isFinite(next.amount) && next.amount > 0 ? toIso(next) : undefined);
  };
  return (
    <span className="duration-input">
      <input
        id={id}
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        aria-label={`${label}: amount`}
        placeholder="e.g. 10"
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
        {DURATION_UNITS.map((u) => (
          <option key={u.unit} value={u.unit}>
            {u.unit}
          </option>
        ))}
      </select>
      {stored && !parsed && <span className="muted small">Stored as “{stored}”</span>}
    </span>
  );
}
