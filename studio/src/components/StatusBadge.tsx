import type { IssueStatus } from '../api/types.ts';
import { labelOf, STATUS_LABELS } from '../lib/format.ts';

export function StatusBadge({ status }: { status: IssueStatus }) {
  return (
    <span className={`badge status status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {labelOf(STATUS_LABELS, status)}
    </span>
  );
}
