/**
 * One job: what happens when nobody takes an offer. A declined or expired offer follows its
 * `onExpire` — re-route to the next best agent (never one who had it), re-queue, or leave it to the
 * flow; after `maxAttempts` offers in a tier it goes to the escalation team of the team it was
 * offered to (up to MAX_TIERS); and an issue whose queue ran out of offer rounds (routing.exhausted)
 * goes to the escalation team of the team owning the queue. When no tier is left it says so on the
 * timeline and the issue waits in its queue.
 */
import type { Actor, Handoff, HandoffCreate } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { ProblemError } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { RoutingService } from '../routing/service.ts';
import type { Clock } from '../shared/clock.ts';
import type { HandoffNotes } from './notes.ts';

/** Offers within one tier before a re-routing handoff escalates (handoff-create `maxAttempts`). */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Escalation tiers followed at most: a chain of escalationTeamIds that loops stops here. */
const MAX_TIERS = 5;
export const HANDOFFS: Actor = { kind: 'system', name: 'handoffs' };

export interface NextOfferOptions {
  exclude?: readonly string[];
  previous?: Handoff;
  escalated?: boolean;
  runId?: string;
}

/** What escalation needs from the handoff service. */
export interface HandoffActions {
  /** Makes the next offer (already inside the issue's serial section). */
  create(issueId: string, input: HandoffCreate, actor: Actor, options: NextOfferOptions): Promise<Handoff>;
  /** Records which handoff followed this one. */
  linkNext(handoffId: string, nextId: string): Promise<void>;
  /** Whether the issue has an outstanding offer. */
  hasOffer(issueId: string): Promise<boolean>;
}

export interface EscalationDeps {
  clock: Clock;
  issues: IssueService;
  timeline: TimelineService;
  directory: DirectoryService;
  routing: RoutingService;
  notes: HandoffNotes;
}

export class HandoffEscalation {
  constructor(
    private readonly deps: EscalationDeps,
    private readonly act: HandoffActions,
  ) {}

  /** After a declined or expired offer: re-route, re-queue or leave it to the flow. */
  async afterNo(handoff: Handoff): Promise<void> {
    if (handoff.onExpire === 'none') return;
    const maxAttempts = handoff.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (handoff.onExpire === 'reroute' && handoff.attempt >= maxAttempts) {
      if (await this.#escalateTier(handoff)) return;
    } else if (handoff.onExpire === 'reroute') {
      try {
        const next = await this.act.create(
          handoff.issueId,
          {
            to: {
              ...(handoff.to.teamId ? { teamId: handoff.to.teamId } : {}),
              ...(handoff.to.queue ? { queue: handoff.to.queue } : {}),
            },
            reason: handoff.reason,
            ...(handoff.introduction ? { introduction: handoff.introduction } : {}),
            expiresIn: isoOf(Date.parse(handoff.expiresAt) - Date.parse(handoff.offeredAt)),
            onExpire: 'reroute',
          },
          HANDOFFS,
          {
            exclude: handoff.excluded ?? [],
            previous: handoff,
            ...(handoff.runId ? { runId: handoff.runId } : {}),
          },
        );
        await this.act.linkNext(handoff.id, next.id);
        return;
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        // Nobody else can take it now: fall back to the queue.
      }
    }
    const issue = await this.deps.issues.get(handoff.issueId);
    if (issue.queue) {
      if (issue.assignee?.agentId)
        await this.deps.issues.update(issue.id, { assignee: { agentId: null } }, HANDOFFS);
      await this.deps.routing.route(issue.id, { actor: HANDOFFS, exclude: handoff.excluded ?? [] });
    }
  }

  /**
   * The handoff was offered `maxAttempts` times in its tier without an owner: it goes to the escalation
   * team (`escalationTeamId`) of the team it was offered to — or of the team working the issue's
   * queue — rather than round again. Returns false when there is no tier left (no escalation team,
   * or MAX_TIERS reached), and the issue goes back to its queue.
   */
  async #escalateTier(handoff: Handoff): Promise<boolean> {
    const issue = await this.deps.issues.get(handoff.issueId);
    let teamId = handoff.to.teamId;
    if (!teamId && (handoff.to.queue ?? issue.queue)) {
      const queue = handoff.to.queue ?? issue.queue;
      teamId = (await this.deps.directory.listTeams()).find((t) => queue && t.queues.includes(queue))?.id;
    }
    const team = teamId ? await this.deps.directory.getTeam(teamId).catch(() => null) : null;
    const next = team?.escalationTeamId;
    const why = `${handoff.attempt} offer${handoff.attempt === 1 ? '' : 's'} without an owner`;
    if (!next || (handoff.tier ?? 0) + 1 >= MAX_TIERS) {
      await this.deps.notes.note(
        issue,
        HANDOFFS,
        'handoff.exhausted',
        `Handoff stopped after ${why}: ${team ? `team ${team.name} has no escalation team` : 'no team to escalate to'}; the issue goes back to its queue`,
        handoff,
      );
      return false;
    }
    const target = await this.deps.directory.getTeam(next);
    const escalated = await this.act.create(
      handoff.issueId,
      {
        to: { teamId: next },
        reason: `Escalated from ${team.name} to ${target.name} after ${why}: ${handoff.reason}`,
        expiresIn: isoOf(Date.parse(handoff.expiresAt) - Date.parse(handoff.offeredAt)),
        onExpire: 'reroute',
        ...(handoff.maxAttempts ? { maxAttempts: handoff.maxAttempts } : {}),
      },
      HANDOFFS,
      {
        exclude: handoff.excluded ?? [],
        previous: handoff,
        escalated: true,
        ...(handoff.runId ? { runId: handoff.runId } : {}),
      },
    );
    await this.act.linkNext(handoff.id, escalated.id);
    return true;
  }

  /** Hands an issue whose queue found no taker to the escalation team of the team owning the queue. */
  async escalateQueue(issueId: string, queue: string, rounds: number): Promise<void> {
    const issue = await this.deps.issues.get(issueId).catch(() => null);
    if (!issue || issue.assignee?.agentId || issue.status === 'resolved' || issue.status === 'closed') return;
    if (await this.act.hasOffer(issueId)) return;
    const owner = (await this.deps.directory.listTeams()).find((t) => t.queues.includes(queue));
    if (!owner?.escalationTeamId) {
      await this.deps.timeline.append({
        issueId,
        customerId: issue.customerId,
        at: this.deps.clock.now().toISOString(),
        author: HANDOFFS,
        content: {
          type: 'system_event',
          action: 'handoff.exhausted',
          text: `Nobody in ${queue} took the issue and ${owner ? `team ${owner.name} has no escalation team` : 'no team owns the queue'}; it waits for someone to pick it up`,
          data: { queue, rounds },
        },
      });
      return;
    }
    const target = await this.deps.directory.getTeam(owner.escalationTeamId);
    await this.act.create(
      issueId,
      {
        to: { teamId: target.id },
        reason: `Escalated from ${owner.name} to ${target.name}: ${rounds} round${rounds === 1 ? '' : 's'} of offers in ${queue} went unanswered`,
        onExpire: 'reroute',
      },
      HANDOFFS,
      { escalated: true },
    );
  }
}

/** A duration in ms as an ISO duration of whole seconds (at least one). */
export function isoOf(ms: number): string {
  return `PT${Math.max(1, Math.round(ms / 1000))}S`;
}
