import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAjv, type Issue, schemaId, type TimelineEvent } from '@baton/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services.ts';
import { ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import { seedDemoData } from './seed.ts';
import { STORIES } from './stories.ts';

const NOW = '2026-03-02T10:00:00.000Z';
const open: { store: Store; dir: string; services: Services }[] = [];

async function freshServices(): Promise<Services> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-seed-'));
  const store = await openStore({ dataDir: dir });
  const services = await createServices({ store, clock: new ManualClock(NOW), log: { error: () => {} } });
  open.push({ store, dir, services });
  return services;
}

afterEach(async () => {
  for (const { store, dir, services } of open.splice(0)) {
    await services.bus.drain();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/** The demo's story issues (not the generated history the router learns from). */
async function allIssues(services: Services): Promise<Issue[]> {
  const out: Issue[] = [];
  let cursor: string | undefined;
  do {
    const page = await services.issues.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.filter((i) => !i.tags.includes('demo-history')));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function timeline(services: Services, issueId: string): Promise<TimelineEvent[]> {
  return (await services.timeline.forIssue(issueId, { limit: 200 })).items;
}

// Seeding writes a year of generated history and trains the router: seconds, more on a busy machine.
describe('seedDemoData', { timeout: 180_000 }, () => {
  it('seeds an empty store, and only an empty one', async () => {
    const services = await freshServices();
    const counts = await seedDemoData(services);
    expect(counts).toMatchObject({ teams: 6, agents: 17, customers: 12, issues: 30, policies: 17 });
    expect(counts?.history).toBeGreaterThanOrEqual(200);
    expect(counts?.modelVersion).toBe(1);

    expect(await services.directory.listTeams()).toHaveLength(6);
    expect((await services.directory.listAgents({ limit: 100 })).items).toHaveLength(17);
    expect((await services.customers.list({ limit: 100 })).items).toHaveLength(12);
    expect(await allIssues(services)).toHaveLength(30);

    expect(await seedDemoData(services)).toBeNull();
    expect(await allIssues(services)).toHaveLength(30);
  });

  it('leaves a store alone that already has issues (e.g. imported tickets)', async () => {
    const services = await freshServices();
    await services.issues.create({
      subject: 'Real issue',
      body: 'Not demo data',
      channel: 'email',
      customer: { email: 'someone@example.com', name: 'Someone' },
    });
    expect(await seedDemoData(services)).toBeNull();
    expect(await services.directory.listTeams()).toHaveLength(0);
  });

  it('builds a believable organisation: escalation paths, agents in many time zones', async () => {
    const services = await freshServices();
    await seedDemoData(services);
    const teams = await services.directory.listTeams();
    const byId = new Map(teams.map((t) => [t.id, t]));
    const escalations = teams
      .filter((t) => t.escalationTeamId)
      .map((t) => `${t.name} → ${byId.get(t.escalationTeamId ?? '')?.name}`);
    expect(escalations.sort()).toEqual([
      'Billing and Payments → Customer Success',
      'Technical Support → Platform Engineering',
      'Tier 1 Support → Technical Support',
    ]);
    for (const team of teams) expect(team.queues.length).toBeGreaterThan(0);

    const agents = (await services.directory.listAgents({ limit: 100 })).items;
    expect(new Set(agents.map((a) => a.timeZone)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(agents.map((a) => a.status))).toEqual(new Set(['available', 'busy', 'away', 'offline']));
    for (const agent of agents) {
      expect(agent.teamIds.length).toBeGreaterThan(0);
      expect(agent.skills.length).toBeGreaterThan(0);
      expect(agent.workingHours.length).toBeGreaterThan(0);
      expect(agent.languages?.length).toBeGreaterThan(0);
    }
    for (const team of teams) expect(agents.some((a) => a.teamIds.includes(team.id))).toBe(true);
  });

  it('tells stories: valid documents, ordered timelines in the past, every kind of event', async () => {
    const services = await freshServices();
    await seedDemoData(services);
    const ajv = createAjv();
    const validIssue = ajv.getSchema(schemaId('issue'));
    const validEvent = ajv.getSchema(schemaId('timeline-event'));
    const now = new Date(NOW).toISOString();
    const eventTypes = new Set<string>();
    const issues = await allIssues(services);

    for (const issue of issues) {
      expect(validIssue?.(issue), JSON.stringify(validIssue?.errors)).toBe(true);
      const events = await timeline(services, issue.id);
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events[0]).toMatchObject({ type: 'customer_message', at: issue.createdAt });
      for (const event of events) {
        expect(validEvent?.(event), JSON.stringify(validEvent?.errors)).toBe(true);
        expect(event.at <= now).toBe(true);
        expect(event.at >= issue.createdAt).toBe(true);
        eventTypes.add(event.type);
      }
      expect(issue.lastActivityAt <= now).toBe(true);
      expect(issue.updatedAt <= now).toBe(true);
    }
    expect(eventTypes).toEqual(
      new Set([
        'customer_message',
        'agent_reply',
        'internal_note',
        'call_transcript',
        'crm_update',
        'system_event',
      ]),
    );
    expect(new Set(issues.map((i) => i.status))).toEqual(
      new Set(['new', 'open', 'pending', 'on_hold', 'resolved', 'closed']),
    );
    expect(new Set(issues.map((i) => i.channel))).toEqual(
      new Set(['email', 'chat', 'phone', 'web', 'api', 'crm']),
    );
    expect(new Set(issues.map((i) => i.priority))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
    expect(new Set(issues.map((i) => i.language)).size).toBeGreaterThanOrEqual(5);
  });

  it('records handoffs between tiers with the time they happened', async () => {
    const services = await freshServices();
    await seedDemoData(services);
    const outage = (await allIssues(services)).find((i) => i.subject.startsWith('API returning 503'));
    if (!outage) throw new Error('the outage story is missing');
    const teams = new Map((await services.directory.listTeams()).map((t) => [t.id, t.name]));
    expect(teams.get(outage.assignee?.teamId ?? '')).toBe('Platform Engineering');
    expect(outage.status).toBe('resolved');

    const events = await timeline(services, outage.id);
    const handoffs = events.filter(
      (e) => e.type === 'system_event' && e.action === 'issue.updated' && 'assignee' in (e.data ?? {}),
    );
    expect(handoffs.map((e) => (e.author.kind === 'system' ? 'routing' : e.author.name))).toEqual([
      'routing',
      'Marcus Reed',
      'Daniel Kim',
    ]);
    // Each handoff sits between the steps around it, not at the moment of seeding.
    const at = events.map((e) => e.at);
    expect([...at].sort()).toEqual(at);
    expect(at.at(-1)).not.toBe(new Date(NOW).toISOString());
    const call = events.find((e) => e.type === 'call_transcript');
    expect(call?.type === 'call_transcript' && call.segments.length).toBeGreaterThan(4);
  });

  it('is deterministic: the same clock gives the same content', async () => {
    const snapshot = async (services: Services) => {
      await seedDemoData(services);
      const issues = await allIssues(services);
      const rows: unknown[] = [];
      for (const issue of issues.sort((a, b) => a.subject.localeCompare(b.subject))) {
        const events = await timeline(services, issue.id);
        rows.push([
          issue.subject,
          issue.status,
          issue.createdAt,
          issue.lastActivityAt,
          events.map((e) => [
            e.at,
            e.type,
            e.author.name ?? e.author.kind,
            'text' in e ? e.text?.replace(/\b(agt|team)_[0-9A-Z]{26}\b/g, '<id>') : null,
          ]),
        ]);
      }
      return rows;
    };
    expect(await snapshot(await freshServices())).toEqual(await snapshot(await freshServices()));
  });

  it('ships routing that agrees with its flows: every queue a flow can set has an owning team and a policy', async () => {
    const services = await freshServices();
    await seedDemoData(services);
    const teams = await services.directory.listTeams();
    const policies = await services.routing.listPolicies();
    const owned = new Set(teams.flatMap((t) => t.queues));
    const withPolicy = new Set(policies.map((p) => p.queue));
    const settable = new Set<string>();
    for (const flow of (await services.flows.list({ limit: 50 })).items) {
      for (const node of flow.draft.nodes) {
        const data = node.data as { queue?: string; routes?: Array<{ value: string }>; label?: string };
        if (node.type === 'set' && data.queue) settable.add(data.queue);
        if (node.type === 'classify' && data.label === 'queue')
          for (const r of data.routes ?? []) settable.add(r.value);
      }
    }
    expect(settable.size).toBeGreaterThan(4);
    for (const queue of settable) {
      expect(owned.has(queue), `${queue} is owned by a team`).toBe(true);
      expect(withPolicy.has(queue), `${queue} has a routing policy`).toBe(true);
    }
    const billing = policies.find((p) => p.queue === 'Billing and Payments');
    expect(billing?.skills.required).toEqual([{ skill: 'billing', minLevel: 3 }]);
    // Every team has a lead, for breach notices.
    for (const team of teams) expect(team.leadAgentId, team.name).toBeTruthy();
    // Both shipped flows run, and the three shipped playbooks are ready to start.
    const names = (await services.flows.list({ limit: 50 })).items
      .filter((f) => f.enabled)
      .map((f) => f.name);
    expect(names.sort()).toEqual([
      'Critical Escalation',
      'Default notifications',
      'Expert Consultation',
      'Reference routing',
      'Smooth Transition',
    ]);
  });

  it('keeps every story step inside its issue’s lifetime', () => {
    for (const story of STORIES) {
      const last = story.steps.at(-1)?.at ?? 0;
      expect(last, story.subject).toBeLessThan(story.openedAgo);
    }
  });
});
