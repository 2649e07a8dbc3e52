import type { ReactNode } from 'react';
import type { Actor } from '../../api/types.ts';
import { Avatar } from '../Avatar.tsx';
import { RelativeTime } from '../RelativeTime.tsx';
import { ActorName, actorLabel } from './ActorName.tsx';

export function EventHeader({ author, at, kind }: { author: Actor; at: string; kind?: ReactNode }) {
  return (
    <div className="tl-header">
      <Avatar name={actorLabel(author)} size="sm" />
      <ActorName actor={author} />
      {kind && <span className="tl-kind">{kind}</span>}
      <RelativeTime iso={at} />
    </div>
  );
}
