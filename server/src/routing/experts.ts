/**
 * Expertise ranking: every agent scored for one issue on four factors, each shown with its reason.
 *
 * - skill (0.4): the skills the issue needs (its queue policy, tag rules) against the agent's levels;
 *   without stated needs, the issue's tags that name one of the agent's skills.
 * - success (0.3): resolved or closed issues in the same queue or sharing a tag that this agent
 *   owned, against the work the agent let go: routing offers and handoffs declined or left to
 *   expire, and handoffs the agent accepted and then passed on (bounced back) — all listed. (Until
 *   context intelligence ranks similar past issues by content, queue and tags are what "similar"
 *   means here.)
 * - load (0.2): how much of the agent's capacity on the issue's channel is free.
 * - availability (0.1): available and on shift, available off shift, busy, away, offline.
 *
 * Everyone who can take the issue now (available, on shift) is ranked before everyone who cannot,
 * whatever their scores; those ranked after say why (`note`).
 */
import type { ExpertCandidate, ExpertRanking, ExpertReason, Issue, SkillRequirement } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { skillInWords } from '../directory/skills.ts';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { capacityFor, emptyWorkload, levelOf, onShift } from './eligibility.ts';
import type { RoutingService } from './service.ts';

export const EXPERT_WEIGHTS = { skill: 0.4, success: 0.3, load: 0.2, availability: 0.1 } as const;
/** How many recent resolved issues (per queue and per tag) count as history. */
const HISTORY = 300;

/** Work an agent let go, by kind; `issueIds` are the issues it concerned. */
export interface AgentFailures {
  declined: number;
  expired: number;
  bouncedBack: number;
  issueIds: string[];
}

export interface ExpertDeps {
  issues: IssueService;
  directory: DirectoryService;
  routing: RoutingService;
  clock: Clock;
  /** Handoffs the agents declined, let expire or bounced back (the handoffs module's records). */
  handoffFailures?: (agentIds: readonly string[]) => Promise<Map<string, AgentFailures>>;
}

export async function rankExperts(issueId: string, deps: ExpertDeps): Promise<ExpertRanking> {
  const issue = await deps.issues.get(issueId);
  const now = deps.clock.now();
  const policy = issue.queue ? await deps.routing.policyFor(issue.queue) : null;
  const needs = policy ? deps.routing.requirements(policy, issue) : { required: [], optional: [] };
  const skills = [...needs.required, ...needs.optional];
  const agents = await deps.directory.allAgents();
  const loads = await deps.routing.workloads(agents);
  const history = await similarResolved(issue, deps.issues);
  const agentIds = agents.map((a) => a.id);
  const [offerFailures, handoffFailures] = await Promise.all([
    deps.routing.offerFailures(agentIds),
    deps.handoffFailures ? deps.handoffFailures(agentIds) : Promise.resolve(new Map<string, AgentFailures>()),
  ]);

  const experts: ExpertCandidate[] = agents.map((agent) => {
    const reasons: ExpertReason[] = [];
    // Skill fit
    let skillScore: number;
    let skillDetail: string;
    if (skills.length) {
      const fits = skills.map((need) => fit(levelOf(agent, need.skill), need));
      skillScore = fits.reduce((a, b) => a + b.score, 0) / fits.length;
      skillDetail = fits.map((f) => f.detail).join('; ');
    } else {
      const matching = agent.skills.filter((s) =>
        issue.tags.some((t) => t.toLowerCase() === s.skill.toLowerCase()),
      );
      skillScore = matching.length ? Math.max(...matching.map((s) => s.level)) / 5 : 0;
      skillDetail = matching.length
        ? `skills named by the issue's tags: ${matching.map((s) => `${s.skill} ${s.level}/5`).join(', ')}`
        : 'no stated skill need and no skill named by the issue’s tags';
    }
    reasons.push({
      factor: 'skill',
      score: round(skillScore),
      weight: EXPERT_WEIGHTS.skill,
      detail: skillDetail,
    });
    // Success on similar past issues
    const mine = history.filter((h) => h.assignee?.agentId === agent.id);
    const offers = offerFailures.get(agent.id);
    const handoffs = handoffFailures.get(agent.id);
    const declined = (offers?.declined ?? 0) + (handoffs?.declined ?? 0);
    const expired = (offers?.expired ?? 0) + (handoffs?.expired ?? 0);
    const bounced = handoffs?.bouncedBack ?? 0;
    const failed = declined + expired + bounced;
    // Successes against everything the agent was given: a failure weighs like a success forgone.
    const successScore = mine.length / (mine.length + failed + 3);
    const failedText = [
      declined ? `${declined} declined` : '',
      expired ? `${expired} let expire` : '',
      bounced ? `${bounced} bounced back` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const failedIds = [...(offers?.issueIds ?? []), ...(handoffs?.issueIds ?? [])];
    const ids = [...new Set([...mine.slice(0, 5).map((h) => h.id), ...failedIds.slice(0, 5)])];
    reasons.push({
      factor: 'success',
      score: round(successScore),
      weight: EXPERT_WEIGHTS.success,
      detail: `${
        mine.length
          ? `resolved ${mine.length} similar issue${mine.length === 1 ? '' : 's'} (${similarity(issue)})`
          : `no resolved issues ${similarity(issue)}`
      }; ${failed ? `offers and handoffs let go: ${failedText}` : 'no offer or handoff let go'}`,
      ...(ids.length ? { issueIds: ids } : {}),
    });
    // Load
    const load = loads.get(agent.id) ?? emptyWorkload();
    const capacity = capacityFor(agent, issue.channel);
    const open = load.perChannel[issue.channel] ?? 0;
    const loadScore = capacity ? Math.max(0, 1 - open / capacity) : 0;
    reasons.push({
      factor: 'load',
      score: round(loadScore),
      weight: EXPERT_WEIGHTS.load,
      detail: `${open} of ${capacity} ${issue.channel} open (${load.total} open in all)`,
    });
    // Availability
    const shift = onShift(agent, now);
    const availability =
      agent.status === 'available'
        ? shift
          ? 1
          : 0.3
        : agent.status === 'busy'
          ? 0.2
          : agent.status === 'away'
            ? 0.1
            : 0;
    reasons.push({
      factor: 'availability',
      score: availability,
      weight: EXPERT_WEIGHTS.availability,
      detail: `${agent.status}, ${shift ? 'on shift' : 'off shift'} (${agent.timeZone})`,
    });
    const score = reasons.reduce((sum, r) => sum + r.score * r.weight, 0);
    return {
      agentId: agent.id,
      name: agent.name,
      score: round(score),
      available: agent.status === 'available' && shift,
      reasons,
    };
  });
  // Who can take it now comes first; the others say why they are ranked after.
  experts.sort(
    (a, b) => Number(b.available) - Number(a.available) || b.score - a.score || a.name.localeCompare(b.name),
  );
  const ready = experts.filter((e) => e.available).length;
  for (const expert of experts) {
    if (expert.available) continue;
    const why = expert.reasons.find((r) => r.factor === 'availability')?.detail ?? 'not available';
    expert.note = ready
      ? `${why}: ranked after the ${ready} agent${ready === 1 ? '' : 's'} who can take it now`
      : `${why}: nobody can take it now`;
  }
  return { issueId, skills, experts };
}

function fit(level: number, need: SkillRequirement): { score: number; detail: string } {
  const min = need.minLevel ?? 1;
  const skill = skillInWords(need.skill);
  if (!level) return { score: 0, detail: `lacks ${skill} (needs ${min})` };
  if (level < min)
    return { score: (level / min) * 0.5, detail: `${skill} ${level}/5, below the ${min} needed` };
  return { score: 0.6 + 0.4 * (level / 5), detail: `${skill} ${level}/5 (needs ${min})` };
}

function similarity(issue: Issue): string {
  const parts = [
    issue.queue ? `queue ${issue.queue}` : '',
    issue.tags.length ? `tags ${issue.tags.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `in ${parts.join(' or with ')}` : 'like it (it has no queue or tags)';
}

/** Recent resolved or closed issues in the same queue or sharing a tag (not the issue itself). */
async function similarResolved(issue: Issue, issues: IssueService): Promise<Issue[]> {
  const found = new Map<string, Issue>();
  const filters: Array<{ queue?: string; tag?: string }> = [
    ...(issue.queue ? [{ queue: issue.queue }] : []),
    ...issue.tags.map((tag) => ({ tag })),
  ];
  for (const filter of filters) {
    for (const status of ['resolved', 'closed'] as const) {
      let cursor: string | undefined;
      let seen = 0;
      do {
        const page = await issues.list({ ...filter, status, limit: 100, ...(cursor ? { cursor } : {}) });
        for (const item of page.items)
          if (item.id !== issue.id && item.assignee?.agentId) found.set(item.id, item);
        seen += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && seen < HISTORY);
    }
  }
  return [...found.values()];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
