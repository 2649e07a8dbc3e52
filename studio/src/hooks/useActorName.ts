import type { Actor } from '../api/types.ts';
import { useCustomer } from './useCustomer.ts';
import { useDirectory } from './useDirectory.ts';

const KIND_NAMES: Record<string, string> = {
  system: 'Baton',
  integration: 'Integration',
  user: 'User',
  agent: 'Agent',
  customer: 'Customer',
};

/** Who an actor is, by name: as given, else looked up (agents in the directory, customers by id). */
export function useActorName(actor: Actor): string {
  const { agentById } = useDirectory();
  const lookupCustomer = !actor.name && actor.kind === 'customer' ? actor.id : undefined;
  const customer = useCustomer(lookupCustomer);
  if (actor.name) return actor.name;
  if (actor.kind === 'agent' && actor.id) return agentById.get(actor.id)?.name ?? actor.id;
  if (actor.kind === 'customer') return customer.data?.name ?? actor.id ?? KIND_NAMES.customer!;
  return KIND_NAMES[actor.kind] ?? actor.kind;
}
