import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { kindStyle } from '../../../flow/categories.ts';
import { nodeName } from '../../../flow/graph.ts';
import { messageInWords } from '../../../flow/messages.ts';
import { ROLE_LABEL, stepInfo } from '../../../flow/playbook.ts';
import { dataSummary } from '../../../flow/summary.ts';
import { useNameOf } from '../../../hooks/useCanvasNames.ts';
import type { CanvasNode } from './types.ts';

/**
 * A node on the canvas, drawn from its kind's description alone: category colour and icon, title,
 * a summary of its data, one input (triggers have none) and one labelled output per handle.
 */
export const FlowNodeCard = memo(function FlowNodeCard({ data, selected, type }: NodeProps<CanvasNode>) {
  const { node, kind, handles, orphans, issues, trace, offPath, diff, replay, peers } = data;
  const style = kindStyle(kind);
  const errors = issues?.filter((i) => i.severity === 'error') ?? [];
  const warnings = issues?.filter((i) => i.severity === 'warning') ?? [];
  const classes = [
    'fnode',
    `cat-${kind?.category ?? 'unknown'}`,
    selected ? 'is-selected' : '',
    errors.length ? 'has-errors' : warnings.length ? 'has-warnings' : '',
    trace ? 'on-path' : '',
    offPath ? 'off-path' : '',
    diff ? `diff-${diff}` : '',
    type === 'ghost' ? 'is-ghost' : '',
  ];
  const nameOf = useNameOf();
  const summary = dataSummary(node.data as Record<string, unknown>, nameOf);
  const step = stepInfo(node.type, node.data as Record<string, unknown>);
  const failedStep = trace?.steps.find((s) => s.error);
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      style={
        {
          '--cat': style.color,
          ...(peers?.length ? { '--peer': peers[0]!.color } : {}),
        } as React.CSSProperties
      }
      data-node-id={node.id}
      data-kind={node.type}
    >
      {kind?.category !== 'trigger' && <Handle type="target" position={Position.Left} className="fnode-in" />}
      <div className="fnode-head">
        <span className="fnode-icon" aria-hidden="true">
          {style.icon}
        </span>
        <span className="fnode-kind">{kind?.title ?? `Unknown kind “${node.type}”`}</span>
        {trace && (
          <span className="fnode-step" title={`Step ${trace.order.join(', ')} of the path`}>
            {trace.order.join('·')}
          </span>
        )}
        {errors.length > 0 && (
          <span className="fnode-badge error" title={errors.map((e) => e.message).join('\n')}>
            {errors.length}
          </span>
        )}
        {!errors.length && warnings.length > 0 && (
          <span className="fnode-badge warning" title={warnings.map((e) => e.message).join('\n')}>
            !
          </span>
        )}
      </div>
      <div className="fnode-title">{nodeName(node)}</div>
      {(step.role || step.window) && (
        <div className="fnode-step-info">
          {step.role && <span className="fnode-role">{ROLE_LABEL[step.role]}</span>}
          {step.window && <span className="fnode-window">⏱ {step.window}</span>}
        </div>
      )}
      {summary.length > 0 && (
        <div className="fnode-summary">
          {summary.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      )}
      {errors[0] && (
        <div className="fnode-error">{messageInWords(errors[0].message, () => node.label || undefined)}</div>
      )}
      {failedStep?.error && <div className="fnode-error">{failedStep.error}</div>}
      {replay && (
        <div className="fnode-replay" title="Runs through this node: draft vs published">
          draft {replay.draft} · published {replay.published}
        </div>
      )}
      {handles.length + orphans.length > 0 && (
        <div className="fnode-outputs">
          {handles.map((h) => {
            const taken = trace?.steps.some((s) => s.handle === h.id);
            return (
              <div key={h.id} className={`fnode-output${taken ? ' taken' : ''}`}>
                <span>{h.label}</span>
                <Handle type="source" id={h.id} position={Position.Right} className="fnode-out" />
              </div>
            );
          })}
          {orphans.map((id) => (
            <div
              key={id}
              className="fnode-output orphan"
              title={`No output “${id}” on this node: reconnect or delete the edge`}
            >
              <span>{id} (missing)</span>
              <Handle
                type="source"
                id={id}
                position={Position.Right}
                className="fnode-out"
                isConnectable={false}
              />
            </div>
          ))}
        </div>
      )}
      {peers && peers.length > 0 && (
        <div className="fnode-peers">
          {peers.map((p) => (
            <span key={p.name + p.color} style={{ background: p.color }}>
              {p.name}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
