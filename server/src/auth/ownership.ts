/**
 * Object-level checks: whether a caller may act on a record that belongs to someone (a handoff
 * offered to an agent, a routing offer, an escalation, a notification). They fail closed: a caller
 * who is not the owner and is not allowed to act for others gets a 403, whatever its role — an
 * agent-role user with no linked agent can act on nobody's objects.
 */
import { ProblemError } from '../http/problem.ts';
import type { Principal } from './principal.ts';

/**
 * Admins act for anyone; integrations too, since they relay what a person did in another tool (a
 * Slack button, a CRM). Agent-role API keys do not: a key is not a person.
 */
export function actsForOthers(principal: Principal | null | undefined): boolean {
  return Boolean(principal?.roles.some((role) => role === 'admin' || role === 'integrator'));
}

/** The agent the caller works as, or a 403 naming what it tried to do. */
export function ownAgentId(principal: Principal | null | undefined, action: string): string {
  if (principal?.agentId) return principal.agentId;
  throw new ProblemError(
    'forbidden',
    `only the agent it concerns may ${action}, and you are not linked to an agent profile`,
  );
}
