import { useEffect, useId, useState } from 'react';
import type { Issue } from '../../../api/types.ts';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import type { PlaybookRun, PlaybookStep } from './api.ts';
import { useStepAction } from './hooks.ts';
import { countdown, formatSpan } from './time.ts';

const ROLE: Record<string, string> = {
  owner: 'Owner',
  receiver: 'Receiver',
  expert: 'Expert',
  cs: 'Customer success',
  leadership: 'Leadership',
  product: 'Product',
};

const DONE_TEXT: Record<string, string> = {
  done: 'Done',
  confirmed: 'Confirmed',
  refused: 'Refused',
  answered: 'Answered',
  unanswered: 'No answer',
  satisfied: 'Satisfied',
  unsatisfied: 'Not satisfied',
  'no-answer': 'No answer',
};

interface Props {
  step: PlaybookStep;
  run: PlaybookRun;
  issue: Issue;
  /** The signed-in person is one of the step's people (or an admin). */
  mine: boolean;
  now: number;
}

/** One step: who, when it is due (live), its checklist and evidence, and what the person can do. */
export function StepCard({ step, run, issue, mine, now }: Props) {
  const act = useStepAction(issue.id);
  const open = step.status === 'open' && run.status === 'active';
  const send = (action: Parameters<typeof act.mutate>[0]['action']) =>
    act.mutate({ runId: run.id, stepId: step.id, action });
  const people = (step.assignees ?? []).map((a) => a.name).join(', ');

  if (step.automatic) {
    return (
      <li className="playbook-step playbook-step-auto">
        <div className="playbook-step-head">
          <span className="playbook-step-title">{step.title}</span>
          <span className="playbook-chip playbook-chip-auto">Automatic</span>
        </div>
        {step.output && step.output.length > 0 && (
          <ul className="playbook-output">
            {step.output.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </li>
    );
  }

  return (
    <li
      className={`playbook-step playbook-step-${open ? 'open' : 'closed'}${mine && open ? ' playbook-step-mine' : ''}`}
    >
      <div className="playbook-step-head">
        <span className="playbook-step-title">{step.title}</span>
        <StepTiming step={step} now={now} />
      </div>
      <p className="playbook-step-who">
        {step.type === 'satisfaction' ? (
          'Waiting on the customer'
        ) : (
          <>
            {step.role && <span className="playbook-role">{ROLE[step.role] ?? step.role}</span>}{' '}
            {people || 'anyone working the issue'}
            {mine && open && <span className="playbook-chip playbook-chip-you">You</span>}
          </>
        )}
      </p>
      {step.instructions && open && <p className="playbook-instructions">{step.instructions}</p>}
      {step.items && step.items.length > 0 && (
        <ul className="playbook-items">
          {step.items.map((item) => (
            <ChecklistItem
              key={item.id}
              text={item.text}
              done={item.done}
              disabled={!open || !mine || act.isPending}
              failed={act.isError}
              onChange={(done) => send({ action: 'check', itemId: item.id, done })}
            />
          ))}
        </ul>
      )}
      {step.consultation && (
        <Consultation
          step={step}
          open={open && mine}
          onAnswer={(answer) => send({ action: 'answer', answer })}
          pending={act.isPending}
        />
      )}
      {step.type === 'receipt' && (
        <Receipt
          step={step}
          open={open && mine}
          pending={act.isPending}
          onAnswer={(confirmed, reason) =>
            send({ action: 'receipt', confirmed, ...(reason ? { reason } : {}) })
          }
        />
      )}
      {step.satisfaction && (
        <p className="playbook-muted">
          {step.satisfaction.question}
          {step.satisfaction.comment && <> — “{step.satisfaction.comment}”</>}
        </p>
      )}
      {step.evidence && step.evidence.length > 0 && (
        <ul className="playbook-evidence">
          {step.evidence.map((e) => (
            <li key={e.id}>
              {e.url ? (
                <a href={e.url} target="_blank" rel="noreferrer">
                  {e.text}
                </a>
              ) : (
                e.text
              )}{' '}
              <span className="playbook-muted">— {e.by.name ?? 'someone'}</span>
            </li>
          ))}
        </ul>
      )}
      {open && mine && step.type === 'task' && (
        <TaskActions
          step={step}
          pending={act.isPending}
          onEvidence={(text, url) => send({ action: 'evidence', text, ...(url ? { url } : {}) })}
          onDone={() => send({ action: 'done' })}
        />
      )}
      {act.error && <ErrorNotice error={act.error} title="Not saved" compact />}
      {!open && step.doneBy && step.status !== 'unanswered' && step.status !== 'no-answer' && (
        <p className="playbook-muted">
          {DONE_TEXT[step.status] ?? step.status} by{' '}
          {step.doneBy.name ?? (step.doneBy.kind === 'customer' ? 'the customer' : 'someone')}
          {step.durationMs !== undefined && <> after {formatSpan(step.durationMs)}</>}
        </p>
      )}
    </li>
  );
}

/**
 * A checklist line that ticks the moment it is clicked. The box is controlled by the server's
 * copy of the step, which arrives a round trip later; until it does, the box shows what the person
 * clicked, so it does not flicker back to unticked. If the save fails it shows the server's copy.
 */
function ChecklistItem({
  text,
  done,
  disabled,
  failed,
  onChange,
}: {
  text: string;
  done: boolean;
  disabled: boolean;
  failed: boolean;
  onChange: (done: boolean) => void;
}) {
  const [clicked, setClicked] = useState<boolean | null>(null);
  useEffect(() => {
    if (clicked !== null && (done === clicked || failed)) setClicked(null);
  }, [clicked, done, failed]);
  return (
    <li>
      <label>
        <input
          type="checkbox"
          checked={clicked ?? done}
          disabled={disabled}
          onChange={(e) => {
            setClicked(e.target.checked);
            onChange(e.target.checked);
          }}
        />{' '}
        {text}
      </label>
    </li>
  );
}

function StepTiming({ step, now }: { step: PlaybookStep; now: number }) {
  if (step.status !== 'open') {
    const met = !step.missed;
    return (
      <span className={`playbook-chip ${met ? 'playbook-chip-met' : 'playbook-chip-missed'}`}>
        {DONE_TEXT[step.status] ?? step.status}
        {step.windowMs !== undefined && (met ? ' · in time' : ' · window missed')}
      </span>
    );
  }
  if (!step.dueAt) return <span className="playbook-chip">Open</span>;
  const c = countdown(step.dueAt, now);
  const due = new Date(step.dueAt);
  const sameDay = due.toDateString() === new Date(now).toDateString();
  const at = due.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const when = sameDay
    ? at
    : `${due.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} ${at}`;
  return (
    <span className="playbook-timing">
      <span className="playbook-due">due {when}</span>
      <span
        className={`playbook-chip playbook-countdown${c.overdue ? ' playbook-chip-missed' : c.soon ? ' playbook-chip-soon' : ''}`}
        title={step.windowMs !== undefined ? `A ${formatSpan(step.windowMs)} window` : undefined}
      >
        {c.overdue && step.missed ? `Escalated · ${c.text}` : c.text}
      </span>
    </span>
  );
}

function TaskActions({
  step,
  pending,
  onEvidence,
  onDone,
}: {
  step: PlaybookStep;
  pending: boolean;
  onEvidence: (text: string, url?: string) => void;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const evidenceId = useId();
  const allChecked = (step.items ?? []).every((i) => i.done);
  const needsEvidence = step.evidenceRule === 'required' && !step.evidence?.length;
  return (
    <div className="playbook-actions">
      {step.evidenceRule !== 'none' && (
        <form
          className="playbook-evidence-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            onEvidence(text.trim(), url.trim() || undefined);
            setText('');
            setUrl('');
          }}
        >
          <label htmlFor={evidenceId} className="visually-hidden">
            Evidence
          </label>
          <input
            id={evidenceId}
            value={text}
            placeholder={
              needsEvidence ? 'Evidence (required): what was done, where' : 'Attach evidence (optional)'
            }
            onChange={(e) => setText(e.target.value)}
          />
          <input
            value={url}
            type="url"
            placeholder="Link (optional)"
            aria-label="Evidence link"
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={!text.trim() || pending}>
            Attach
          </button>
        </form>
      )}
      <button
        type="button"
        className="button button-small button-primary"
        disabled={!allChecked || needsEvidence || pending}
        title={!allChecked ? 'Check every item first' : needsEvidence ? 'Attach evidence first' : undefined}
        onClick={onDone}
      >
        Mark step done
      </button>
    </div>
  );
}

function Consultation({
  step,
  open,
  pending,
  onAnswer,
}: {
  step: PlaybookStep;
  open: boolean;
  pending: boolean;
  onAnswer: (answer: string) => void;
}) {
  const [answer, setAnswer] = useState('');
  const answerId = useId();
  const c = step.consultation!;
  return (
    <div className="playbook-consultation">
      <p>
        <span className="playbook-muted">Asked{c.expert ? ` ${c.expert.name}` : ''}:</span> {c.question}
      </p>
      {c.answer && (
        <blockquote className="playbook-answer">
          {c.answer}
          <footer className="playbook-muted">— {c.answeredBy?.name ?? c.expert?.name ?? 'the expert'}</footer>
        </blockquote>
      )}
      {step.status === 'unanswered' && (
        <p className="playbook-muted">No answer in time. You still own the issue.</p>
      )}
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (answer.trim()) onAnswer(answer.trim());
          }}
        >
          <label htmlFor={answerId} className="field-label">
            Your answer
          </label>
          <textarea id={answerId} rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <button
            type="submit"
            className="button button-small button-primary"
            disabled={!answer.trim() || pending}
          >
            Send answer
          </button>
        </form>
      )}
    </div>
  );
}

function Receipt({
  step,
  open,
  pending,
  onAnswer,
}: {
  step: PlaybookStep;
  open: boolean;
  pending: boolean;
  onAnswer: (confirmed: boolean, reason?: string) => void;
}) {
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  if (step.status === 'refused' && step.receipt?.reason) {
    return <p className="playbook-muted">Missing: {step.receipt.reason}</p>;
  }
  if (!open) return null;
  return (
    <div className="playbook-actions">
      {refusing ? (
        <form
          className="playbook-evidence-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) onAnswer(false, reason.trim());
          }}
        >
          <input
            value={reason}
            placeholder="What is missing from the brief?"
            aria-label="What is missing"
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={!reason.trim() || pending}>
            Send back
          </button>
        </form>
      ) : (
        <>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={pending}
            onClick={() => onAnswer(true)}
          >
            I have the brief
          </button>
          <button type="button" className="button button-small" onClick={() => setRefusing(true)}>
            Something is missing
          </button>
        </>
      )}
    </div>
  );
}
