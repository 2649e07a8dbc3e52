import type { FlowValidationIssue } from '@baton/schemas/types';
import { createContext, useContext } from 'react';
import { type LabelOf, messageInWords } from '../../../flow/messages.ts';

/** Node and edge labels by id, so problems name nodes as the person named them. */
export const LabelContext = createContext<LabelOf>(() => undefined);

/** Validation issues as the server words them, errors first. */
export function IssueList({
  issues,
  onFocus,
}: {
  issues: FlowValidationIssue[];
  onFocus?(issue: FlowValidationIssue): void;
}) {
  const labelOf = useContext(LabelContext);
  if (!issues.length) return null;
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <ul className="issue-list" aria-label="Problems">
      {sorted.map((issue) => (
        <li key={`${issue.code}:${issue.pointer}:${issue.message}`} className={`issue ${issue.severity}`}>
          <span className="issue-icon" role="img" aria-label={issue.severity}>
            {issue.severity === 'error' ? '✕' : '!'}
          </span>
          {onFocus && (issue.nodeId || issue.edgeId) ? (
            <button type="button" className="issue-text link-button" onClick={() => onFocus(issue)}>
              {messageInWords(issue.message, labelOf)}
            </button>
          ) : (
            <span className="issue-text">{messageInWords(issue.message, labelOf)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
