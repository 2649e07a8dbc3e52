/**
 * Demo data for an empty store (`BATON_DEMO=1`, the default): teams with escalation paths, agents
 * around the world, customers, and issues whose timelines tell support stories (see stories.ts).
 *
 * Everything goes through the domain services, so the data is exactly what the API would have
 * produced. To make timelines read in order, the services run on a "story clock" set to each step's
 * time: an assignment made 40 minutes after the customer wrote is recorded 40 minutes after, not at
 * the moment of seeding. All times are relative to `services.clock.now()`; the content is fixed, so
 * two seeds differ only in ids and in that anchor.
 *
 * No demo users are created: fixed demo passwords would become known credentials on every install
 * that forgets BATON_DEMO=0. The admin token printed at first start is the way in; users are
 * created from there.
 */
import type {
  Actor,
  Agent,
  Customer,
  Issue,
  Team,
  TimelineEventContent,
  TranscriptSegment,
} from '@baton/schemas';
import { DirectoryService } from '../directory/service.ts';
import { installReferenceFlows } from '../flows/reference.ts';
import { CustomerService } from '../issues/customers.ts';
import { IssueService } from '../issues/issues.ts';
import type { Services } from '../services.ts';
import type { Clock } from '../shared/clock.ts';
import { AGENTS, type AgentKey, CUSTOMERS, type CustomerKey, TEAMS, type TeamKey } from './people.ts';
import { STORIES, type Step, type Story } from './stories.ts';

export interface SeedCounts {
  teams: number;
  agents: number;
  customers: number;
  issues: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A clock the seeder moves to the time of each step. */
class StoryClock implements Clock {
  #at: number;
  constructor(at: number) {
    this.#at = at;
  }
  now(): Date {
    return new Date(this.#at);
  }
  set(at: number): void {
    this.#at = at;
  }
}

/** mulberry32: a tiny seeded PRNG, so the seconds within each minute look natural but never change. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds demo data into an empty store (no teams and no issues); otherwise does nothing and returns null. */
export async function seedDemoData(services: Services): Promise<SeedCounts | null> {
  const [teams, issues] = await Promise.all([
    services.directory.listTeams(),
    services.issues.list({ limit: 1 }),
  ]);
  if (teams.length || issues.items.length) return null;

  const anchor = services.clock.now().getTime();
  const clock = new StoryClock(anchor);
  const random = seededRandom(20_260_105);
  // The same stores and bus as `services`; only the clock differs.
  const directory = new DirectoryService(services.store, clock);
  const customers = new CustomerService(services.store, clock);
  const issueService = new IssueService(services.store, {
    clock,
    bus: services.bus,
    customers,
    timeline: services.timeline,
    directory,
  });

  // Teams, escalation targets first; founded half a year ago.
  const teamIds = new Map<TeamKey, string>();
  const createdTeams: Team[] = [];
  for (const [i, team] of TEAMS.entries()) {
    clock.set(anchor - 180 * DAY + i * MINUTE * 7);
    const escalationTeamId = team.escalatesTo ? teamIds.get(team.escalatesTo) : undefined;
    if (team.escalatesTo && !escalationTeamId)
      throw new Error(`demo team ${team.key} escalates to a later team`);
    const created = await directory.createTeam({
      name: team.name,
      description: team.description,
      queues: team.queues,
      ...(team.timeZone ? { timeZone: team.timeZone } : {}),
      ...(escalationTeamId ? { escalationTeamId } : {}),
    });
    teamIds.set(team.key, created.id);
    createdTeams.push(created);
  }

  // Agents, hired over the following months.
  const agents = new Map<AgentKey, Agent>();
  for (const [i, agent] of AGENTS.entries()) {
    clock.set(anchor - (170 - i * 6) * DAY);
    const created = await directory.createAgent({
      name: agent.name,
      email: agent.email,
      timeZone: agent.timeZone,
      teamIds: agent.teams.map((key) => required(teamIds, key, 'team')),
      skills: agent.skills,
      languages: agent.languages,
      workingHours: agent.workingHours,
      capacity: agent.capacity,
      status: agent.status,
    });
    agents.set(agent.key, created);
  }

  const customerRecords = new Map<CustomerKey, Customer>();
  for (const { key, customerForDays, ...fields } of CUSTOMERS) {
    clock.set(anchor - customerForDays * DAY);
    customerRecords.set(key, await customers.create(fields));
  }

  const ctx: StoryContext = {
    clock,
    random,
    issues: issueService,
    agents,
    teamIds,
    customers: customerRecords,
  };
  // Oldest first, so each issue's events are written in the order they happened.
  const stories = [...STORIES].sort((a, b) => b.openedAgo - a.openedAgo);
  for (const story of stories) await tellStory(ctx, story, anchor - story.openedAgo * MINUTE);
  // The reference routing flow runs on issues from now on, not on the demo's history.
  await services.bus.drain();
  await installReferenceFlows(services);

  return {
    teams: createdTeams.length,
    agents: agents.size,
    customers: customerRecords.size,
    issues: stories.length,
  };
}

interface StoryContext {
  clock: StoryClock;
  random: () => number;
  issues: IssueService;
  agents: Map<AgentKey, Agent>;
  teamIds: Map<TeamKey, string>;
  customers: Map<CustomerKey, Customer>;
}

async function tellStory(ctx: StoryContext, story: Story, openedAt: number): Promise<Issue> {
  const customer = required(ctx.customers, story.customer, 'customer');
  ctx.clock.set(openedAt);
  const { issue } = await ctx.issues.create({
    subject: story.subject,
    body: story.body,
    channel: story.channel,
    customer: { id: customer.id },
    priority: story.priority,
    queue: story.queue,
    type: story.type,
    language: story.language ?? 'en',
    tags: story.tags,
  });
  let previous = 0;
  for (const step of story.steps) {
    if (step.at <= previous)
      throw new Error(`demo story "${story.subject}": steps must move forward in time`);
    previous = step.at;
    // Whole minutes from the script, plus a few seconds so the times do not all look rounded.
    const at = openedAt + step.at * MINUTE + Math.floor(ctx.random() * 45_000);
    ctx.clock.set(at);
    await tellStep(ctx, issue, step, new Date(at).toISOString());
  }
  return issue;
}

async function tellStep(ctx: StoryContext, issue: Issue, step: Step, at: string): Promise<void> {
  const agent = (key: AgentKey): Actor => {
    const a = required(ctx.agents, key, 'agent');
    return { kind: 'agent', id: a.id, name: a.name };
  };
  const add = (content: TimelineEventContent, author: Actor) =>
    ctx.issues.addEvent(issue.id, content, { author, at, defaultAuthor: author });

  if ('customer' in step) {
    const customer: Actor = { kind: 'customer', id: issue.customerId };
    await add({ type: 'customer_message', text: step.customer, channel: issue.channel }, customer);
  } else if ('reply' in step) {
    await add(
      { type: 'agent_reply', text: step.reply, channel: step.channel ?? issue.channel },
      agent(step.by),
    );
  } else if ('note' in step) {
    await add({ type: 'internal_note', text: step.note }, agent(step.by));
  } else if ('call' in step) {
    const [first, ...rest] = step.call.map(([speaker, startSec, endSec, text]) => ({
      speaker,
      startSec,
      endSec,
      text,
    }));
    if (!first) throw new Error('a demo call needs at least one segment');
    const segments: [TranscriptSegment, ...TranscriptSegment[]] = [first, ...rest];
    const durationSec = Math.max(...segments.map((s) => s.endSec ?? s.startSec)) + 2;
    await add({ type: 'call_transcript', durationSec, segments }, agent(step.by));
  } else if ('crm' in step) {
    await add(
      { type: 'crm_update', source: step.source, fields: step.crm },
      { kind: 'integration', name: step.source },
    );
  } else if ('assign' in step) {
    const teamId = required(ctx.teamIds, step.assign.team, 'team');
    const agentId = step.assign.agent ? required(ctx.agents, step.assign.agent, 'agent').id : null;
    const actor: Actor = step.by ? agent(step.by) : { kind: 'system', name: 'routing' };
    await ctx.issues.update(issue.id, { assignee: { teamId, agentId } }, actor);
  } else if ('status' in step) {
    const actor: Actor = step.by ? agent(step.by) : { kind: 'system', name: 'auto-close' };
    await ctx.issues.update(issue.id, { status: step.status }, actor);
  } else {
    await ctx.issues.update(issue.id, step.set, agent(step.by));
  }
}

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data names an unknown ${what}: ${String(key)}`);
  return value;
}
