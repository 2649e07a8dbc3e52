import type { MessageTemplate, MessageTemplatePurpose, NotificationTemplate } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createTemplate, saveTemplate } from '../../../api/settings/templates.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { queryKeys } from '../../../lib/queryKeys.ts';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { PURPOSES, VARIABLES } from './purposes.ts';
import { TemplatePreview } from './TemplatePreview.tsx';
import { TemplateVersions } from './TemplateVersions.tsx';

export function TemplateEditor({
  template,
  onSaved,
}: {
  template: MessageTemplate | undefined;
  onSaved(template: MessageTemplate): void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(template?.name ?? '');
  const [purpose, setPurpose] = useState<MessageTemplatePurpose>(template?.purpose ?? 'introduction');
  const [description, setDescription] = useState(template?.description ?? '');
  const [subject, setSubject] = useState(template?.body.subject ?? '');
  const [text, setText] = useState(template?.body.text ?? '');
  const [note, setNote] = useState('');
  const body: NotificationTemplate = {
    ...template?.body,
    text,
    ...(subject.trim() ? { subject } : { subject: undefined }),
  };
  const save = useMutation({
    mutationFn: () => {
      const common = {
        name: name.trim(),
        purpose,
        ...(description.trim() ? { description: description.trim() } : {}),
        body: JSON.parse(JSON.stringify(body)) as NotificationTemplate,
      };
      return template
        ? saveTemplate(template.id, {
            ...common,
            baseVersion: template.version,
            ...(note.trim() ? { note: note.trim() } : {}),
          })
        : createTemplate(common);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.templates });
      onSaved(saved);
    },
  });

  return (
    <div className="form">
      <form
        className="detail-panel form"
        aria-label={template ? `Template ${template.name}` : 'New template'}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <header className="detail-header">
          <h2 className="detail-title">{template ? template.name : 'New template'}</h2>
          {template && <span className="muted small">Version {template.version}</span>}
        </header>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">Name (flows pick it by this)</span>
            <input
              className="settings-input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
            <FieldErrors error={save.error} pointer="/body/name" />
          </label>
          <label className="field">
            <span className="field-label">Used for</span>
            <select value={purpose} onChange={(e) => setPurpose(e.target.value as MessageTemplatePurpose)}>
              {PURPOSES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-grow">
            <span className="field-label">Description</span>
            <input
              className="settings-input"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
        </div>
        <label className="field">
          <span className="field-label">Subject (email, Slack heading)</span>
          <input className="settings-input" value={subject} onChange={(e) => setSubject(e.target.value)} />
          <FieldErrors error={save.error} pointer="/body/body/subject" />
        </label>
        <label className="field">
          <span className="field-label">Message</span>
          <textarea rows={8} value={text} onChange={(e) => setText(e.target.value)} required />
          <FieldErrors error={save.error} pointer="/body/body/text" />
        </label>
        <p className="field-hint">
          Put a detail in double braces:{' '}
          {VARIABLES.map((v, i) => (
            <span key={v.name}>
              {i > 0 && ', '}
              <code>{`{{ ${v.name} }}`}</code> {v.meaning}
            </span>
          ))}
          .
        </p>
        {template && (
          <label className="field">
            <span className="field-label">What changed (kept with the version)</span>
            <input
              className="settings-input"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="e.g. friendlier opening"
            />
          </label>
        )}
        {save.error && <ErrorNotice error={save.error} title="The template was not saved" compact />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={save.isPending || !name.trim() || !text.trim()}
          >
            {template ? `Save as version ${template.version + 1}` : 'Create template'}
          </button>
        </div>
      </form>
      <TemplatePreview body={body} />
      {template && <TemplateVersions template={template} />}
    </div>
  );
}
