import type { Issue, Principal } from '../../../api/types.ts';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { useAgents } from '../../../hooks/useAgents.ts';
import { useNow } from '../../../hooks/useNow.ts';
import type { PlaybookRun, PlaybookStep } from './api.ts';
import { StepCard } from './StepCard.tsx';
import { formatSpan } from './time.ts';

type Section =
  | { kind: 'steps'; steps: PlaybookStep[] }
  | { kind: 'lanes'; lanes: Map<string, PlaybookStep[]> };

/** Steps in the order they started; a fork's workstreams become one block of columns. */
function sections(steps: PlaybookStep[]): Section[] {
  const out: Section[] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (step.lane) {
      const block =
        last?.kind === 'lanes' ? last : { kind: 'lanes' as const, lanes: new Map<string, PlaybookStep[]>() };
      if (block !== last) out.push(block);
      block.lanes.set(step.lane, [...(block.lanes.get(step.lane) ?? []), step]);
    } else if (last?.kind === 'steps') last.steps.push(step);
    else out.push({ kind: 'steps', steps: [step] });
  }
  return out;
}

const STATUS_TEXT: Record<PlaybookRun['status'], string> = {
  active: 'In progress',
  completed: 'Completed',
  failed: 'Stopped',
  cancelled: 'Cancelled',
};

export function RunView({ run, issue, me }: { run: PlaybookRun; issue: Issue; me: Principal | undefined }) {
  const now = useNow(1_000);
  const agents = useAgents();
  const myTeams = new Set(agents.data?.find((a) => a.id === me?.agentId)?.teamIds ?? []);
  const isMine = (step: PlaybookStep) => {
    if (me?.roles.includes('admin')) return true;
    const people = step.assignees ?? [];
    if (!people.length) return Boolean(me?.roles.includes('agent'));
    return people.some((p) => (p.kind === 'agent' ? p.id === me?.agentId : myTeams.has(p.id)));
  };
  const open = run.steps.filter((s) => s.status === 'open' && !s.automatic);
  const waitingOn = open.map((s) =>
    s.type === 'satisfaction'
      ? 'the customer'
      : (s.assignees ?? []).map((a) => a.name).join(', ') || 'anyone working the issue',
  );
  const startedBy = run.trigger
    ? `on ${describeTrigger(run.trigger)}`
    : `by ${run.startedBy.name ?? 'someone'}`;

  return (
    <article className={`playbook-run playbook-run-${run.status}`}>
      <header className="playbook-run-header">
        <div>
          <h3 className="playbook-run-title">{run.flowName}</h3>
          <p className="playbook-muted">
            Started <RelativeTime iso={run.startedAt} /> {startedBy}
            {run.status !== 'active' && run.endedAt && (
              <>
                {' '}
                · {STATUS_TEXT[run.status].toLowerCase()} after{' '}
                {formatSpan(Date.parse(run.endedAt) - Date.parse(run.startedAt))}
              </>
            )}
          </p>
        </div>
        <span className={`playbook-status playbook-status-${run.status}`}>{STATUS_TEXT[run.status]}</span>
      </header>
      {run.status === 'active' && (
        <p className="playbook-waiting" aria-live="polite">
          {open.length ? (
            <>
              Waiting on <strong>{[...new Set(waitingOn)].join('; ')}</strong>
            </>
          ) : (
            'Running automatically — nothing waits on a person right now.'
          )}
        </p>
      )}
      {run.error && <p className="playbook-error">{run.error}</p>}
      {run.question && (
        <p className="playbook-question">
          <span className="playbook-muted">Question:</span> {run.question}
        </p>
      )}
      {sections(run.steps).map((section) =>
        section.kind === 'steps' ? (
          <ol key={section.steps[0]!.id} className="playbook-steps">
            {section.steps.map((step) => (
              <StepCard key={step.id} step={step} run={run} issue={issue} mine={isMine(step)} now={now} />
            ))}
          </ol>
        ) : (
          <fieldset key={[...section.lanes.values()][0]![0]!.id} className="playbook-lanes">
            <legend className="visually-hidden">Parallel workstreams</legend>
            {[...section.lanes].map(([lane, steps]) => (
              <section key={lane} className="playbook-lane" aria-label={lane}>
                <h4 className="playbook-lane-title">{lane}</h4>
                <ol className="playbook-steps">
                  {steps.map((step) => (
                    <StepCard
                      key={step.id}
                      step={step}
                      run={run}
                      issue={issue}
                      mine={isMine(step)}
                      now={now}
                    />
                  ))}
                </ol>
              </section>
            ))}
          </fieldset>
        ),
      )}
    </article>
  );
}

function describeTrigger(event: string): string {
  const words: Record<string, string> = {
    'issue.created': 'a critical issue',
    'issue.updated': 'the issue becoming critical',
    'sla.breached': 'an SLA breach',
    'handoff.offered': 'a handoff',
  };
  return words[event] ?? event;
}
