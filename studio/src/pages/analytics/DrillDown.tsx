import { Link } from 'react-router';
import type { IssueStatus, Priority } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PriorityBadge } from '../../components/PriorityBadge.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { type DrillTarget, useIssuesBehind } from '../../hooks/useIssuesBehind.ts';
import { formatDay } from './format.ts';

/** The issues behind the number picked, each linking to its issue page. */
export function DrillDown({ target, onClose }: { target: DrillTarget; onClose: () => void }) {
  const issues = useIssuesBehind(target);
  const data = issues.data;
  return (
    <aside className="drill-panel" aria-label="Issues behind the number">
      <header className="drill-header">
        <div>
          <h2 className="drill-title">{data ? data.columnLabel : 'Issues'}</h2>
          {data && (
            <p className="muted small">
              {data.keyLabel ? `${data.keyLabel} · ` : ''}
              {data.from === data.to
                ? formatDay(data.from)
                : `${formatDay(data.from)} – ${formatDay(data.to)}`}{' '}
              · {data.total} {data.total === 1 ? 'issue' : 'issues'}
            </p>
          )}
        </div>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          Close
        </button>
      </header>
      {issues.isPending && <Loading label="Loading issues…" />}
      {issues.isError && <ErrorNotice error={issues.error} title="Could not list the issues" compact />}
      {data && data.items.length === 0 && <p className="muted">No issues behind this number.</p>}
      {data && data.items.length > 0 && (
        <ul className="drill-list">
          {data.items.map((item) => (
            <li key={item.issueId} className="drill-item">
              <Link to={`/issues/${item.issueId}`} className="drill-link">
                {item.subject}
              </Link>
              <span className="drill-meta">
                {item.status && <StatusBadge status={item.status as IssueStatus} />}
                {item.priority && <PriorityBadge priority={item.priority as Priority} />}
                {item.count > 1 && <span className="muted small">{item.count} times</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.items.length && (
        <p className="muted small">Showing the {data.items.length} most recent.</p>
      )}
    </aside>
  );
}
