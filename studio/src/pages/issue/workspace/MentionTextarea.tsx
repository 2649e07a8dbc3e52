import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { mentionQuery } from '../../../workspace/mentions.ts';

/** A textarea that suggests people after `@` (arrows + Enter or a click picks one); Ctrl+Enter submits. */
export function MentionTextarea({
  value,
  onChange,
  people,
  placeholder,
  label,
  onSubmit,
  rows = 2,
}: {
  value: string;
  onChange(value: string): void;
  people: { id: string; name: string }[];
  placeholder: string;
  label: string;
  onSubmit(): void;
  rows?: number;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const query = mentionQuery(value, caret);
  const matches = query
    ? people.filter((p) => p.name.toLowerCase().includes(query.query.trim().toLowerCase())).slice(0, 6)
    : [];

  // Where the caret goes once the text with a picked mention is on screen, placed as that render
  // commits — before the next keystroke is handled. Placed a frame later (as it was), it could land
  // after a letter typed quickly behind the pick, and the rest of the word went in before that letter.
  // Matched on the text, not on a render: a parent may take a moment to hand the new value back.
  const afterPick = useRef<{ text: string; caret: number } | null>(null);
  useLayoutEffect(() => {
    const pending = afterPick.current;
    const textarea = ref.current;
    if (!pending || !textarea || textarea.value !== pending.text) return;
    afterPick.current = null;
    textarea.focus();
    textarea.setSelectionRange(pending.caret, pending.caret);
  });

  const pick = (name: string) => {
    if (!query) return;
    const next = `${value.slice(0, query.start)}@${name} ${value.slice(caret)}`;
    const at = query.start + name.length + 2;
    afterPick.current = { text: next, caret: at };
    setCaret(at);
    onChange(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(matches[Math.min(active, matches.length - 1)]!.name);
        return;
      }
    }
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="mention-box">
      <textarea
        ref={ref}
        aria-label={label}
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {matches.length > 0 && (
        <ul className="mention-list" aria-label="Mention someone">
          {matches.map((p, i) => (
            <li key={p.id} className={i === active ? 'active' : undefined}>
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(p.name)}>
                @{p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
