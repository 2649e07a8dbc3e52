/**
 * Per-user notification policies (`notification_policies`, keyed by user id): which channels carry
 * which urgency, the person's address on each, quiet hours in their time zone, and the default
 * ack-or-escalate rule. Without a stored policy, {@link defaultPolicy} applies.
 */
import type { NotificationPolicy, NotificationPolicyUpdate, NotificationUrgency } from '@baton/schemas';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store } from '../store/port.ts';

type StoredPolicy = Omit<NotificationPolicy, 'userId'> & { _id: string };

/** In-app for everything (it never interrupts), email as well from high urgency on. */
export function defaultPolicy(userId: string): NotificationPolicy {
  return {
    userId,
    contacts: {},
    channels: {
      low: ['in-app'],
      normal: ['in-app'],
      high: ['in-app', 'email'],
      critical: ['in-app', 'email'],
    },
    quietHours: { start: '22:00', end: '07:00', breakThrough: ['critical'] },
    updatedAt: '1970-01-01T00:00:00.000Z',
  };
}

export class PolicyService {
  readonly #policies: Collection<StoredPolicy>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#policies = store.collection('notification_policies');
  }

  async get(userId: string): Promise<NotificationPolicy & { stored: boolean }> {
    const found = await this.#policies.findOne({ _id: userId });
    if (!found) return { ...defaultPolicy(userId), stored: false };
    const { _id, ...rest } = found;
    return { userId: _id, ...rest, stored: true };
  }

  async put(userId: string, update: NotificationPolicyUpdate): Promise<NotificationPolicy> {
    const policy: NotificationPolicy = {
      userId,
      contacts: update.contacts ?? {},
      channels: update.channels,
      ...(update.timeZone ? { timeZone: update.timeZone } : {}),
      ...(update.quietHours ? { quietHours: update.quietHours } : {}),
      ...(update.escalation ? { escalation: update.escalation } : {}),
      updatedAt: this.clock.now().toISOString(),
    };
    const { userId: _id, ...fields } = policy;
    const $unset = unsetMissing(fields);
    await this.#policies.findOneAndUpdate(
      { _id: userId },
      Object.keys($unset).length ? { $set: fields, $unset } : { $set: fields },
      { upsert: true },
    );
    return policy;
  }
}

function unsetMissing(fields: Record<string, unknown>): Record<string, ''> {
  const out: Record<string, ''> = {};
  for (const key of ['timeZone', 'quietHours', 'escalation'] as const) if (!(key in fields)) out[key] = '';
  return out;
}

export function channelsFor(policy: NotificationPolicy, urgency: NotificationUrgency): string[] {
  return [...policy.channels[urgency]];
}
