import { type KeyboardEvent, useState } from 'react';

/**
 * A short list of names (queues, tags) as removable chips and a box to add one: Enter or "Add"
 * adds, a duplicate is refused with a word, Backspace in the empty box removes the last.
 */
export function WordListInput({
  value,
  onChange,
  label,
  placeholder,
  suggestions = [],
}: {
  value: string[];
  onChange(next: string[]): void;
  label: string;
  placeholder?: string;
  suggestions?: string[];
}) {
  const [draft, setDraft] = useState('');
  const word = draft.trim();
  const duplicate = value.some((v) => v.toLowerCase() === word.toLowerCase());
  const add = () => {
    if (!word || duplicate) return;
    onChange([...value, word]);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && !draft && value.length) onChange(value.slice(0, -1));
  };
  const listId = `${label.replace(/\W+/g, '-').toLowerCase()}-suggestions`;
  return (
    <div className="calendar-hours">
      {value.length > 0 && (
        <ul className="chips" aria-label={label}>
          {value.map((v) => (
            <li key={v} className="chip chip-on">
              {v}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove ${v}`}
                onClick={() => onChange(value.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-row">
        <input
          className="settings-input"
          aria-label={`Add to ${label.toLowerCase()}`}
          list={suggestions.length ? listId : undefined}
          value={draft}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button-small" onClick={add} disabled={!word || duplicate}>
          Add
        </button>
        {duplicate && <span className="field-hint">Already in the list.</span>}
      </div>
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </div>
  );
}
