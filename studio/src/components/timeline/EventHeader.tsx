import type { ReactNode } from 'react';
import type { Actor } from '../../api/types.ts';
import { useActorName } from '../../hooks/useActorName.ts';
import { Avatar } from '../Avatar.tsx';
import { When } from './When.tsx';

export function EventHeader({ author, at, kind }: { author: Actor; at: string; kind?: ReactNode }) {
  const name = useActorName(author);
  return (
    <div className="tl-header">
      <Avatar name={name} size="sm" />
      <span className="actor">{name}</span>
      {kind && <span className="tl-kind">{kind}</span>}
      <When iso={at} />
    </div>
  );
}
