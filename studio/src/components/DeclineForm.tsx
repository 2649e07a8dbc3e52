import { type FormEvent, useId, useState } from 'react';

/** Declining asks for a reason (the next owner and the sender read it); Escape or Cancel backs out. */
export function DeclineForm({
  onDecline,
  onCancel,
  pending,
  label = 'Why are you declining?',
}: {
  onDecline(reason: string): void;
  onCancel(): void;
  pending: boolean;
  label?: string;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onDecline(reason.trim());
  };
  return (
    <form className="decline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        value={reason}
        // biome-ignore lint/a11y/noAutofocus: the form opens on purpose, to be typed into
        autoFocus
        placeholder="e.g. Out of office from tomorrow; billing knows this account better"
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="row-actions">
        <button
          type="submit"
          className="button button-danger button-small"
          disabled={!reason.trim() || pending}
        >
          {pending ? 'Declining…' : 'Decline'}
        </button>
        <button type="button" className="button button-small button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
