import type { FlowEdge, FlowNode, NodeKindDescription } from '@baton/schemas/types';
import type { FlowGraph } from '../../../flow/graph.ts';
import type { DiffOverlay } from '../../../flow/overlay.ts';

interface Props {
  diff: DiffOverlay;
  graph: FlowGraph;
  kinds: Map<string, NodeKindDescription>;
  onHide(): void;
}

/** `/data/cases/0/condition` → “cases › 1 › condition”; `/position` → “position”. */
function fieldWords(pointer: string): string {
  const parts = pointer
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (parts[0] === 'data') parts.shift();
  return parts.join(' › ') || 'everything';
}

function counts(changes: { added: unknown[]; changed: unknown[]; removed: unknown[] }) {
  return [
    changes.added.length ? { tone: 'added', text: `${changes.added.length} added` } : null,
    changes.changed.length ? { tone: 'changed', text: `${changes.changed.length} changed` } : null,
    changes.removed.length ? { tone: 'removed', text: `${changes.removed.length} removed` } : null,
  ].filter((c): c is { tone: string; text: string } => c !== null);
}

/**
 * What changed between a published version and the draft, counted for steps and connections and
 * listed in words (“Connection Is it urgent? → Page on-call (true) removed”), beside the canvas
 * marks.
 */
export function DiffSummary({ diff, graph, kinds, onHide }: Props) {
  const nodes = new Map<string, FlowNode>([...diff.removedNodes, ...graph.nodes].map((n) => [n.id, n]));
  const edges = new Map<string, FlowEdge>([...diff.removedEdges, ...graph.edges].map((e) => [e.id, e]));
  const nodeName = (id: string) => {
    const n = nodes.get(id);
    return n ? n.label || kinds.get(n.type)?.title || n.type : 'a step';
  };
  const edgeName = (id: string) => {
    const e = edges.get(id);
    if (!e) return 'a connection';
    const handle = e.sourceHandle && e.sourceHandle !== 'next' ? ` (${e.sourceHandle})` : '';
    return `${nodeName(e.source)}${handle} → ${nodeName(e.target)}`;
  };
  const lines = [
    ...diff.diff.nodes.added.map((id) => ({ tone: 'added', text: `Step “${nodeName(id)}” added` })),
    ...diff.diff.nodes.removed.map((id) => ({ tone: 'removed', text: `Step “${nodeName(id)}” removed` })),
    ...diff.diff.nodes.changed.map((c) => ({
      tone: 'changed',
      text: `Step “${nodeName(c.id)}”: ${c.fields.map(fieldWords).join(', ')} changed`,
    })),
    ...diff.diff.edges.added.map((id) => ({ tone: 'added', text: `Connection ${edgeName(id)} added` })),
    ...diff.diff.edges.removed.map((id) => ({ tone: 'removed', text: `Connection ${edgeName(id)} removed` })),
    ...diff.diff.edges.changed.map((c) => ({
      tone: 'changed',
      text: `Connection ${edgeName(c.id)} changed`,
    })),
  ];
  const stepCounts = counts(diff.diff.nodes);
  const edgeCounts = counts(diff.diff.edges);
  return (
    <section className="diff-legend" aria-label="Changes">
      <div className="diff-legend-head">
        <strong>Draft vs v{diff.version}</strong>
        <button type="button" className="button button-small" onClick={onHide}>
          Hide changes
        </button>
      </div>
      <div className="diff-counts">
        <span className="muted small">Steps</span>
        {stepCounts.length ? (
          stepCounts.map((c) => (
            <span key={c.tone} className={`legend ${c.tone}`}>
              {c.text}
            </span>
          ))
        ) : (
          <span className="muted small">unchanged</span>
        )}
      </div>
      <div className="diff-counts">
        <span className="muted small">Connections</span>
        {edgeCounts.length ? (
          edgeCounts.map((c) => (
            <span key={c.tone} className={`legend ${c.tone}`}>
              {c.text}
            </span>
          ))
        ) : (
          <span className="muted small">unchanged</span>
        )}
      </div>
      {lines.length === 0 ? (
        <p className="muted small">The draft is the same as version {diff.version}.</p>
      ) : (
        <ul className="diff-lines">
          {lines.map((l) => (
            <li key={l.text} className={`diff-line ${l.tone}`}>
              {l.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
