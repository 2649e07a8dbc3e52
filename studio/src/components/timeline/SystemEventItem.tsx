import type { SystemEvent } from '../../api/types.ts';
import { useDirectory } from '../../hooks/useDirectory.ts';
import { describeSystemEvent, type Names, systemActorName } from '../../lib/systemEvents.ts';
import { ActorName } from './ActorName.tsx';
import { FlowRunLink } from './FlowRunLink.tsx';
import { When } from './When.tsx';

/** One quiet line in words: "Routing · assigned to Sofía Martínez (Tier 1 Support) · 5m ago · 4 Dec, 11:23". */
export function SystemEventItem({ event }: { event: SystemEvent }) {
  const directory = useDirectory();
  const names: Names = {
    agent: (id) => directory.agentById.get(id)?.name,
    team: (id) => directory.teamById.get(id)?.name,
  };
  const isFlow =
    event.author.kind === 'system' && Boolean(event.author.id) && /^flow /.test(event.author.name ?? '');
  return (
    <div className="tl-system">
      <span className="tl-system-dot" aria-hidden="true" />
      {/* Who and what as one run of text: a long sentence wraps under its actor, the time stays right. */}
      <span className="tl-system-line">
        {isFlow ? (
          <FlowRunLink actor={event.author} issueId={event.issueId} at={event.at} />
        ) : event.author.kind === 'system' ? (
          <span className="actor">{systemActorName(event.author)}</span>
        ) : (
          <ActorName actor={event.author} />
        )}{' '}
        <span className="tl-system-action">{describeSystemEvent(event, names)}</span>
      </span>
      <When iso={event.at} />
    </div>
  );
}
