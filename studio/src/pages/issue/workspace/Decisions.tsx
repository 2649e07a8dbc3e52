import type { WorkspaceDecision } from '@baton/schemas/types';
import { type FormEvent, useState } from 'react';
import { absoluteTime } from '../../../lib/format.ts';
import { useYMapValues } from '../../../workspace/useYMapValues.ts';
import { entryId, useWorkspace } from '../../../workspace/WorkspaceContext.tsx';

/** The decision log: what was decided, why, who decided and when — newest first. */
export function Decisions() {
  const ws = useWorkspace();
  const decisions = useYMapValues<WorkspaceDecision>(ws?.decisions).sort((a, b) =>
    b.decidedAt.localeCompare(a.decidedAt),
  );
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState('');
  const [why, setWhy] = useState('');
  const [who, setWho] = useState('');

  const record = (event: FormEvent) => {
    event.preventDefault();
    if (!ws?.decisions || !what.trim()) return;
    const id = entryId();
    const decision: WorkspaceDecision = {
      id,
      text: what.trim(),
      ...(why.trim() ? { why: why.trim() } : {}),
      who: who.trim() || ws.me.name,
      decidedAt: new Date().toISOString(),
      author: { id: ws.me.id, name: ws.me.name },
    };
    ws.decisions.set(id, decision);
    setWhat('');
    setWhy('');
    setWho('');
    setOpen(false);
  };

  return (
    <section className="ws-section" aria-label="Decision log">
      <div className="ws-head">
        <h3 className="ws-title">Decisions</h3>
        {!open && (
          <button
            type="button"
            className="button button-small"
            disabled={!ws?.decisions}
            onClick={() => setOpen(true)}
          >
            Record a decision
          </button>
        )}
      </div>
      {open && (
        <form
          className="decision-form"
          onSubmit={record}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <label className="field">
            <span className="field-label">What was decided</span>
            <input
              value={what}
              onChange={(e) => setWhat(e.target.value)}
              // biome-ignore lint/a11y/noAutofocus: the form was opened to be filled
              autoFocus
              required
              maxLength={2000}
            />
          </label>
          <label className="field">
            <span className="field-label">Why</span>
            <textarea rows={2} value={why} onChange={(e) => setWhy(e.target.value)} maxLength={20000} />
          </label>
          <label className="field">
            <span className="field-label">Who decided</span>
            <input
              value={who}
              onChange={(e) => setWho(e.target.value)}
              placeholder={ws?.me.name}
              maxLength={200}
            />
          </label>
          <div className="row-actions">
            <button type="submit" className="button button-small button-primary" disabled={!what.trim()}>
              Record
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {decisions.length === 0 && !open && <p className="muted small">No decisions recorded yet.</p>}
      <ol className="decisions">
        {decisions.map((d) => (
          <li key={d.id} className="decision">
            <strong className="decision-what">{d.text}</strong>
            {d.why && <p className="decision-why">{d.why}</p>}
            <span className="muted small">
              {d.who ?? d.author?.name ?? 'Someone'} · {absoluteTime(d.decidedAt)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
