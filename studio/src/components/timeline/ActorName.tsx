import type { Actor } from '../../api/types.ts';
import { useActorName } from '../../hooks/useActorName.ts';

export function ActorName({ actor }: { actor: Actor }) {
  return <span className="actor">{useActorName(actor)}</span>;
}
