/**
 * "My work": what waits for one agent, gathered from the modules that own it (issues, routing offers,
 * handoffs, escalations) through their exported services — this module owns no collection.
 */
import type { Agent, Escalation, EscalationRecipient, Handoff, Issue, RoutingOffer } from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { DirectoryService } from '../directory/service.ts';
import type { EscalationService } from '../escalation/service.ts';
import type { HandoffService } from '../handoffs/service.ts';
import type { IssueService } from '../issues/issues.ts';
import type { RoutingService } from '../routing/service.ts';
import type { Clock } from '../shared/clock.ts';

export interface MyWorkDeps {
  clock: Clock;
  issues: IssueService;
  directory: DirectoryService;
  routing: RoutingService;
  handoffs: HandoffService;
  escalations: EscalationService;
}

export interface MyWork {
  now: string;
  agent: Agent | null;
  assigned: Issue[];
  offers: { offer: RoutingOffer; issue: Issue }[];
  handoffs: { handoff: Handoff; issue: Issue }[];
  escalations: { escalation: Escalation; issue: Issue }[];
}

const CLOSED = new Set(['resolved', 'closed']);
const PRIORITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
/** More than an agent can hold open at once; the list is for working, not for reporting. */
const ASSIGNED_LIMIT = 200;

/** Each item with its issue; items whose issue has gone are left out rather than failing the page. */
async function withIssues<T extends { issueId: string }, K extends string>(
  items: readonly T[],
  key: K,
  issues: IssueService,
): Promise<(Record<K, T> & { issue: Issue })[]> {
  const out: (Record<K, T> & { issue: Issue })[] = [];
  for (const item of items) {
    const issue = await issues.get(item.issueId).catch(() => null);
    if (issue) out.push({ [key]: item, issue } as Record<K, T> & { issue: Issue });
  }
  return out;
}

export async function myWork(principal: Principal, deps: MyWorkDeps): Promise<MyWork> {
  const now = deps.clock.now().toISOString();
  const agent = principal.agentId ? await deps.directory.findAgent(principal.agentId) : null;
  if (!agent) return { now, agent: null, assigned: [], offers: [], handoffs: [], escalations: [] };

  const page = await deps.issues.list({ assigneeAgentId: agent.id, limit: ASSIGNED_LIMIT });
  const assigned = page.items
    .filter((issue) => !CLOSED.has(issue.status))
    .sort(
      (a, b) =>
        (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) ||
        b.lastActivityAt.localeCompare(a.lastActivityAt),
    );
  const recipients: EscalationRecipient[] = [{ kind: 'agent', id: agent.id }];
  if (principal.kind === 'user') recipients.push({ kind: 'user', id: principal.id });
  const [offers, handoffs, escalations] = await Promise.all([
    deps.routing.offersFor(agent.id),
    deps.handoffs.offeredTo(agent.id, agent.teamIds ?? []),
    deps.escalations.awaitingAck(recipients),
  ]);
  return {
    now,
    agent,
    assigned,
    offers: await withIssues(offers, 'offer', deps.issues),
    handoffs: await withIssues(handoffs, 'handoff', deps.issues),
    escalations: await withIssues(escalations, 'escalation', deps.issues),
  };
}
