import type { NotificationTemplate } from '@baton/schemas/types';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { listIssues } from '../../../api/issues.ts';
import { previewTemplate } from '../../../api/settings/templates.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';

const CHANNELS = [
  { value: 'email', label: 'Email' },
  { value: 'slack', label: 'Slack' },
  { value: 'sms', label: 'SMS' },
];

/** The message as it would read, rendered by the server with a real issue or an example one. */
export function TemplatePreview({ body }: { body: NotificationTemplate }) {
  const [channel, setChannel] = useState('email');
  const [issueId, setIssueId] = useState('');
  const issues = useQuery({
    queryKey: ['issues', 'list', 'template-preview'],
    queryFn: ({ signal }) => listIssues({}, { limit: 20, signal }),
    staleTime: 60_000,
  });
  const deferred = useDeferredValue(body);
  const preview = useQuery({
    queryKey: ['template-preview', deferred, channel, issueId],
    queryFn: ({ signal }) =>
      previewTemplate({ body: deferred, channel, ...(issueId ? { issueId } : {}) }, signal),
    enabled: deferred.text.trim() !== '',
    placeholderData: (previous) => previous,
    retry: false,
  });

  return (
    <section className="detail-panel" aria-labelledby="preview-title">
      <header className="detail-header">
        <h3 id="preview-title" className="detail-title">
          Preview
        </h3>
        <div className="inline-row">
          <select aria-label="Preview channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            {CHANNELS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <select
            aria-label="Preview with issue"
            value={issueId}
            onChange={(e) => setIssueId(e.target.value)}
          >
            <option value="">An example issue</option>
            {(issues.data?.items ?? []).map((issue) => (
              <option key={issue.id} value={issue.id}>
                {issue.subject}
              </option>
            ))}
          </select>
        </div>
      </header>
      {!body.text.trim() && <p className="muted">Write a message to see it here.</p>}
      {preview.isError && <ErrorNotice error={preview.error} title="This does not render yet" compact />}
      {preview.data && !preview.isError && (
        <section className="preview-box" aria-label="Rendered message">
          {preview.data.subject && <div className="preview-subject">{preview.data.subject}</div>}
          {preview.data.text}
        </section>
      )}
    </section>
  );
}
