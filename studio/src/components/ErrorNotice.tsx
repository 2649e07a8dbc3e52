import { isApiError } from '../api/errors.ts';

interface Props {
  error: unknown;
  /** What was being done, e.g. "Could not load the inbox". */
  title?: string;
  onRetry?: () => void;
  compact?: boolean;
}

/** Shows an API problem (title, detail, field errors) or any other error, inline and readable. */
export function ErrorNotice({ error, title, onRetry, compact }: Props) {
  const problem = isApiError(error) ? error.problem : null;
  const heading = title ?? problem?.title ?? 'Something went wrong';
  const detail = problem
    ? [title ? problem.title : null, problem.detail].filter(Boolean).join(': ')
    : error instanceof Error
      ? error.message
      : String(error);

  return (
    <div role="alert" className={compact ? 'notice notice-error notice-compact' : 'notice notice-error'}>
      <div className="notice-body">
        <strong className="notice-title">{heading}</strong>
        {detail && <span className="notice-detail">{detail}</span>}
        {problem?.errors && problem.errors.length > 0 && (
          <ul className="notice-errors">
            {problem.errors.map((e) => (
              <li key={`${e.pointer}:${e.detail}`}>
                {e.pointer && <code>{e.pointer}</code>} {e.detail}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
