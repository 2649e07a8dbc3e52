import type { Assignee } from '../api/types.ts';
import { useDirectory } from '../hooks/useDirectory.ts';

/** "Agent · Team", by name when the directory knows them. */
export function AssigneeLabel({ assignee }: { assignee: Assignee | undefined }) {
  const { agentById, teamById } = useDirectory();
  if (!assignee?.agentId && !assignee?.teamId) return <span className="muted">Unassigned</span>;
  const agent = assignee.agentId ? (agentById.get(assignee.agentId)?.name ?? 'an agent') : null;
  const team = assignee.teamId ? (teamById.get(assignee.teamId)?.name ?? 'a team') : null;
  return (
    <span className="assignee">
      {agent && <span>{agent}</span>}
      {agent && team && <span className="muted"> · </span>}
      {team && <span className={agent ? 'muted' : undefined}>{team}</span>}
    </span>
  );
}
