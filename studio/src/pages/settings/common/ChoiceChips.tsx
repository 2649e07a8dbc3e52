/** A multiple choice among a few named options (roles, channels, teams), shown as toggle chips. */
export function ChoiceChips<T extends string>({
  options,
  value,
  onChange,
  label,
}: {
  options: readonly { value: T; label: string; hint?: string }[];
  value: readonly T[];
  onChange(next: T[]): void;
  label: string;
}) {
  return (
    <fieldset className="chips" aria-label={label}>
      {options.map((option) => {
        const on = value.includes(option.value);
        return (
          <label key={option.value} className={on ? 'chip chip-on' : 'chip'} title={option.hint}>
            <input
              type="checkbox"
              checked={on}
              onChange={() =>
                onChange(
                  options.map((o) => o.value).filter((v) => (v === option.value ? !on : value.includes(v))),
                )
              }
            />
            {option.label}
          </label>
        );
      })}
    </fieldset>
  );
}
