import { ErrorNotice } from './ErrorNotice.tsx';

interface Props {
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
  error?: unknown;
  label?: string;
}

/** The "load more" control for cursor-paginated lists; says so when the end is reached. */
export function LoadMore({ hasMore, loading, onLoad, error, label = 'Load more' }: Props) {
  if (error) return <ErrorNotice error={error} title="Could not load more" onRetry={onLoad} compact />;
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button" onClick={onLoad} disabled={loading}>
        {loading ? 'Loading…' : label}
      </button>
    </div>
  );
}
