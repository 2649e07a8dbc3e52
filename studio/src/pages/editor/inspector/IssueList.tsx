import type { FlowValidationIssue } from '@baton/schemas/types';

/** Validation issues as the server words them, errors first. */
export function IssueList({
  issues,
  onFocus,
}: {
  issues: FlowValidationIssue[];
  onFocus?(issue: FlowValidationIssue): void;
}) {
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
              {issue.message}
            </button>
          ) : (
            <span className="issue-text">{issue.message}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
