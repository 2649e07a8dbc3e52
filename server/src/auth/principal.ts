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
