/**
 * One job: who may answer a handoff offer — the caller's own agent, checked against the offer (an
 * agent offered it, or an agent of the team offered it); fails closed. Admins and supervisors act
 * for others.
 */
import type { Handoff } from '@baton/schemas';
import { actsForOthers, ownAgentId } from '../auth/ownership.ts';
import type { Principal } from '../auth/principal.ts';
import type { DirectoryService } from '../directory/service.ts';
import { ProblemError, unprocessable } from '../http/problem.ts';

export async function acceptorOf(
  directory: DirectoryService,
  handoff: Handoff,
  principal: Principal | null,
): Promise<string> {
  const acting = actsForOthers(principal);
  if (handoff.to.agentId) {
    if (!acting && ownAgentId(principal, 'answer this handoff') !== handoff.to.agentId)
      throw new ProblemError('forbidden', 'this handoff was offered to another agent');
    return handoff.to.agentId;
  }
  const mine = principal?.agentId;
  if (!mine) {
    if (!acting) ownAgentId(principal, 'answer this handoff');
    throw unprocessable(
      '/agentId',
      'a handoff to a team is accepted by one of its agents, signed in as that agent',
    );
  }
  const agent = await directory.getAgent(mine);
  if (handoff.to.teamId && !agent.teamIds.includes(handoff.to.teamId) && !acting) {
    throw new ProblemError('forbidden', 'this handoff was offered to a team you are not in');
  }
  return mine;
}
