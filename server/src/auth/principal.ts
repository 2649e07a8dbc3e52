import type { Role } from '@baton/schemas';

/** Who is calling: resolved from the bearer secret before any route runs. */
export interface Principal {
  kind: 'adminToken' | 'user' | 'apiKey';
  id: string;
  name: string;
  roles: Role[];
  email?: string;
  /** The agent profile a user works as, if any: replies and notes are attributed to it. */
  agentId?: string;
}

/** One string per caller (`user:usr_…`, `apiKey:key_…`): what per-caller limits count and acknowledgements record. */
export function principalKey(principal: Pick<Principal, 'kind' | 'id'>): string {
  return `${principal.kind}:${principal.id}`;
}
