import { useState } from 'react';

interface Props {
  label: string;
  value: string[];
  onChange(value: string[]): void;
  placeholder?: string;
  disabled?: boolean;
}

/** Free words as chips: type, Enter (or comma) to add, × or Backspace to remove. */
export function TagsInput({ label, value, onChange, placeholder, disabled }: Props) {
  const [text, setText] = useState('');
  const add = () => {
    const words = text
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w && !value.includes(w));
    if (words.length) onChange([...value, ...words]);
    setText('');
  };
  return (
    <div className="combo">
      {value.length > 0 && (
        <ul className="combo-chips" aria-label={`${label}: chosen`}>
          {value.map((w) => (
            <li key={w} className="combo-chip">
              {w}
              {!disabled && (
                <button
                  type="button"
                  aria-label={`Remove ${w}`}
                  onClick={() => onChange(value.filter((v) => v !== w))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <input
        aria-label={label}
        disabled={disabled}
        placeholder={placeholder ?? 'Type and press Enter'}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={add}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && !text && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
      />
    </div>
  );
}
