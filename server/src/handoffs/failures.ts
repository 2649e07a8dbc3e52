/**
 * One job: the handoffs each agent let go — offered to them and declined or left to expire, or
 * accepted and then handed on again by them (bounced back) — for the expertise ranking's success factor.
 */
import type { Handoff } from '@baton/schemas';
import { fromStored, type Stored } from '../shared/documents.ts';
import type { Collection } from '../store/port.ts';

export type HandoffFailures = { declined: number; expired: number; bouncedBack: number; issueIds: string[] };

export async function handoffFailures(
  handoffs: Collection<Stored<Handoff>>,
  agentIds: readonly string[],
): Promise<Map<string, HandoffFailures>> {
  const out = new Map<string, HandoffFailures>();
  const wanted = new Set(agentIds);
  const entry = (agentId: string) => {
    const found = out.get(agentId) ?? { declined: 0, expired: 0, bouncedBack: 0, issueIds: [] };
    out.set(agentId, found);
    return found;
  };
  const rows = (
    await handoffs.find({
      $or: [{ 'to.agentId': { $in: [...agentIds] } }, { acceptedBy: { $in: [...agentIds] } }],
    })
  ).map(fromStored<Handoff>);
  for (const h of rows) {
    const agentId = h.to.agentId;
    if (agentId && wanted.has(agentId) && (h.status === 'declined' || h.status === 'expired')) {
      const e = entry(agentId);
      if (h.status === 'declined') e.declined++;
      else e.expired++;
      if (!e.issueIds.includes(h.issueId)) e.issueIds.push(h.issueId);
    }
  }
  // Bounced back: the agent accepted the issue, then a handoff of it went out from them.
  for (const h of rows) {
    const taker = h.acceptedBy;
    if (!taker || !wanted.has(taker)) continue;
    const onward = await handoffs.findOne({
      issueId: h.issueId,
      'from.agentId': taker,
      offeredAt: { $gt: h.acceptedAt ?? h.offeredAt },
    });
    if (onward) {
      const e = entry(taker);
      e.bouncedBack++;
      if (!e.issueIds.includes(h.issueId)) e.issueIds.push(h.issueId);
    }
  }
  return out;
}
