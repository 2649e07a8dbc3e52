/**
 * The agent's playbook panel on the issue page: the active playbooks with their steps (who owns
 * each, windows as live countdowns, checklists, evidence, consultations, receipts), parallel
 * workstreams side by side, what is automatic and what waits on whom; start a playbook by hand or
 * ask an expert. Self-contained: it needs only the issue.
 */
import { useState } from 'react';
import type { Issue } from '../../../api/types.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { AskExpert } from './AskExpert.tsx';
import { useIssueRuns } from './hooks.ts';
import { RunView } from './RunView.tsx';
import { StartPlaybook } from './StartPlaybook.tsx';
import './playbook.css';

export function PlaybookPanel({ issue }: { issue: Issue }) {
  const runs = useIssueRuns(issue.id);
  const me = useMe();
  const [asking, setAsking] = useState(false);
  const active = (runs.data ?? []).filter((r) => r.status === 'active');
  const ended = (runs.data ?? []).filter((r) => r.status !== 'active');

  return (
    <section className="playbook-panel" aria-label="Playbooks">
      <div className="playbook-panel-header">
        <h2 className="panel-title">Playbooks</h2>
        <div className="playbook-panel-actions">
          <button type="button" className="button button-small" onClick={() => setAsking((v) => !v)}>
            Ask an expert
          </button>
          <StartPlaybook issueId={issue.id} />
        </div>
      </div>
      {asking && <AskExpert issue={issue} onClose={() => setAsking(false)} />}
      {runs.isError && <ErrorNotice error={runs.error} title="Could not load the playbooks" compact />}
      {runs.isSuccess && active.length === 0 && (
        <p className="playbook-empty">
          No playbook is running on this issue. Critical issues and handoffs start theirs on their own; start
          one here, or ask an expert.
        </p>
      )}
      {active.map((run) => (
        <RunView key={run.id} run={run} issue={issue} me={me.data} />
      ))}
      {ended.length > 0 && (
        <details className="playbook-history">
          <summary>
            {ended.length} earlier playbook{ended.length === 1 ? '' : 's'}
          </summary>
          {ended.map((run) => (
            <RunView key={run.id} run={run} issue={issue} me={me.data} />
          ))}
        </details>
      )}
    </section>
  );
}
