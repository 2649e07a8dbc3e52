/**
 * Who may take an issue, pure and explained: skills against requirements, availability (status plus
 * working hours in the agent's own time zone), capacity per channel and load. Routing, the `route`
 * kind and expertise ranking all read agents through these functions, so each reason a person sees
 * is the reason the decision was made.
 */
import type {
  Agent,
  Channel,
  Issue,
  IssueStatus,
  Priority,
  PriorityWeights,
  SkillRequirement,
} from '@baton/schemas';
import { shiftsCalendar } from '../calendar/calendar.ts';
import { skillInWords } from '../directory/skills.ts';

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { low: 1, medium: 2, high: 3, critical: 5 };

/** Statuses in which an assigned issue is work on the agent's plate: SLA-active, not waiting on anyone. */
export const ACTIVE_STATUSES = ['new', 'open'] as const;

/** Resolved or closed: no longer routed, waiting or offered. */
export function isClosed(status: IssueStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

export interface Workload {
  /** Open issues per channel (plus outstanding offers). */
  perChannel: Partial<Record<Channel, number>>;
  /** Sum of the priority weights of open issues and offers. */
  weighted: number;
  total: number;
}

export function emptyWorkload(): Workload {
  return { perChannel: {}, weighted: 0, total: 0 };
}

export function addWork(
  load: Workload,
  channel: Channel,
  priority: Priority,
  weights: PriorityWeights,
): void {
  load.perChannel[channel] = (load.perChannel[channel] ?? 0) + 1;
  load.weighted += weights[priority];
  load.total++;
}

/**
 * How many open issues of a channel an agent can hold. Channels without their own number (web, api,
 * crm by default) share the email capacity: they are asynchronous work like email.
 */
export function capacityFor(agent: Agent, channel: Channel): number {
  return agent.capacity[channel] ?? agent.capacity.email ?? 0;
}

export function levelOf(agent: Agent, skill: string): number {
  return agent.skills.find((s) => s.skill.toLowerCase() === skill.toLowerCase())?.level ?? 0;
}

/** Inside working hours in the agent's own zone (no fixed hours: always). */
export function onShift(agent: Agent, now: Date): boolean {
  return shiftsCalendar(agent.timeZone, agent.workingHours).isOpen(now.getTime());
}

/** When the agent's next shift starts (for waking a queue), or null with no fixed hours. */
export function nextShiftStart(agent: Agent, now: Date): number | null {
  if (!agent.workingHours.length) return null;
  return shiftsCalendar(agent.timeZone, agent.workingHours).nextOpen(now.getTime());
}

export interface Assessment {
  agent: Agent;
  eligible: boolean;
  reasons: string[];
  load: Workload;
  capacity: number;
  /** Open issues on the issue's channel relative to capacity on it. */
  ratio: number;
  optionalScore: number;
}

/** Whether an agent may take this issue now, and why (not). */
export function assess(
  agent: Agent,
  issue: Pick<Issue, 'channel'>,
  requirements: { required: readonly SkillRequirement[]; optional: readonly SkillRequirement[] },
  load: Workload,
  now: Date,
  excluded: readonly string[] = [],
): Assessment {
  const reasons: string[] = [];
  let eligible = true;
  if (excluded.includes(agent.id)) {
    eligible = false;
    reasons.push('already declined or let an offer of this issue expire');
  }
  if (agent.status !== 'available') {
    eligible = false;
    reasons.push(`status ${agent.status}`);
  } else reasons.push('available');
  if (!onShift(agent, now)) {
    eligible = false;
    reasons.push(`outside working hours (${agent.timeZone})`);
  } else if (agent.workingHours.length) reasons.push(`on shift (${agent.timeZone})`);
  for (const need of requirements.required) {
    const level = levelOf(agent, need.skill);
    const min = need.minLevel ?? 1;
    if (level < min) {
      eligible = false;
      const skill = skillInWords(need.skill);
      reasons.push(level ? `${skill} ${level}/5, needs ${min}` : `lacks ${skill}`);
    } else reasons.push(`${skillInWords(need.skill)} ${level}/5 (needs ${min})`);
  }
  let optionalScore = 0;
  for (const want of requirements.optional) {
    const level = levelOf(agent, want.skill);
    if (level >= (want.minLevel ?? 1)) {
      optionalScore += want.weight ?? 1;
      reasons.push(`prefers ${want.skill}: ${level}/5`);
    }
  }
  const capacity = capacityFor(agent, issue.channel);
  const open = load.perChannel[issue.channel] ?? 0;
  if (open >= capacity) {
    eligible = false;
    reasons.push(`at capacity: ${open} of ${capacity} ${issue.channel}`);
  } else reasons.push(`${open} of ${capacity} ${issue.channel} open`);
  return { agent, eligible, reasons, load, capacity, ratio: capacity ? open / capacity : 1, optionalScore };
}
