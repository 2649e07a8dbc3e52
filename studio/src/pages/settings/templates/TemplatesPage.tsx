import type { MessageTemplate } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listTemplates } from '../../../api/settings/templates.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { purposeLabel } from './purposes.ts';
import { TemplateEditor } from './TemplateEditor.tsx';

/** The Handoff Template Library: named, versioned messages that notify and handoff steps pick by name. */
export function TemplatesPage() {
  const templates = useQuery({
    queryKey: queryKeys.templates,
    queryFn: ({ signal }) => listTemplates(signal),
  });
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const list = (templates.data ?? []).filter((t) =>
    `${t.name} ${t.description ?? ''} ${purposeLabel(t.purpose)}`
      .toLowerCase()
      .includes(search.trim().toLowerCase()),
  );
  const creating = selected === 'new' || (templates.isSuccess && !templates.data.length);
  const current: MessageTemplate | undefined = creating
    ? undefined
    : (templates.data?.find((t) => t.id === selected) ?? list[0]);

  return (
    <div className="page page-full">
      <PageHeader
        title="Template library"
        meta={<span>Flows pick these by name; every save is kept as a version</span>}
        actions={
          <button type="button" className="button button-primary" onClick={() => setSelected('new')}>
            New template
          </button>
        }
      />
      {templates.isPending && <Loading label="Loading templates…" />}
      {templates.isError && (
        <ErrorNotice
          error={templates.error}
          title="Could not load templates"
          onRetry={() => void templates.refetch()}
        />
      )}
      {templates.isSuccess && (
        <div className="master-detail">
          <div className="form">
            <input
              className="settings-input"
              type="search"
              aria-label="Search templates"
              placeholder="Search templates"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            {!templates.data.length && (
              <EmptyState title="No templates yet">
                Write the first one: a warm introduction is a good start.
              </EmptyState>
            )}
            <ul className="master-list" aria-label="Templates">
              {list.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className={!creating && t.id === current?.id ? 'master-item active' : 'master-item'}
                    onClick={() => setSelected(t.id)}
                  >
                    <span className="master-item-title">{t.name}</span>
                    <span className="master-item-meta">
                      {purposeLabel(t.purpose)} · version {t.version}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {(creating || current) && (
            <TemplateEditor
              key={creating ? 'new' : `${current!.id}@${current!.version}`}
              template={creating ? undefined : current}
              onSaved={(saved) => setSelected(saved.id)}
            />
          )}
        </div>
      )}
    </div>
  );
}
