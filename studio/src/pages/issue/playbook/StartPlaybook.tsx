import { useId, useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { usePlaybooks, useStartPlaybook } from './hooks.ts';

/** A picker of the playbooks that can run, and a Start button. */
export function StartPlaybook({ issueId }: { issueId: string }) {
  const playbooks = usePlaybooks();
  const start = useStartPlaybook(issueId);
  const [chosen, setChosen] = useState('');
  const select = useId();
  // Expert Consultation needs a question: it has its own button.
  const startable = (playbooks.data ?? []).filter(
    (p) => !p.triggers.includes('playbook.requested') || p.triggers.length > 1,
  );

  return (
    <form
      className="playbook-start"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) start.mutate({ playbookId: chosen }, { onSuccess: () => setChosen('') });
      }}
    >
      <label htmlFor={select} className="visually-hidden">
        Playbook to start
      </label>
      <select
        id={select}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        disabled={playbooks.isPending}
      >
        <option value="">Start a playbook…</option>
        {startable.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button-small button-primary"
        disabled={!chosen || start.isPending}
      >
        {start.isPending ? 'Starting…' : 'Start'}
      </button>
      {start.error && <ErrorNotice error={start.error} title="Not started" compact />}
    </form>
  );
}
