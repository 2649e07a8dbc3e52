import type { FlowEdge, FlowNode } from '@baton/schemas/types';
import type { FlowChange } from '../../../flow/changes.ts';
import type { ValidationIndex } from '../../../hooks/useLiveValidation.ts';
import { IssueList } from './IssueList.tsx';

export function EdgeInspector({
  edge,
  nodes,
  validation,
  readOnly,
  change,
}: {
  edge: FlowEdge;
  nodes: FlowNode[];
  validation: ValidationIndex;
  readOnly: boolean;
  change(changes: FlowChange[]): void;
}) {
  const name = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    return node?.label || id;
  };
  return (
    <section className="inspector" aria-label="Inspector: edge">
      <header className="inspector-head">
        <div>
          <h2 className="inspector-title">Edge</h2>
          <code className="inspector-id">{edge.id}</code>
        </div>
      </header>
      <p>
        From <strong>{name(edge.source)}</strong> by output <code>{edge.sourceHandle}</code> to{' '}
        <strong>{name(edge.target)}</strong>.
      </p>
      <IssueList issues={validation.byEdge.get(edge.id) ?? []} />
      {!readOnly && (
        <button
          type="button"
          className="button button-small"
          onClick={() => change([{ type: 'remove-edge', id: edge.id }])}
        >
          Delete edge
        </button>
      )}
    </section>
  );
}
