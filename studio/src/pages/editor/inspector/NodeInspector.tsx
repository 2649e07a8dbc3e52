import type { FlowNode, NodeKindDescription } from '@baton/schemas/types';
import { useEffect, useState } from 'react';
import { kindStyle } from '../../../flow/categories.ts';
import type { FlowChange } from '../../../flow/changes.ts';
import { nodeName } from '../../../flow/graph.ts';
import { outputHandles } from '../../../flow/handles.ts';
import type { NodeTrace } from '../../../flow/overlay.ts';
import type { ValidationIndex } from '../../../hooks/useLiveValidation.ts';
import { TraceDetail } from '../simulate/TraceDetail.tsx';
import { IssueList } from './IssueList.tsx';
import { NodeDataForm } from './NodeDataForm.tsx';

interface Props {
  node: FlowNode;
  kind: NodeKindDescription | undefined;
  validation: ValidationIndex;
  trace: NodeTrace | undefined;
  events: string[];
  readOnly: boolean;
  change(changes: FlowChange[]): void;
}

export function NodeInspector({ node, kind, events, validation, trace, readOnly, change }: Props) {
  const style = kindStyle(kind);
  const [label, setLabel] = useState(node.label ?? '');
  useEffect(() => setLabel(node.label ?? ''), [node.label]);
  const issues = validation.byNode.get(node.id) ?? [];
  return (
    <section className="inspector" aria-label={`Inspector: ${nodeName(node)}`}>
      <header className="inspector-head" style={{ '--cat': style.color } as React.CSSProperties}>
        <span className="fnode-icon" aria-hidden="true">
          {style.icon}
        </span>
        <div>
          <h2 className="inspector-title" title={`Node id ${node.id}, used in the flow document`}>
            {kind?.title ?? node.type}
          </h2>
        </div>
      </header>
      {kind && <p className="inspector-desc muted small">{kind.description}</p>}
      <label className="field">
        <span className="field-label">Label</span>
        <input
          value={label}
          placeholder={node.id}
          disabled={readOnly}
          maxLength={200}
          onChange={(e) => {
            setLabel(e.target.value);
            change([{ type: 'set-label', id: node.id, label: e.target.value }]);
          }}
        />
      </label>
      <IssueList issues={issues} />
      {kind ? (
        <NodeDataForm
          kind={kind}
          events={events}
          data={node.data as Record<string, unknown>}
          readOnly={readOnly}
          onChange={(data) => change([{ type: 'set-data', id: node.id, data }])}
        />
      ) : (
        <p className="notice notice-error">
          No node kind “{node.type}” is registered on this server, so it has no form. Delete the node or
          enable the plugin that provides it.
        </p>
      )}
      {trace && (
        <TraceDetail
          trace={trace}
          handleLabel={(id) => outputHandles(kind, node.data).find((h) => h.id === id)?.label ?? id}
        />
      )}
      {!readOnly && (
        <button
          type="button"
          className="button button-small inspector-delete"
          onClick={() => change([{ type: 'remove-node', id: node.id }])}
        >
          Delete node
        </button>
      )}
    </section>
  );
}
