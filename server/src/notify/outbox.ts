/**
 * The outbox: the `notifications` collection. Nothing is sent inline — an action writes here and the
 * delivery worker sends. A notification is claimed for an attempt with a lease
 * (`findOneAndUpdate` queued → sending, with an owner and an expiry), and every state change after
 * that is fenced on the lease, so two instances never send one notification at once and an instance
 * that lost its lease cannot overwrite the newer owner's result. A lease that expires (the instance
 * died mid-send) makes the notification claimable again: delivery is at least once, and the
 * idempotency key — unique here, and handed to providers that take one — makes repeats harmless.
 */
import type { Notification, NotificationListQuery, NotificationStatus } from '@baton/schemas';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { type Collection, DuplicateKeyError, type Filter, type Store, type Update } from '../store/port.ts';

export interface StoredNotification extends Stored<Notification> {
  /** Notifications queued by one request share a group: acknowledging one acknowledges them all. */
  group: string;
  leaseOwner?: string;
  leaseUntil?: string;
}

export const ATTEMPTS_KEPT = 20;

export function toNotification(doc: StoredNotification): Notification {
  const { group: _g, leaseOwner: _o, leaseUntil: _u, ...rest } = doc;
  return fromStored<Notification>(rest as Stored<Notification>);
}

export class Outbox {
  readonly collection: Collection<StoredNotification>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.collection = store.collection('notifications');
  }

  async init(): Promise<void> {
    await this.collection.createIndex({
      keys: { idempotencyKey: 1 },
      unique: true,
      name: 'notifications_key_unique',
    });
    await this.collection.createIndex({ keys: { status: 1, dueAt: 1 } });
    await this.collection.createIndex({ keys: { group: 1 } });
    await this.collection.createIndex({ keys: { issueId: 1 } });
    await this.collection.createIndex({ keys: { address: 1, channel: 1 } });
    await this.collection.createIndex({ keys: { createdAt: -1, _id: -1 } });
  }

  /**
   * Inserts unless the idempotency key exists; either way returns the notification the key names
   * (`created` false for the existing one).
   */
  async insert(
    notification: Notification,
    group: string,
  ): Promise<{ notification: Notification; created: boolean }> {
    const existing = await this.collection.findOne({ idempotencyKey: notification.idempotencyKey });
    if (existing) return { notification: toNotification(existing), created: false };
    try {
      await this.collection.insertOne({ ...toStored(notification), group } as StoredNotification);
      return { notification, created: true };
    } catch (err) {
      if (err instanceof DuplicateKeyError) {
        const winner = await this.collection.findOne({ idempotencyKey: notification.idempotencyKey });
        if (winner) return { notification: toNotification(winner), created: false };
      }
      throw err;
    }
  }

  async get(id: string): Promise<Notification> {
    return toNotification(await this.getStored(id));
  }

  async getStored(id: string): Promise<StoredNotification> {
    const found = await this.collection.findOne({ _id: id });
    if (!found) throw notFound('notification', id);
    return found;
  }

  async list(query: NotificationListQuery & { address?: string }) {
    const limit = query.limit ?? 50;
    const filter: Filter = {};
    if (query.status) filter.status = query.status;
    if (query.channel) filter.channel = query.channel;
    if (query.issueId) filter.issueId = query.issueId;
    if (query.recipientId) filter['recipient.id'] = query.recipientId;
    if (query.address) filter.address = query.address;
    const after = query.cursor ? afterKey(['createdAt', '_id'], decodeCursor(query.cursor, 2), -1) : {};
    const rows = await this.collection.find(
      { $and: [filter, after] },
      { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 },
    );
    return toPage(rows.map(toNotification), limit, (n) => [n.createdAt, n.id]);
  }

  /** Puts a dead or cancelled notification back in the queue, due now, with a fresh attempt budget. */
  async redeliver(id: string): Promise<Notification> {
    const now = this.clock.now().toISOString();
    const updated = await this.collection.findOneAndUpdate(
      { _id: id, status: { $in: ['dead', 'cancelled'] } },
      {
        $set: { status: 'queued', dueAt: now, attemptCount: 0, updatedAt: now },
        $unset: { deadAt: '', cancelledReason: '', deferral: '' },
        $inc: { redeliveries: 1 },
      },
    );
    if (updated) return toNotification(updated);
    const current = await this.get(id);
    throw new ProblemError(
      'conflict',
      `notification ${id} is ${current.status}; only dead or cancelled notifications can be redelivered` +
        (current.status === 'delivered' ? ' (it was delivered, as its externalId shows)' : ''),
    );
  }

  /** Acknowledges every notification of the group; returns those that were not yet acknowledged. */
  async acknowledge(group: string, by: string, at: string): Promise<number> {
    const result = await this.collection.updateMany(
      { group, 'ack.ackedAt': { $exists: false } },
      { $set: { 'ack.ackedAt': at, 'ack.ackedBy': by, updatedAt: at } },
    );
    return result.modifiedCount;
  }

  /** Cancels the group's escalations that have not gone out. */
  async cancelEscalations(group: string, reason: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const result = await this.collection.updateMany(
      { group, escalationOf: { $exists: true }, status: 'queued' },
      { $set: { status: 'cancelled', cancelledReason: reason, updatedAt: now } },
    );
    return result.modifiedCount;
  }

  /** Notifications due at `now` (queued and due, or sending with an expired lease), oldest due first. */
  async due(now: Date, limit: number, exclude: ReadonlySet<string>): Promise<StoredNotification[]> {
    const at = now.toISOString();
    const ids = exclude.size ? { _id: { $nin: [...exclude] } } : {};
    const queued = await this.collection.find(
      { $and: [{ status: 'queued' }, { dueAt: { $lte: at } }, ids] },
      { sort: { dueAt: 1, _id: 1 }, limit },
    );
    const stale = await this.collection.find(
      { $and: [{ status: 'sending' }, { leaseUntil: { $lt: at } }, ids] },
      { sort: { leaseUntil: 1 }, limit: Math.max(1, limit - queued.length) },
    );
    return [...stale, ...queued].slice(0, limit);
  }

  /** Takes one due notification for an attempt; null when another worker took it first. */
  async claim(
    doc: StoredNotification,
    owner: string,
    now: Date,
    leaseMs: number,
  ): Promise<StoredNotification | null> {
    const at = now.toISOString();
    const available: Filter =
      doc.status === 'sending'
        ? { _id: doc._id, status: 'sending', leaseUntil: { $lt: at } }
        : { _id: doc._id, status: 'queued', dueAt: { $lte: at } };
    return this.collection.findOneAndUpdate(available, {
      $set: {
        status: 'sending',
        leaseOwner: owner,
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
        updatedAt: at,
      },
      $inc: { attemptCount: 1 },
    });
  }

  /** Extends this owner's leases on `ids` (attempts still running); returns how many it still held. */
  async renew(ids: readonly string[], owner: string, until: Date): Promise<number> {
    const result = await this.collection.updateMany(
      { _id: { $in: [...ids] }, status: 'sending', leaseOwner: owner },
      { $set: { leaseUntil: until.toISOString() } },
    );
    return result.modifiedCount;
  }

  /** Applies an attempt's result, fenced on the lease: false when the lease was lost meanwhile. */
  async settle(id: string, owner: string, update: Update): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: id, status: 'sending', leaseOwner: owner },
      { ...update, $unset: { ...(update.$unset ?? {}), leaseOwner: '', leaseUntil: '' } },
    );
    return result.matchedCount > 0;
  }

  async countByStatus(): Promise<Record<NotificationStatus, number>> {
    const statuses: NotificationStatus[] = ['queued', 'sending', 'delivered', 'dead', 'cancelled'];
    const out = {} as Record<NotificationStatus, number>;
    for (const status of statuses) out[status] = await this.collection.countDocuments({ status });
    return out;
  }
}
