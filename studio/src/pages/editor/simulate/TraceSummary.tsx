import type { FlowNode } from '@baton/schemas/types';
import { useContext } from 'react';
import type { TraceOverlay } from '../../../flow/overlay.ts';
import { LabelContext } from '../inspector/IssueList.tsx';

const STATUS_TEXT: Record<string, string> = {
  completed: 'Completed',
  waiting: 'Stopped at a wait',
  failed: 'Failed',
  filtered: 'Filtered out by the trigger',
  skipped: 'Skipped',
  running: 'Running',
};

/** The run at a glance: status, outcome, and each step (click one to see its node). */
export function TraceSummary({
  trace,
  nodes,
  onFocusNode,
}: {
  trace: TraceOverlay;
  nodes: FlowNode[];
  onFocusNode(id: string): void;
}) {
  const labelOf = useContext(LabelContext);
  const name = (id: string) => {
    const n = nodes.find((node) => node.id === id);
    return n?.label || id;
  };
  return (
    <section className="trace-summary" aria-label="Path taken">
      <div className={`trace-status status-${trace.status}`}>
        <strong>{STATUS_TEXT[trace.status] ?? trace.status}</strong>
        {trace.outcome && (
          <span>
            {' '}
            with outcome <strong>{labelOf(trace.outcome) ?? trace.outcome}</strong>
          </span>
        )}
        <div className="muted small">{trace.title}</div>
      </div>
      {trace.error && <p className="field-error">{trace.error.message}</p>}
      <ol className="trace-steps">
        {trace.steps.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a node can appear twice in a path
          <li key={i}>
            <button type="button" className="link-button" onClick={() => onFocusNode(step.nodeId)}>
              {name(step.nodeId)}
            </button>{' '}
            <span className="muted small">{step.type}</span>
            {step.handle ? (
              <>
                {' '}
                → <code>{step.handle}</code>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {trace.waiting && (
        <p className="muted small">
          Waiting at {name(trace.waiting.nodeId)}
          {trace.waiting.event ? ` for ${trace.waiting.event}` : ''}
          {trace.waiting.dueAt ? ` until ${new Date(trace.waiting.dueAt).toLocaleString()}` : ''}.
        </p>
      )}
      {trace.effects.length > 0 && (
        <p className="muted small">
          {trace.effects.length} action(s) recorded, none performed. Select a node to see its own.
        </p>
      )}
    </section>
  );
}
