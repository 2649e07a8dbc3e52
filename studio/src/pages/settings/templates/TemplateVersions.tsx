import type { MessageTemplate, MessageTemplateVersion } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { templateVersions } from '../../../api/settings/templates.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';

/** Every saved version with who saved it and when; open one to read what it said. */
export function TemplateVersions({ template }: { template: MessageTemplate }) {
  const versions = useQuery({
    queryKey: [...queryKeys.templateVersions(template.id), template.version],
    queryFn: ({ signal }) => templateVersions(template.id, signal),
  });
  const [open, setOpen] = useState<MessageTemplateVersion | null>(null);
  return (
    <section className="detail-panel" aria-labelledby="versions-title">
      <h3 id="versions-title" className="detail-title">
        Versions
      </h3>
      {versions.isPending && <Loading label="Loading versions…" />}
      {versions.isError && <ErrorNotice error={versions.error} title="Could not load versions" compact />}
      <ul className="version-list" aria-label="Versions">
        {(versions.data ?? []).map((v) => (
          <li key={v.version} className="inline-row">
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setOpen(open?.version === v.version ? null : v)}
            >
              Version {v.version}
            </button>
            <span>
              {v.author.name ?? 'Someone'} · <RelativeTime iso={v.createdAt} />
              {v.note && <span className="muted"> — {v.note}</span>}
            </span>
          </li>
        ))}
      </ul>
      {open && (
        <section className="preview-box" aria-label={`Version ${open.version}`}>
          {open.body.subject && <div className="preview-subject">{open.body.subject}</div>}
          {open.body.text}
        </section>
      )}
    </section>
  );
}
