import type { FlowRecord } from '@baton/schemas/types';
import { Link, useNavigate } from 'react-router';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { useCreateFlow } from '../../hooks/useCreateFlow.ts';
import { useNow } from '../../hooks/useNow.ts';
import { useSetFlowEnabled } from '../../hooks/useSetFlowEnabled.ts';
import { humanize } from '../../lib/format.ts';
import { shareInWords, untilInWords } from '../../lib/traceShare.ts';

export function FlowRow({ flow, canWrite }: { flow: FlowRecord; canWrite: boolean }) {
  const toggle = useSetFlowEnabled(flow.id);
  const duplicate = useCreateFlow();
  const navigate = useNavigate();
  const errors = flow.validation.errors.length;
  const error = toggle.error ?? duplicate.error;
  return (
    <tr>
      <td>
        <Link to={`/flows/${flow.id}`} className="flow-name">
          {flow.name}
        </Link>
        <div className="muted small">
          {flow.kind} · {flow.draft.nodes.length} nodes
        </div>
        {flow.description && (
          <div className="muted small flow-desc" title={flow.description}>
            {flow.description}
          </div>
        )}
        {error && (
          <div className="field-error" role="alert">
            {(error as Error).message}
          </div>
        )}
      </td>
      <td>
        {flow.enabled ? (
          <span className="badge badge-success">Running v{flow.enabledVersion}</span>
        ) : (
          <span className="badge">Off</span>
        )}
        {flow.kind === 'flow' && flow.liveTrace.source === 'flow' && (
          <TraceShare liveTrace={flow.liveTrace} />
        )}
      </td>
      <td>
        {flow.latestVersion ? (
          <Link to={`/flows/${flow.id}?tab=versions`}>
            {flow.latestVersion} version{flow.latestVersion > 1 ? 's' : ''}
          </Link>
        ) : (
          <span className="muted">Not published</span>
        )}
      </td>
      <td>
        {errors ? (
          <span className="text-danger">
            {errors} error{errors > 1 ? 's' : ''}
          </span>
        ) : (
          <span className="muted">Valid</span>
        )}
      </td>
      <td>
        {flow.lastRun ? (
          <Link to={`/flows/${flow.id}?tab=runs`} className="link-quiet">
            <span className={`run-status status-${flow.lastRun.status}`}>{flow.lastRun.status}</span>{' '}
            {flow.lastRun.outcome && (
              <span className="flow-outcome">{outcomeName(flow, flow.lastRun.outcome)}</span>
            )}{' '}
            <RelativeTime iso={flow.lastRun.startedAt} />
          </Link>
        ) : (
          <span className="muted">No runs</span>
        )}
      </td>
      <td>
        <RelativeTime iso={flow.updatedAt} />
        <div className="muted small">{flow.updatedBy.name ?? flow.updatedBy.id}</div>
      </td>
      <td className="flow-actions">
        {canWrite && (
          <>
            <button
              type="button"
              className="button button-small"
              disabled={toggle.isPending || (!flow.enabled && flow.latestVersion < 1)}
              title={!flow.enabled && flow.latestVersion < 1 ? 'Publish a version first' : undefined}
              onClick={() => toggle.mutate(flow.enabled ? { enabled: false } : { enabled: true })}
            >
              {flow.enabled ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              className="button button-small button-ghost"
              disabled={duplicate.isPending}
              onClick={() =>
                duplicate.mutate(
                  {
                    name: `${flow.name} (copy)`.slice(0, 200),
                    kind: flow.kind,
                    ...(flow.description ? { description: flow.description } : {}),
                    nodes: flow.draft.nodes,
                    edges: flow.draft.edges,
                  },
                  { onSuccess: (copy) => navigate(`/flows/${copy.id}`) },
                )
              }
            >
              Duplicate
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/**
 * A flow whose runs keep full traces by its own setting says so in the list: an admin sees at a
 * glance which flows pay for traces, and until when.
 */
function TraceShare({ liveTrace: { percent, until } }: { liveTrace: FlowRecord['liveTrace'] }) {
  const now = useNow();
  // A share that ran out while the list was open is the default again (the server already says so).
  if (until && Date.parse(until) <= now) return null;
  return (
    <div className="muted small flow-trace-share">
      Full traces: {shareInWords(percent)}
      {until && <div>{untilInWords(until, now)}</div>}
    </div>
  );
}

/**
 * A run's outcome as the list shows it: an end node without an outcome of its own reports its id,
 * which reads as the node's name ("End", or the label the author gave it); an outcome the author
 * named ("offer") reads as written.
 */
function outcomeName(flow: FlowRecord, outcome: string): string {
  const node = flow.draft.nodes.find((n) => n.id === outcome);
  return node ? node.label || humanize(node.type) : outcome;
}
