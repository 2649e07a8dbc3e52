/**
 * Work that asks for someone's answer reaches them where they are: a routing offer or a handoff
 * offered to an agent becomes an in-app notification (and whatever else their policy says), so the
 * studio's bell and "My work" show it the moment it is made — not on the next refresh.
 */
import type { Handoff, RoutingOffer } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import type { BusLogger, EventBus } from '../events/bus.ts';
import type { NotifyService } from '../notify/service.ts';

function minutesUntil(iso: string, now: string): number {
  return Math.max(1, Math.round((Date.parse(iso) - Date.parse(now)) / 60_000));
}

export function followWorkNotices(deps: {
  bus: EventBus;
  notify: NotifyService;
  directory: DirectoryService;
  log: BusLogger;
}): () => void {
  const { bus, notify, directory, log } = deps;

  const tell = async (agentId: string, issueId: string, key: string, subject: string, text: string) => {
    try {
      await notify.send({
        to: { kind: 'agent', id: agentId },
        issueId,
        // Normal: in-app by default; a person's own policy may add channels.
        urgency: 'normal',
        template: { subject, text },
        idempotencyKey: `${key}:${agentId}`,
        source: { kind: 'system' },
      });
    } catch (err) {
      log.error({ err, agentId, issueId }, 'a work notice could not be queued');
    }
  };

  const offered = async (offer: RoutingOffer, at: string) =>
    tell(
      offer.agentId,
      offer.issueId,
      `offer:${offer.id}`,
      'Offered to you: {{ issue.subject }}',
      `From the ${offer.queue} queue. Accept within ${minutesUntil(offer.expiresAt, at)} min or it goes to the next agent.`,
    );

  const handedOff = async (handoff: Handoff, at: string) => {
    // Offered to a team: each of its agents who has not already passed on it (`excluded`).
    const agents = handoff.to.agentId
      ? [handoff.to.agentId]
      : handoff.to.teamId
        ? (await directory.allAgents([handoff.to.teamId]))
            .map((a) => a.id)
            .filter((id) => !handoff.excluded?.includes(id))
        : [];
    const minutes = minutesUntil(handoff.expiresAt, at);
    for (const agentId of agents) {
      await tell(
        agentId,
        handoff.issueId,
        `handoff:${handoff.id}`,
        'Handoff for you: {{ issue.subject }}',
        `“${handoff.reason}” Read the brief and confirm receipt within ${minutes} min.`,
      );
    }
  };

  const offs = [
    bus.on('routing.offered', (e) => offered(e.offer, e.at)),
    bus.on('handoff.offered', (e) => handedOff(e.handoff, e.at)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
