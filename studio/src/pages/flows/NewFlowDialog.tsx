import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useCreateFlow } from '../../hooks/useCreateFlow.ts';

export function NewFlowDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'flow' | 'playbook'>('flow');
  const create = useCreateFlow();
  const navigate = useNavigate();
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog ref={ref} className="dialog" aria-label="New flow" onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          create.mutate({ name: name.trim(), kind }, { onSuccess: (flow) => navigate(`/flows/${flow.id}`) });
        }}
      >
        <h2 className="dialog-title">New flow</h2>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
            autoFocus
            placeholder="e.g. Enterprise outage routing"
          />
        </label>
        <fieldset className="field">
          <legend className="field-label">Kind</legend>
          <label className="checkbox">
            <input type="radio" name="kind" checked={kind === 'flow'} onChange={() => setKind('flow')} />{' '}
            Flow: runs on events (routing, escalation)
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="kind"
              checked={kind === 'playbook'}
              onChange={() => setKind('playbook')}
            />{' '}
            Playbook: steps people follow
          </label>
        </fieldset>
        {create.error && <ErrorNotice error={create.error} compact />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending || !name.trim()}>
            Create
          </button>
        </div>
      </form>
    </dialog>
  );
}
