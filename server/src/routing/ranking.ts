/**
 * One job: the arithmetic of choosing — which skills an issue needs under a policy, the order
 * eligible agents are tried in (affinity, optional skills, load or round-robin, then id), and the
 * candidate as routing's answer shows it. Pure functions: the service gathers the facts.
 */
import type { Issue, RoutingCandidate, RoutingPolicy, SkillRequirement } from '@baton/schemas';
import type { Assessment } from './eligibility.ts';

/** Required and optional skills for an issue under a policy: the policy's, its tag rules', and extras. */
export function requirementsOf(
  policy: RoutingPolicy,
  issue: Pick<Issue, 'tags'>,
  extra: { required?: SkillRequirement[]; optional?: SkillRequirement[] } = {},
) {
  const required: SkillRequirement[] = [...(policy.skills.required ?? []), ...(extra.required ?? [])];
  const optional: SkillRequirement[] = [...(policy.skills.optional ?? []), ...(extra.optional ?? [])];
  for (const rule of policy.skills.fromTags ?? []) {
    if (!issue.tags.includes(rule.tag)) continue;
    const need = { skill: rule.skill, ...(rule.minLevel ? { minLevel: rule.minLevel } : {}) };
    (rule.required === false ? optional : required).push(need);
  }
  return { required: mergeRequirements(required), optional: mergeRequirements(optional) };
}

/**
 * Eligible agents best first: the customer's previous agent, then more optional skills, then (for
 * least-loaded) the lightest load for the capacity, then who was assigned longest ago, then id.
 */
export function rankEligible(
  assessed: readonly Assessment[],
  policy: RoutingPolicy,
  previous: string | undefined,
  lastAssigned: Record<string, string>,
): Assessment[] {
  const rank = (a: Assessment) => [
    previous === a.agent.id ? 0 : 1,
    -a.optionalScore,
    policy.strategy === 'least-loaded' ? a.load.weighted / Math.max(1, a.capacity) : 0,
    lastAssigned[a.agent.id] ?? '',
    a.agent.id,
  ];
  return assessed.filter((a) => a.eligible).sort((x, y) => compareTuples(rank(x), rank(y)));
}

export function candidateOf(a: Assessment): RoutingCandidate {
  return {
    agentId: a.agent.id,
    name: a.agent.name,
    eligible: a.eligible,
    load: a.load.weighted,
    capacity: a.capacity,
    reasons: a.reasons,
  };
}

/** One requirement per skill, keeping the highest minimum level. */
function mergeRequirements(list: SkillRequirement[]): SkillRequirement[] {
  const bySkill = new Map<string, SkillRequirement>();
  for (const need of list) {
    const key = need.skill.toLowerCase();
    const seen = bySkill.get(key);
    if (!seen || (need.minLevel ?? 1) > (seen.minLevel ?? 1)) bySkill.set(key, need);
  }
  return [...bySkill.values()];
}

function compareTuples(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
