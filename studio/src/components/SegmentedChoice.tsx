/** One option of a {@link SegmentedChoice}: its value, what it reads, and what it means on hover. */
export interface Segment<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

/**
 * A choice of one among a few options, shown as joined segments (radio inputs under the labels, so
 * the keyboard and screen readers treat it as the radio group it is). Name it with `label` or with
 * `labelledBy` (the id of a visible caption).
 */
export function SegmentedChoice<T extends string>({
  options,
  value,
  onChange,
  name,
  label,
  labelledBy,
  disabled = false,
}: {
  options: readonly Segment<T>[];
  value: T;
  onChange(next: T): void;
  /** The radio inputs' group name: unique on the page. */
  name: string;
  label?: string;
  labelledBy?: string;
  disabled?: boolean;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} aria-labelledby={labelledBy}>
      {options.map((option) => (
        <label
          key={option.value}
          className={`segment${option.value === value ? ' active' : ''}`}
          title={option.hint}
        >
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            checked={option.value === value}
            disabled={disabled}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
