import { type KeyboardEvent, useId, useState } from 'react';

const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 64;

/** Why `tag` cannot be added to `tags`, or null when it can (mirrors the schema's tag rules). */
export function tagProblem(tag: string, tags: string[]): string | null {
  if (!tag) return null;
  if (tag.includes(',')) return 'Tags cannot contain commas.';
  if (tag.length > MAX_TAG_LENGTH) return `Tags are at most ${MAX_TAG_LENGTH} characters.`;
  if (tags.includes(tag)) return 'That tag is already there.';
  if (tags.length >= MAX_TAGS) return `An issue has at most ${MAX_TAGS} tags.`;
  return null;
}

export function TagsField({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const tag = draft.trim();
  const problem = tagProblem(tag, tags);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (tag && !problem) {
        onChange([...tags, tag]);
        setDraft('');
      }
    } else if (event.key === 'Backspace' && !draft && tags.length) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="prop prop-tags">
      <label htmlFor={inputId} className="prop-label">
        Tags
      </label>
      <div className="tag-editor">
        <ul className="tags">
          {tags.map((t) => (
            <li key={t} className="tag tag-removable">
              {t}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${t}`}
                onClick={() => onChange(tags.filter((x) => x !== t))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={inputId}
          className="tag-input"
          placeholder="Add tag…"
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-problem` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {problem && (
        <p id={`${inputId}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </div>
  );
}
