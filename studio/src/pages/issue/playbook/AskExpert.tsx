import { useId, useState } from 'react';
import type { Issue } from '../../../api/types.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useExperts, usePlaybooks, useStartPlaybook } from './hooks.ts';

/**
 * Starts Expert Consultation with a question: the expert is the best available one (ranked with
 * reasons) unless the agent picks someone. The owner keeps the issue.
 */
export function AskExpert({ issue, onClose }: { issue: Issue; onClose: () => void }) {
  const playbooks = usePlaybooks();
  const experts = useExperts(issue.id, true);
  const start = useStartPlaybook(issue.id);
  const [question, setQuestion] = useState('');
  const [expert, setExpert] = useState('');
  const questionId = useId();
  const expertId = useId();
  const consultation = playbooks.data?.find((p) => p.triggers.includes('playbook.requested'));
  const owner = issue.assignee?.agentId;
  const candidates = (experts.data ?? []).filter((c) => c.agentId !== owner).slice(0, 8);

  return (
    <form
      className="ask-expert"
      onSubmit={(e) => {
        e.preventDefault();
        if (!consultation || !question.trim()) return;
        start.mutate(
          {
            playbookId: consultation.id,
            question: question.trim(),
            ...(expert ? { expertAgentId: expert } : {}),
          },
          { onSuccess: onClose },
        );
      }}
    >
      <p className="ask-expert-lead">
        Ask a specialist without handing the issue over — you stay the owner. They have 30 minutes to answer.
      </p>
      <label htmlFor={questionId} className="field-label">
        Your question
      </label>
      <textarea
        id={questionId}
        rows={3}
        value={question}
        maxLength={2000}
        placeholder="e.g. Is it safe to fail over the primary database during business hours?"
        onChange={(e) => setQuestion(e.target.value)}
      />
      <label htmlFor={expertId} className="field-label">
        Expert
      </label>
      <select id={expertId} value={expert} onChange={(e) => setExpert(e.target.value)}>
        <option value="">The best available expert</option>
        {candidates.map((c) => (
          <option key={c.agentId} value={c.agentId}>
            {c.name} — {Math.round(c.score * 100)}/100{c.available ? '' : ' (not available now)'}
          </option>
        ))}
      </select>
      {!consultation && playbooks.isSuccess && (
        <p className="playbook-muted">The Expert Consultation playbook is not installed.</p>
      )}
      <div className="ask-expert-actions">
        <button type="button" className="button button-small button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={!consultation || !question.trim() || start.isPending}
        >
          {start.isPending ? 'Asking…' : 'Ask'}
        </button>
      </div>
      {start.error && <ErrorNotice error={start.error} title="Not asked" compact />}
    </form>
  );
}
