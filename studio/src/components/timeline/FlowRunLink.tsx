import { Link } from 'react-router';
import type { Actor } from '../../api/types.ts';
import { useIssueRuns } from '../../hooks/useIssueRuns.ts';
import { systemActorName } from '../../lib/systemEvents.ts';

/**
 * A flow's change links to the run that made it: the latest run of that flow on this issue that had
 * started by then (runs record their effects, the timeline their outcome).
 */
export function FlowRunLink({ actor, issueId, at }: { actor: Actor; issueId: string; at: string }) {
  const isFlow = actor.kind === 'system' && Boolean(actor.id) && /^flow /.test(actor.name ?? '');
  const runs = useIssueRuns(issueId, isFlow);
  if (!isFlow || !actor.id) return null;
  const run = runs.data?.items
    .filter((r) => r.flowId === actor.id && r.startedAt <= at)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  const name = systemActorName(actor);
  const to = run
    ? `/flows/${encodeURIComponent(actor.id)}?tab=runs&run=${encodeURIComponent(run.id)}`
    : `/flows/${encodeURIComponent(actor.id)}?tab=runs`;
  return (
    <Link
      to={to}
      className="tl-run-link"
      title={run ? 'Open the run that made this change' : 'Open the flow'}
    >
      {name}
      {run ? ' · see the run' : ''}
    </Link>
  );
}
