import type { KbArticle, KbArticleStatus, KbArticleUpdate } from '@baton/schemas/types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { updateArticle } from '../../../api/settings/kb.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { FieldErrors } from '../common/FieldErrors.tsx';
import { WordListInput } from '../common/WordListInput.tsx';
import { KB_ACTIONS, KB_STATUS_LABELS } from './statuses.ts';

export function ArticleEditor({ article }: { article: KbArticle }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(article.title);
  const [problem, setProblem] = useState(article.problem);
  const [steps, setSteps] = useState<string[]>(article.resolution);
  const [tags, setTags] = useState<string[]>(article.tags);
  const edits: KbArticleUpdate = {
    ...(title !== article.title ? { title } : {}),
    ...(problem !== article.problem ? { problem } : {}),
    ...(JSON.stringify(steps) !== JSON.stringify(article.resolution)
      ? { resolution: steps.filter((s) => s.trim()) }
      : {}),
    ...(JSON.stringify(tags) !== JSON.stringify(article.tags) ? { tags } : {}),
  };
  const dirty = Object.keys(edits).length > 0;
  const update = useMutation({
    mutationFn: (patch: KbArticleUpdate) => updateArticle(article.id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['kb-articles'] }),
  });
  const move = (to: KbArticleStatus) => update.mutate({ ...edits, status: to });

  return (
    <form
      className="detail-panel form"
      aria-label={`Article ${article.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) update.mutate(edits);
      }}
    >
      <header className="detail-header">
        <span className="badge tone tone-quiet">{KB_STATUS_LABELS[article.status]}</span>
        {article.sourceIssueId && (
          <Link to={`/issues/${article.sourceIssueId}`} className="small">
            Open the issue it came from
          </Link>
        )}
      </header>
      <label className="field">
        <span className="field-label">Title</span>
        <input className="settings-input" value={title} onChange={(e) => setTitle(e.target.value)} />
        <FieldErrors error={update.error} pointer="/body/title" />
      </label>
      <label className="field">
        <span className="field-label">The problem, in the customer's words</span>
        <textarea
          rows={4}
          value={problem}
          onChange={(e) => setProblem(e.target.value)}
          style={{ fontFamily: 'inherit' }}
        />
      </label>
      <div className="field">
        <span className="field-label">Steps that resolve it</span>
        <ol className="kb-article-steps calendar-hours">
          {steps.map((step, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity but their place
            <li key={i}>
              <div className="inline-row">
                <textarea
                  rows={2}
                  aria-label={`Step ${i + 1}`}
                  value={step}
                  style={{ flex: 1, fontFamily: 'inherit' }}
                  onChange={(e) => setSteps(steps.map((s, j) => (j === i ? e.target.value : s)))}
                />
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" className="button button-small" onClick={() => setSteps([...steps, ''])}>
            Add a step
          </button>
        </div>
        <FieldErrors error={update.error} pointer="/body/resolution" />
      </div>
      <div className="field">
        <span className="field-label">Tags</span>
        <WordListInput label="Tags" placeholder="Add a tag" value={tags} onChange={setTags} />
        <FieldErrors error={update.error} pointer="/body/tags" />
      </div>
      {update.error && <ErrorNotice error={update.error} title="The article was not saved" compact />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={!dirty || update.isPending}>
          Save changes
        </button>
        {KB_ACTIONS[article.status].map((action) => (
          <button
            key={action.to}
            type="button"
            className={action.primary ? 'button button-primary' : 'button'}
            disabled={update.isPending}
            onClick={() => move(action.to)}
          >
            {action.label}
          </button>
        ))}
      </div>
    </form>
  );
}
