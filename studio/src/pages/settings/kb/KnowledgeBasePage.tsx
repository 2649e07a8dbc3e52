import type { KbArticle, KbArticleStatus } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { listArticles } from '../../../api/settings/kb.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { KB_STATUS_LABELS } from './statuses.ts';

const FILTERS: { value: KbArticleStatus | ''; label: string }[] = [
  { value: 'draft', label: 'Drafts to review' },
  { value: 'reviewable', label: 'Ready to publish' },
  { value: 'published', label: 'Published' },
  { value: 'archived', label: 'Archived' },
  { value: '', label: 'All' },
];

/** Articles captured from resolved issues: review, edit, tag and publish them for self-service. */
export function KnowledgeBasePage() {
  const [status, setStatus] = useState<KbArticleStatus | ''>('draft');
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const filters = {
    ...(status ? { status } : {}),
    ...(search.trim() ? { q: search.trim() } : {}),
    ...(tag.trim() ? { tag: tag.trim() } : {}),
  };
  const deferred = useDeferredValue(filters);
  const articles = useQuery({
    queryKey: queryKeys.kbArticles(deferred),
    queryFn: ({ signal }) => listArticles(deferred, signal),
    placeholderData: (previous) => previous,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const list = articles.data ?? [];
  const current: KbArticle | undefined = list.find((a) => a.id === selected) ?? list[0];

  return (
    <div className="page page-full">
      <PageHeader title="Knowledge base" meta={<span>Drafts are captured when issues resolve</span>} />
      <div className="page-body">
        <div className="inline-row">
          <fieldset className="segmented" aria-label="Status">
            {FILTERS.map((f) => (
              <label key={f.label} className={status === f.value ? 'segment active' : 'segment'}>
                <input
                  type="radio"
                  name="kb-status"
                  checked={status === f.value}
                  onChange={() => setStatus(f.value)}
                />
                {f.label}
              </label>
            ))}
          </fieldset>
          <input
            className="settings-input"
            type="search"
            aria-label="Search articles"
            placeholder="Search words"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <input
            className="settings-input"
            aria-label="Tag"
            placeholder="Tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
        </div>
        {articles.isPending && <Loading label="Loading articles…" />}
        {articles.isError && (
          <ErrorNotice
            error={articles.error}
            title="Could not load articles"
            onRetry={() => void articles.refetch()}
          />
        )}
        {articles.isSuccess && !list.length && (
          <EmptyState title="Nothing here">
            {status === 'draft'
              ? 'No drafts wait for review: they appear when issues are resolved.'
              : 'No article matches.'}
          </EmptyState>
        )}
        {list.length > 0 && current && (
          <div className="master-detail" style={{ padding: 0 }}>
            <ul className="master-list" aria-label="Articles">
              {list.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className={a.id === current.id ? 'master-item active' : 'master-item'}
                    onClick={() => setSelected(a.id)}
                  >
                    <span className="master-item-title">{a.title}</span>
                    <span className="master-item-meta">
                      {KB_STATUS_LABELS[a.status]} · <RelativeTime iso={a.updatedAt} />
                      {a.queue ? ` · ${a.queue}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <ArticleEditor key={`${current.id}:${current.updatedAt}`} article={current} />
          </div>
        )}
      </div>
    </div>
  );
}
