import type { ExpertCandidate } from '@baton/schemas/types';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useIssueExperts } from '../../../hooks/useIssueContext.ts';

const FACTOR_LABELS: Record<string, string> = {
  skill: 'Skills',
  success: 'Track record',
  load: 'Load',
  availability: 'Availability',
};

export function ExpertReasons({ expert }: { expert: ExpertCandidate }) {
  return (
    <ul className="expert-reasons">
      {expert.reasons.map((reason) => (
        <li key={reason.factor}>
          <span className="expert-factor">{FACTOR_LABELS[reason.factor] ?? reason.factor}</span>{' '}
          <span className="muted">{reason.detail.replace(/\bin all\b/, 'in total')}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Who knows this best, ranked, each score explained; "Hand off" starts a handoff to that person. The
 * agent who owns the issue keeps their place in the ranking but is marked as its owner: there is no
 * handing an issue to whoever already has it.
 */
export function ExpertsPanel({
  issueId,
  ownerAgentId,
  onHandOff,
}: {
  issueId: string;
  ownerAgentId?: string | undefined;
  onHandOff(agentId: string): void;
}) {
  const experts = useIssueExperts(issueId);
  const list = experts.data?.experts.slice(0, 5) ?? [];
  return (
    <section className="panel" aria-label="Experts">
      <h2 className="panel-title">Experts for this issue</h2>
      {experts.isPending && <p className="muted small">Ranking agents…</p>}
      {experts.isError && <ErrorNotice error={experts.error} title="Could not rank experts" compact />}
      {experts.isSuccess && list.length === 0 && <p className="muted small">No agents to rank.</p>}
      <ol className="expert-list">
        {list.map((expert) => (
          <li key={expert.agentId} className="expert">
            <details>
              <summary>
                <span className="expert-name">{expert.name}</span>
                <span className={expert.available ? 'expert-avail' : 'expert-away'}>
                  {expert.available ? 'available' : 'not available'}
                </span>
                <span className="expert-score" title="Match score">
                  {Math.round(expert.score * 100)}%
                </span>
              </summary>
              <ExpertReasons expert={expert} />
            </details>
            {expert.agentId === ownerAgentId ? (
              <span className="muted small expert-owner">Owns this issue</span>
            ) : (
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => onHandOff(expert.agentId)}
              >
                Hand off
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
