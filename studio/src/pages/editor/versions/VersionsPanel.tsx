import type { FlowRecord, NodeKindDescription } from '@baton/schemas/types';
import { useState } from 'react';
import { diffFlow, getVersion } from '../../../api/flows.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import type { FlowGraph } from '../../../flow/graph.ts';
import { olderKinds } from '../../../flow/kindVersions.ts';
import type { DiffOverlay } from '../../../flow/overlay.ts';
import { useFlowVersions } from '../../../hooks/useFlowVersions.ts';
import { useSetFlowEnabled } from '../../../hooks/useSetFlowEnabled.ts';
import { DiffSummary } from './DiffSummary.tsx';

interface Props {
  flow: FlowRecord;
  /** The draft, to name what a diff lists. */
  graph: FlowGraph;
  kinds: Map<string, NodeKindDescription>;
  diff: DiffOverlay | null;
  readOnly: boolean;
  onDiff(overlay: DiffOverlay | null): void;
  onRestore(graph: FlowGraph, version: number): void;
}

/** Published versions, newest first: compare one with the draft on the canvas, restore or enable it. */
export function VersionsPanel({ flow, graph, kinds, diff, readOnly, onDiff, onRestore }: Props) {
  const versions = useFlowVersions(flow.id);
  const enable = useSetFlowEnabled(flow.id);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const compare = async (version: number) => {
    setBusy(version);
    setError(null);
    try {
      const [changes, published] = await Promise.all([
        diffFlow(flow.id, version, 0),
        getVersion(flow.id, version),
      ]);
      const removedNodes = published.document.nodes.filter((n) => changes.nodes.removed.includes(n.id));
      const removedEdges = published.document.edges.filter((e) => changes.edges.removed.includes(e.id));
      onDiff({ type: 'diff', version, diff: changes, removedNodes, removedEdges });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const restore = async (version: number) => {
    setBusy(version);
    try {
      const published = await getVersion(flow.id, version);
      onRestore({ nodes: published.document.nodes, edges: published.document.edges }, version);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (versions.isPending) return <p className="muted small side-section">Loading versions…</p>;
  if (versions.error) return <ErrorNotice error={versions.error} title="Could not load the versions" />;
  const items = versions.data.items;
  return (
    <section className="side-section" aria-label="Versions">
      <div className="versions-state">
        {flow.enabled ? (
          <span className="badge badge-success">Running v{flow.enabledVersion}</span>
        ) : (
          <span className="badge">Not running</span>
        )}
        <span className="muted small">
          {flow.enabled
            ? `starts on ${flow.triggerEvents?.join(', ') || 'its trigger events'}`
            : 'no runs start'}
        </span>
        {!readOnly && flow.enabled && (
          <button
            type="button"
            className="button button-small"
            disabled={enable.isPending}
            onClick={() => enable.mutate({ enabled: false })}
          >
            Stop running
          </button>
        )}
      </div>
      {diff && <DiffSummary diff={diff} graph={graph} kinds={kinds} onHide={() => onDiff(null)} />}
      {error ? <ErrorNotice error={error} compact /> : null}
      {enable.error && <ErrorNotice error={enable.error} compact />}
      {items.length === 0 ? (
        <p className="muted small">Not published yet. Publish the draft to freeze it as version 1.</p>
      ) : (
        <ol className="version-list">
          {items.map((v) => {
            const running = flow.enabled && flow.enabledVersion === v.version;
            const older = olderKinds(v.document, kinds);
            return (
              <li key={v.version} className={diff?.version === v.version ? 'active' : ''}>
                <div className="version-head">
                  <strong>v{v.version}</strong>
                  {running && <span className="badge badge-success">running</span>}
                  <span className="muted small">
                    {v.publishedBy.name ?? v.publishedBy.id} · <RelativeTime iso={v.publishedAt} />
                  </span>
                </div>
                {v.note && <p className="version-note">{v.note}</p>}
                {older.length > 0 && (
                  <p className="version-older muted small">
                    Uses an older version of {older.join(', ')}. It keeps running as it was published; publish
                    the draft to move to the new one.
                  </p>
                )}
                <div className="version-actions">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy === v.version}
                    onClick={() => void compare(v.version)}
                  >
                    Compare with draft
                  </button>
                  {!readOnly && (
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      disabled={busy === v.version}
                      onClick={() => void restore(v.version)}
                    >
                      Restore to draft
                    </button>
                  )}
                  {!readOnly && !running && (
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      disabled={enable.isPending}
                      onClick={() => enable.mutate({ enabled: true, version: v.version })}
                    >
                      Run this version
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
