import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
}

/** A free-text filter applied on Enter or when focus leaves, not on every keystroke. */
export function TextFilter({ label, value, onCommit }: Props) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);

  const commit = () => {
    if (draft.trim() !== (value ?? '')) onCommit(draft.trim() || undefined);
  };

  return (
    <label className={value ? 'filter filter-active' : 'filter'}>
      <span className="filter-label">{label}</span>
      <input
        type="search"
        value={draft}
        size={10}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value ?? '');
        }}
      />
    </label>
  );
}
