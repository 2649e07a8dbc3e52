/**
 * One job: who a handoff offer goes to — the named agent; else the best eligible agent of the team
 * or queue (routing's rules: skills, shift, capacity); else the team as a whole, whose agents may
 * all accept. Bad targets are problems naming the field.
 */
import type { HandoffParty, Issue } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { invalidInput } from '../http/problem.ts';
import type { RoutingService } from '../routing/service.ts';

export async function chooseTarget(
  deps: { directory: DirectoryService; routing: RoutingService },
  issue: Issue,
  to: HandoffParty,
  excluded: readonly string[],
): Promise<HandoffParty> {
  if (to.agentId) {
    const agent = await deps.directory.findAgent(to.agentId);
    if (!agent) throw invalidInput('/to/agentId', `no agent ${to.agentId} exists`);
    if (excluded.includes(agent.id))
      throw invalidInput('/to/agentId', `${agent.name} already has (or had) this issue`);
    const teamId = to.teamId ?? agent.teamIds[0];
    return { agentId: agent.id, ...(teamId ? { teamId } : {}), ...(to.queue ? { queue: to.queue } : {}) };
  }
  if (to.teamId && !(await deps.directory.teamExists(to.teamId))) {
    throw invalidInput('/to/teamId', `no team ${to.teamId} exists`);
  }
  const queue = to.queue ?? issue.queue;
  if (!to.teamId && !queue) throw invalidInput('/to', 'name an agent, a team or a queue');
  const base = await deps.routing.policyFor(queue ?? '(handoff)');
  const policy = to.teamId ? { ...base, teamIds: [to.teamId] } : base;
  const { eligible } = await deps.routing.candidates(issue, policy, { exclude: excluded });
  const best = eligible[0];
  if (best) {
    const teamId = to.teamId ?? best.agent.teamIds.find((t) => !policy.teamIds || policy.teamIds.includes(t));
    return {
      agentId: best.agent.id,
      ...(teamId ? { teamId } : {}),
      ...(to.queue ? { queue: to.queue } : {}),
    };
  }
  if (to.teamId) return { teamId: to.teamId, ...(to.queue ? { queue: to.queue } : {}) };
  throw invalidInput(
    '/to',
    `nobody in queue ${queue} can take it now (available, on shift, under capacity, with the skills)`,
  );
}
