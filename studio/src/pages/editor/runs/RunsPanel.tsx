import type { FlowRecord, FlowRun } from '@baton/schemas/types';
import { useContext, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import type { TraceOverlay } from '../../../flow/overlay.ts';
import { useFlowRuns } from '../../../hooks/useFlowRuns.ts';
import { useIssue } from '../../../hooks/useIssue.ts';
import { LabelContext } from '../inspector/IssueList.tsx';
import { LiveTracing } from './LiveTracing.tsx';

export function runTrace(run: FlowRun): TraceOverlay {
  return {
    type: 'trace',
    source: 'run',
    title: `live run of v${run.version}, ${new Date(run.startedAt).toLocaleString()}`,
    status: run.status,
    path: run.path,
    steps: run.steps,
    effects: run.effects,
    ...(run.outcome ? { outcome: run.outcome } : {}),
    ...(run.waiting ? { waiting: run.waiting } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/**
 * The flow's latest live runs; pick one to lay its path and trace over the canvas. Above them, how
 * many runs keep their full trace (flows only: a playbook's runs always do).
 */
export function RunsPanel({
  flow,
  readOnly,
  onTrace,
  openRunId,
}: {
  flow: FlowRecord;
  /** The tracing share is shown but not changed (a reader, or an editor whose live copy closed). */
  readOnly: boolean;
  onTrace(trace: TraceOverlay): void;
  /** A run to lay over the canvas at once (a link from an issue's timeline names it). */
  openRunId?: string | null;
}) {
  const runs = useFlowRuns(flow.id);
  // An outcome is the end node's outcome or, by default, its id: show the node's name.
  const labelOf = useContext(LabelContext);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !openRunId || !runs.data) return;
    const run = runs.data.items.find((r) => r.id === openRunId);
    if (run) {
      opened.current = true;
      onTrace(runTrace(run));
    }
  }, [openRunId, runs.data, onTrace]);
  const tracing = flow.kind === 'flow' && <LiveTracing flow={flow} readOnly={readOnly} />;
  if (runs.isPending)
    return (
      <section className="side-section" aria-label="Runs">
        {tracing}
        <p className="muted small">Loading runs…</p>
      </section>
    );
  if (runs.error) return <ErrorNotice error={runs.error} title="Could not load the runs" />;
  const items = runs.data.items;
  return (
    <section className="side-section" aria-label="Runs">
      {tracing}
      {items.length === 0 ? (
        <p className="muted small">
          No runs yet. Enable a published version and runs appear as issues arrive.
        </p>
      ) : (
        <ul className="run-list">
          {items.map((run) => (
            <li key={run.id}>
              <button type="button" className="run-item" onClick={() => onTrace(runTrace(run))}>
                <span className={`run-status status-${run.status}`}>{run.status}</span>
                <span>v{run.version}</span>
                <span className="muted">{run.outcome ? (labelOf(run.outcome) ?? run.outcome) : ''}</span>
                <RelativeTime iso={run.startedAt} />
              </button>
              <RunIssueLink issueId={run.issueId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The issue a run was about, by its subject (fetched once, shared with the rest of the studio). */
function RunIssueLink({ issueId }: { issueId: string }) {
  const issue = useIssue(issueId);
  const subject = issue.data?.subject;
  return (
    <Link className="small run-issue" to={`/issues/${issueId}`} title={subject}>
      {subject ?? (issue.error ? 'Issue no longer available' : 'Loading issue…')}
    </Link>
  );
}
