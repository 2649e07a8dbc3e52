/**
 * One job: the routing policies (`routing_policies`, one per queue) — stored, checked against what
 * the schema cannot see (teams that exist, an accept timeout above zero), and resolved for a queue:
 * its stored policy, or the implicit one (least-loaded, no skills, assign outright).
 */
import type { RoutingPolicy, RoutingPolicyCreate, RoutingPolicyUpdate } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import { invalidInput, notFound, ProblemError } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { FreshCache } from '../shared/fresh-cache.ts';
import { newId } from '../shared/ids.ts';
import { type Collection, DuplicateKeyError, type Store } from '../store/port.ts';
import { DEFAULT_PRIORITY_WEIGHTS } from './eligibility.ts';

/** A policy for queues that have none stored: least-loaded, no skills, assign outright. */
export function implicitPolicy(queue: string, now: string): RoutingPolicy {
  return {
    id: `implicit:${queue}`,
    queue,
    strategy: 'least-loaded',
    skills: {},
    priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
    affinity: { previousAgent: false },
    offer: { maxOffers: 3 },
    createdAt: now,
    updatedAt: now,
  };
}

export class RoutingPolicies {
  readonly #policies: Collection<Stored<RoutingPolicy>>;
  /** Bumped at every local change, so previews' caches know to read again. */
  #revision = 0;
  /** Each queue's stored policy (or null): routing asks for it on every decision. */
  readonly #byQueue = new FreshCache<RoutingPolicy | null>();

  constructor(
    store: Store,
    private readonly deps: { clock: Clock; directory: DirectoryService },
  ) {
    this.#policies = store.collection('routing_policies');
  }

  /**
   * Every local write goes through here: the cached policies and the previews' caches are dropped
   * before it (no preview trusts them meanwhile) and after it (a read that raced the write is not kept).
   */
  async #write<T>(write: () => Promise<T>): Promise<T> {
    this.#changed();
    try {
      return await write();
    } finally {
      this.#changed();
    }
  }

  #changed(): void {
    this.#revision++;
    this.#byQueue.invalidate();
  }

  get revision(): number {
    return this.#revision;
  }

  async init(): Promise<void> {
    await this.#policies.createIndex({
      keys: { queue: 1 },
      unique: true,
      name: 'routing_policies_queue_unique',
    });
  }

  async list(): Promise<RoutingPolicy[]> {
    return (await this.#policies.find({}, { sort: { queue: 1 } })).map(fromStored<RoutingPolicy>);
  }

  async get(id: string): Promise<RoutingPolicy> {
    const found = await this.#policies.findOne({ _id: id });
    if (!found) throw notFound('routing policy', id);
    return fromStored(found);
  }

  async create(input: RoutingPolicyCreate): Promise<RoutingPolicy> {
    await this.#check(input);
    const now = this.deps.clock.now().toISOString();
    const policy: RoutingPolicy = {
      ...implicitPolicy(input.queue, now),
      ...input,
      id: newId('rtp'),
    };
    try {
      await this.#write(() => this.#policies.insertOne(toStored(policy)));
    } catch (err) {
      if (err instanceof DuplicateKeyError)
        throw new ProblemError('conflict', `queue ${input.queue} already has a policy`);
      throw err;
    }
    return policy;
  }

  async update(id: string, patch: RoutingPolicyUpdate): Promise<RoutingPolicy> {
    await this.#check(patch);
    const updated = await this.#write(() =>
      this.#policies.findOneAndUpdate(
        { _id: id },
        { $set: { ...patch, updatedAt: this.deps.clock.now().toISOString() } },
      ),
    );
    if (!updated) throw notFound('routing policy', id);
    return fromStored<RoutingPolicy>(updated);
  }

  async delete(id: string): Promise<void> {
    const { deletedCount } = await this.#write(() => this.#policies.deleteOne({ _id: id }));
    if (!deletedCount) throw notFound('routing policy', id);
  }

  /** The queue's stored policy, or null when it has none. */
  stored(queue: string): Promise<RoutingPolicy | null> {
    return this.#byQueue.get(queue, async () => {
      const found = await this.#policies.findOne({ queue });
      return found ? fromStored<RoutingPolicy>(found) : null;
    });
  }

  /** The queue's policy, or the implicit one (least-loaded, assign outright). */
  async forQueue(queue: string): Promise<RoutingPolicy> {
    return (await this.stored(queue)) ?? implicitPolicy(queue, this.deps.clock.now().toISOString());
  }

  async #check(input: RoutingPolicyCreate | RoutingPolicyUpdate): Promise<void> {
    for (const [i, teamId] of (input.teamIds ?? []).entries()) {
      if (!(await this.deps.directory.teamExists(teamId)))
        throw invalidInput(`/teamIds/${i}`, `no team ${teamId} exists`);
    }
    const timeout = input.offer?.acceptTimeout;
    if (timeout !== undefined && !parseDuration(timeout)) {
      throw invalidInput('/offer/acceptTimeout', 'an accept timeout must be longer than zero');
    }
  }
}
