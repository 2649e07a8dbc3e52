import type { FlowRecord, FlowReplayReport } from '@baton/schemas/types';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useReplayFlow } from '../../../hooks/useReplayFlow.ts';

/**
 * Replays the draft and a published version over past issues: how many runs pass each node on
 * either side (shown on the canvas), outcomes and queues, and which issues would go differently.
 */
export function ReplayPanel({
  flow,
  report,
  onReport,
}: {
  flow: FlowRecord;
  report: FlowReplayReport | null;
  onReport(report: FlowReplayReport | null): void;
}) {
  const replay = useReplayFlow(flow.id);
  const [limit, setLimit] = useState(200);
  return (
    <section className="side-section" aria-label="Replay">
      <p className="muted small">
        Runs the draft and v{flow.enabledVersion ?? flow.latestVersion} over past issues, without side
        effects.
      </p>
      <div className="side-actions">
        <label className="inline-field">
          Issues
          <input
            type="number"
            min={1}
            max={2000}
            value={limit}
            onChange={(e) => setLimit(Number(e.target.value) || 1)}
          />
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={replay.isPending || flow.latestVersion < 1}
          onClick={() => replay.mutate({ limit }, { onSuccess: onReport })}
        >
          {replay.isPending ? 'Replaying…' : 'Replay'}
        </button>
        {report && (
          <button type="button" className="button" onClick={() => onReport(null)}>
            Clear
          </button>
        )}
      </div>
      {flow.latestVersion < 1 && (
        <p className="muted small">Publish a version first: replay compares the draft with it.</p>
      )}
      {replay.error && <ErrorNotice error={replay.error} title="The replay did not run" compact />}
      {report && (
        <div className="replay-report">
          <p>
            <strong>{report.changedCount}</strong> of {report.issues} issues would go differently.
          </p>
          <CountsTable label="Outcome" rows={report.outcomes} version={report.version} />
          <CountsTable label="Queue" rows={report.queues} version={report.version} />
          {report.changed.length > 0 && (
            <ul className="replay-changed">
              {report.changed.slice(0, 20).map((c) => (
                <li key={c.issueId}>
                  <Link to={`/issues/${c.issueId}`}>{c.subject}</Link>
                  <div className="muted small">
                    {c.published.outcome ?? c.published.status} → {c.draft.outcome ?? c.draft.status}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** Draft vs published counts per key (outcome or queue). */
function CountsTable({
  label,
  rows,
  version,
}: {
  label: string;
  rows: readonly { key: string; draft: number; published: number }[];
  version: number;
}) {
  return (
    <table className="mini-table">
      <thead>
        <tr>
          <th>{label}</th>
          <th>Draft</th>
          <th>v{version}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.key}>
            <td>{o.key}</td>
            <td>{o.draft}</td>
            <td>{o.published}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
