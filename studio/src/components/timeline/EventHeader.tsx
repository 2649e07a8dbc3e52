import type { ReactNode } from 'react';
import type { Actor } from '../../api/types.ts';
import { useActorName } from '../../hooks/useActorName.ts';
import { Avatar } from '../Avatar.tsx';
import { RelativeTime } from '../RelativeTime.tsx';
import { When } from './When.tsx';

/** A sender's own date is shown beside Baton's only when they differ by more than this. */
const DATED_APART_MS = 60_000;

export function EventHeader({
  author,
  at,
  kind,
  receivedBy,
  occurredAt,
}: {
  author: Actor;
  at: string;
  kind?: ReactNode;
  receivedBy?: Actor | undefined;
  occurredAt?: string | undefined;
}) {
  const name = useActorName(author);
  const relayed = receivedBy && (receivedBy.kind !== author.kind || receivedBy.id !== author.id);
  const dated = occurredAt && Math.abs(Date.parse(occurredAt) - Date.parse(at)) > DATED_APART_MS;
  return (
    <div className="tl-header">
      <Avatar name={name} size="sm" />
      <span className="actor">{name}</span>
      {relayed && <RelayedBy actor={receivedBy} />}
      {kind && <span className="tl-kind">{kind}</span>}
      <When iso={at} />
      {dated && (
        <span className="muted">
          (<RelativeTime iso={occurredAt} prefix="dated " />)
        </span>
      )}
    </div>
  );
}

function RelayedBy({ actor }: { actor: Actor }) {
  const name = useActorName(actor);
  return <span className="muted">via {name}</span>;
}
