/**
 * One job: the offers routing has made (`routing_offers`) — stored, looked up, answered exactly once
 * (a compare-and-set from `offered`, so two answers cannot both win), withdrawn when the issue
 * closes, and counted per agent (outstanding work; declined or expired, for expertise ranking).
 */
import type { RoutingOffer } from '@baton/schemas';
import { notFound } from '../http/problem.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import type { Collection, Store } from '../store/port.ts';

export type OfferFailures = { declined: number; expired: number; bouncedBack: number; issueIds: string[] };

export class OfferBook {
  readonly #offers: Collection<Stored<RoutingOffer>>;
  #revision = 0;

  constructor(store: Store) {
    this.#offers = store.collection('routing_offers');
  }

  async init(): Promise<void> {
    await this.#offers.createIndex({ keys: { issueId: 1, status: 1 } });
    await this.#offers.createIndex({ keys: { agentId: 1, status: 1 } });
  }

  /**
   * Counts this instance's writes to offers (outstanding offers are part of an agent's workload);
   * bumped before and after each write, as a read in between may have seen either.
   */
  get revision(): number {
    return this.#revision;
  }

  async get(id: string): Promise<RoutingOffer> {
    const found = await this.#offers.findOne({ _id: id });
    if (!found) throw notFound('offer', id);
    return fromStored(found);
  }

  async find(id: string): Promise<RoutingOffer | null> {
    const found = await this.#offers.findOne({ _id: id });
    return found ? fromStored(found) : null;
  }

  async insert(offer: RoutingOffer): Promise<void> {
    this.#revision++;
    await this.#offers.insertOne(toStored(offer));
    this.#revision++;
  }

  /** The issue's outstanding offer, if any. */
  async openFor(issueId: string): Promise<RoutingOffer | null> {
    const found = await this.#offers.findOne({ issueId, status: 'offered' });
    return found ? fromStored(found) : null;
  }

  /** Outstanding offers to these agents. */
  async outstanding(agentIds: readonly string[]): Promise<RoutingOffer[]> {
    return (await this.#offers.find({ agentId: { $in: [...agentIds] }, status: 'offered' })).map(
      fromStored<RoutingOffer>,
    );
  }

  async forAgent(agentId: string): Promise<RoutingOffer[]> {
    return (await this.#offers.find({ agentId, status: 'offered' }, { sort: { offeredAt: 1 } })).map(
      fromStored<RoutingOffer>,
    );
  }

  /** Answers an outstanding offer; null when it was answered (or withdrawn) already. */
  async answer(
    id: string,
    status: 'accepted' | 'declined' | 'expired',
    at: string,
  ): Promise<RoutingOffer | null> {
    this.#revision++;
    const updated = await this.#offers.findOneAndUpdate(
      { _id: id, status: 'offered' },
      { $set: { status, respondedAt: at } },
    );
    this.#revision++;
    return updated ? fromStored<RoutingOffer>(updated) : null;
  }

  /** Withdraws the issue's outstanding offers; returns their ids (their timers are the caller's). */
  async withdrawAll(issueId: string): Promise<string[]> {
    const open = await this.#offers.find({ issueId, status: 'offered' });
    const ids: string[] = [];
    for (const offer of open) {
      this.#revision++;
      await this.#offers.updateOne({ _id: offer._id, status: 'offered' }, { $set: { status: 'withdrawn' } });
      this.#revision++;
      ids.push(offer._id);
    }
    return ids;
  }

  /** Routing offers each agent declined or let expire, with the issues they were for. */
  async failures(agentIds: readonly string[]): Promise<Map<string, OfferFailures>> {
    const out = new Map<string, OfferFailures>();
    const rows = await this.#offers.find({
      agentId: { $in: [...agentIds] },
      status: { $in: ['declined', 'expired'] },
    });
    for (const row of rows) {
      const entry = out.get(row.agentId) ?? { declined: 0, expired: 0, bouncedBack: 0, issueIds: [] };
      if (row.status === 'declined') entry.declined++;
      else entry.expired++;
      if (!entry.issueIds.includes(row.issueId)) entry.issueIds.push(row.issueId);
      out.set(row.agentId, entry);
    }
    return out;
  }
}
