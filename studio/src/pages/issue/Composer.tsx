import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { NewTimelineEntry } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAddTimelineEntry } from '../../hooks/useAddTimelineEntry.ts';

type Mode = NewTimelineEntry['type'];

const MODES: { value: Mode; label: string; field: string; submit: string; placeholder: string }[] = [
  {
    value: 'agent_reply',
    label: 'Reply',
    field: 'Reply to customer',
    submit: 'Send reply',
    placeholder: 'Write a reply to the customer…',
  },
  {
    value: 'internal_note',
    label: 'Internal note',
    field: 'Internal note',
    submit: 'Add note',
    placeholder: 'Only your team sees internal notes…',
  },
];

/** Text another panel hands to the composer ("use in reply"), or a request to focus it in a mode. */
export interface ComposerRequest {
  /** Bumped for each request, so the same text can be used twice. */
  n: number;
  mode: Mode;
  text?: string;
}

/** Writes an agent reply or an internal note. Ctrl/⌘+Enter submits; the draft survives a failed send. */
export function Composer({ issueId, request }: { issueId: string; request?: ComposerRequest | null }) {
  const add = useAddTimelineEntry(issueId);
  const [mode, setMode] = useState<Mode>('agent_reply');
  const [text, setText] = useState('');
  const groupName = useId();
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!request) return;
    setMode(request.mode);
    if (request.text)
      setText((prev) => (prev.trim() ? `${prev.trimEnd()}\n\n${request.text}` : request.text!));
    area.current?.focus();
  }, [request]);
  const current = MODES.find((m) => m.value === mode)!;

  const submit = () => {
    if (!text.trim() || add.isPending) return;
    add.mutate({ type: mode, text: text.trim() }, { onSuccess: () => setText('') });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className={`composer composer-${mode}`} onSubmit={onSubmit} aria-label="Add to timeline">
      <fieldset className="segmented">
        <legend className="visually-hidden">Message type</legend>
        {MODES.map((m) => (
          <label key={m.value} className={m.value === mode ? 'segment active' : 'segment'}>
            <input
              type="radio"
              name={groupName}
              value={m.value}
              checked={m.value === mode}
              onChange={() => {
                setMode(m.value);
                add.reset();
              }}
            />
            {m.label}
          </label>
        ))}
      </fieldset>
      <label className="visually-hidden" htmlFor={`${groupName}-text`}>
        {current.field}
      </label>
      <textarea
        ref={area}
        id={`${groupName}-text`}
        className="composer-text"
        rows={4}
        value={text}
        placeholder={current.placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {add.error && <ErrorNotice error={add.error} title="Not saved" compact />}
      <div className="composer-actions">
        <span className="hint">Ctrl+Enter to {mode === 'agent_reply' ? 'send' : 'add'}</span>
        <button type="submit" className="button button-primary" disabled={!text.trim() || add.isPending}>
          {add.isPending ? 'Saving…' : current.submit}
        </button>
      </div>
    </form>
  );
}
