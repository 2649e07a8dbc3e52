interface Props {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}

/** A compact labelled select whose empty choice means "any". Keeps an unknown URL value selectable. */
export function SelectFilter({ label, value, options, onChange }: Props) {
  const known = !value || options.some((o) => o.value === value);
  return (
    <label className={value ? 'filter filter-active' : 'filter'}>
      <span className="filter-label">{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Any</option>
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
