import type { FlowValidationIssue } from '@baton/schemas/types';
import type { ValidationIndex } from '../../../hooks/useLiveValidation.ts';
import { IssueList } from './IssueList.tsx';

/** The inspector with nothing selected: how the draft stands and what to fix. */
export function FlowOverview({
  nodeCount,
  edgeCount,
  validation,
  onFocus,
}: {
  nodeCount: number;
  edgeCount: number;
  validation: ValidationIndex;
  onFocus(issue: FlowValidationIssue): void;
}) {
  const report = validation.report;
  const issues = [...(report?.errors ?? []), ...(report?.warnings ?? [])];
  return (
    <section className="inspector" aria-label="Inspector: flow">
      <h2 className="inspector-title">Draft</h2>
      <p className="muted small">
        {nodeCount} nodes · {edgeCount} edges ·{' '}
        {!report
          ? 'checking…'
          : report.valid
            ? 'ready to publish'
            : `${report.errors.length} error(s) to fix before publishing`}
      </p>
      {issues.length > 0 ? (
        <IssueList issues={issues} onFocus={onFocus} />
      ) : report ? (
        <p className="validation-ok">No problems found.</p>
      ) : null}
      <p className="muted small inspector-tip">
        Select a node to configure it. Drag from an output on the right of a node to another node to connect
        them. Press <kbd>?</kbd> for shortcuts.
      </p>
    </section>
  );
}
