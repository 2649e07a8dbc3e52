import { Link } from 'react-router';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useIssueSimilar } from '../../../hooks/useIssueContext.ts';

/**
 * Past issues resolved like this one and knowledge-base articles, with how they were solved; one click
 * puts the resolution into the reply for the agent to adapt.
 */
export function SimilarPanel({
  issueId,
  onUseInReply,
}: {
  issueId: string;
  onUseInReply(text: string): void;
}) {
  const similar = useIssueSimilar(issueId);
  const items = similar.data?.items ?? [];
  // Right after the server starts, past issues are still being indexed (retrieval.warming): say so
  // rather than "nothing similar", and the hook asks again until the index is complete.
  const warming = similar.data?.retrieval.warming === true;
  return (
    <section className="panel" aria-label="Similar resolutions and articles">
      <h2 className="panel-title">Similar resolutions &amp; articles</h2>
      {similar.isPending && <p className="muted small">Searching past resolutions…</p>}
      {similar.isError && (
        <ErrorNotice
          error={similar.error}
          title="Could not search"
          compact
          onRetry={() => void similar.refetch()}
        />
      )}
      {similar.isSuccess && warming && (
        <p className="muted small similar-warming" role="status">
          {items.length === 0
            ? 'Still indexing past issues… similar resolutions will appear here in a moment.'
            : 'Still indexing past issues… more may appear.'}
        </p>
      )}
      {similar.isSuccess && !warming && items.length === 0 && (
        <p className="muted small">Nothing similar resolved yet.</p>
      )}
      <ul className="similar-list">
        {items.map((item) => (
          <li key={`${item.kind}:${item.id}`} className="similar-item">
            <div className="similar-head">
              <span className={`similar-kind similar-${item.kind}`}>
                {item.kind === 'article' ? 'Article' : 'Resolved issue'}
              </span>
              {item.kind === 'issue' ? (
                <Link to={`/issues/${encodeURIComponent(item.id)}`} className="similar-title">
                  {item.title}
                </Link>
              ) : (
                <span className="similar-title">{item.title}</span>
              )}
              {item.repeats ? (
                <span className="similar-repeats muted small">
                  Answered the same way in {item.repeats} other {item.repeats === 1 ? 'issue' : 'issues'}
                </span>
              ) : null}
            </div>
            {item.resolution && (
              <details className="similar-resolution">
                <summary>{item.resolution.split('\n')[0]!.slice(0, 140)}</summary>
                <p>{item.resolution}</p>
              </details>
            )}
            {item.resolution && (
              <button
                type="button"
                className="button button-small"
                onClick={() => onUseInReply(item.resolution!)}
              >
                Use in reply
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
