import type { Actor } from '../../api/types.ts';
import { useDirectory } from '../../hooks/useDirectory.ts';
import { CustomerName } from '../CustomerName.tsx';

const KIND_NAMES: Record<string, string> = {
  system: 'Baton',
  integration: 'Integration',
  user: 'User',
  agent: 'Agent',
  customer: 'Customer',
};

/** The author's name: as given, else looked up (agents, customers), else by kind. */
export function ActorName({ actor }: { actor: Actor }) {
  const { agentById } = useDirectory();
  if (actor.name) return <span className="actor">{actor.name}</span>;
  if (actor.kind === 'agent' && actor.id) {
    return <span className="actor">{agentById.get(actor.id)?.name ?? actor.id}</span>;
  }
  if (actor.kind === 'customer' && actor.id) return <CustomerName id={actor.id} link={false} />;
  return <span className="actor">{KIND_NAMES[actor.kind] ?? actor.kind}</span>;
}

/** A plain-text name for labels (no lookups). */
export function actorLabel(actor: Actor): string {
  return actor.name ?? KIND_NAMES[actor.kind] ?? actor.kind;
}
