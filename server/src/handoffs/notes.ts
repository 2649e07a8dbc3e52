/**
 * One job: what a handoff writes on the issue's timeline — each step as a system event in words
 * ("Handoff offered from Ana to team Billing: …"), with the handoff's parties, status and reasons as
 * data so the timeline can show them with names.
 */
import type { Actor, Handoff, HandoffParty, Issue } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';

export class HandoffNotes {
  constructor(
    private readonly deps: { clock: Clock; directory: DirectoryService; timeline: TimelineService },
  ) {}

  /** A party in words: the agent's name, `team <name>`, `queue <name>` or nobody. */
  async name(party: HandoffParty): Promise<string> {
    if (party.agentId) return (await this.deps.directory.findAgent(party.agentId))?.name ?? party.agentId;
    if (party.teamId)
      return `team ${(await this.deps.directory.getTeam(party.teamId).catch(() => null))?.name ?? party.teamId}`;
    return party.queue ? `queue ${party.queue}` : 'nobody';
  }

  async fromTo(from: HandoffParty, to: HandoffParty): Promise<string> {
    const source = from.agentId || from.teamId ? `from ${await this.name(from)} ` : '';
    return `${source}to ${await this.name(to)}`;
  }

  async note(issue: Issue, actor: Actor, action: string, text: string, handoff: Handoff): Promise<void> {
    await this.deps.timeline.append({
      issueId: issue.id,
      customerId: issue.customerId,
      at: this.deps.clock.now().toISOString(),
      author: actor,
      content: {
        type: 'system_event',
        action,
        text,
        data: {
          handoffId: handoff.id,
          status: handoff.status,
          from: handoff.from,
          to: handoff.to,
          reason: handoff.reason,
          // Who took it and why it was declined, so the timeline can say so with names.
          ...(handoff.acceptedBy ? { acceptedBy: handoff.acceptedBy } : {}),
          ...(handoff.declineReason ? { declineReason: handoff.declineReason } : {}),
        },
      },
    });
  }
}
