/**
 * One job: the SLA policies (`sla_policies`) — the seeded default, storing and checking them, and
 * resolving which policy and which time zone an issue's clocks run under.
 */
import type {
  BusinessCalendarSpec,
  Customer,
  Issue,
  Priority,
  SlaPolicy,
  SlaPolicyCreate,
  SlaPolicyUpdate,
  SlaTargets,
} from '@baton/schemas';
import { CalendarError, calendarOf } from '../calendar/calendar.ts';
import type { DirectoryService } from '../directory/service.ts';
import { parseDuration } from '../engine/duration.ts';
import { invalidInput, notFound, unprocessable } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { FreshCache } from '../shared/fresh-cache.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Store } from '../store/port.ts';

export const DEFAULT_POLICY_ID = 'sla_default';

/** The seed framework: first response 1 h, handoff completion 30 min, resolution tracked in real time. */
export function seedPolicy(now: string): SlaPolicy {
  return {
    id: DEFAULT_POLICY_ID,
    name: 'Standard',
    description:
      'The seed framework: first response within 1 business hour, handoff completion within 30 minutes, resolution tracked in real time. Business hours Monday to Friday 09:00–17:00 in the customer’s time zone (UTC when unknown).',
    isDefault: true,
    order: 1000,
    metrics: {
      firstResponse: { targets: { default: 'PT1H' } },
      handoffCompletion: { targets: { default: 'PT30M' }, businessHours: false },
      resolution: { businessHours: false },
    },
    calendar: {
      timeZoneFrom: 'customer',
      timeZone: 'UTC',
      hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    },
    pauseOn: ['pending'],
    warnAt: [50, 75, 100],
    createdAt: now,
    updatedAt: now,
  };
}

/** A policy's business calendar in `timeZone` (the zone a clock takes from the customer, team or policy). */
export function calendarSpecOf(policy: SlaPolicy, timeZone: string): BusinessCalendarSpec {
  return {
    timeZone,
    ...(policy.calendar.hours ? { hours: policy.calendar.hours } : {}),
    ...(policy.calendar.holidays ? { holidays: policy.calendar.holidays } : {}),
  };
}

/** A metric's target for a priority, else its default. */
export function targetFor(targets: SlaTargets | undefined, priority: Priority): string | undefined {
  return targets?.[priority] ?? targets?.default;
}

export interface SlaPolicyDeps {
  clock: Clock;
  customers: CustomerService;
  directory: DirectoryService;
}

export class SlaPolicies {
  readonly #policies: Collection<Stored<SlaPolicy>>;
  /** Every policy in order: each new issue and each clock asks for them. */
  readonly #all = new FreshCache<SlaPolicy[]>();

  constructor(
    store: Store,
    private readonly deps: SlaPolicyDeps,
  ) {
    this.#policies = store.collection('sla_policies');
  }

  /** Indexes, and the seeded default unless it is there already. */
  async init(): Promise<void> {
    await this.#policies.createIndex({ keys: { order: 1, _id: 1 } });
    const { _id, ...seed } = toStored(seedPolicy(this.deps.clock.now().toISOString()));
    await this.#write(() => this.#policies.updateOne({ _id }, { $setOnInsert: seed }, { upsert: true }));
  }

  /** Every policy, in the order they are matched (shared and frozen: copy before changing one). */
  list(): Promise<readonly SlaPolicy[]> {
    return this.#all.get('all', async () =>
      (await this.#policies.find({}, { sort: { order: 1, _id: 1 } })).map(fromStored<SlaPolicy>),
    );
  }

  async get(id: string): Promise<SlaPolicy> {
    const found = await this.find(id);
    if (!found) throw notFound('SLA policy', id);
    return found;
  }

  /** A policy by id, or null (a clock's policy that was deleted meanwhile). */
  async find(id: string): Promise<SlaPolicy | null> {
    return (await this.list()).find((p) => p.id === id) ?? null;
  }

  /**
   * Every write goes through here: the cached list is dropped after it (and before, so nothing reads
   * the old list while the write is under way and keeps it).
   */
  async #write<T>(write: () => Promise<T>): Promise<T> {
    this.#all.invalidate();
    try {
      return await write();
    } finally {
      this.#all.invalidate();
    }
  }

  async create(input: SlaPolicyCreate): Promise<SlaPolicy> {
    checkPolicy(input, '');
    const now = this.deps.clock.now().toISOString();
    const policy: SlaPolicy = {
      pauseOn: ['pending'],
      warnAt: [50, 75, 100],
      order: 100,
      isDefault: false,
      ...input,
      id: newId('slp'),
      createdAt: now,
      updatedAt: now,
    };
    await this.#write(async () => {
      if (policy.isDefault)
        await this.#policies.updateMany({ isDefault: true }, { $set: { isDefault: false } });
      await this.#policies.insertOne(toStored(policy));
    });
    return policy;
  }

  async update(id: string, patch: SlaPolicyUpdate): Promise<SlaPolicy> {
    const current = await this.get(id);
    checkPolicy({ ...current, ...patch }, '');
    const updated = await this.#write(async () => {
      if (patch.isDefault)
        await this.#policies.updateMany(
          { isDefault: true, _id: { $ne: id } },
          { $set: { isDefault: false } },
        );
      return this.#policies.findOneAndUpdate(
        { _id: id },
        { $set: { ...patch, updatedAt: this.deps.clock.now().toISOString() } },
      );
    });
    if (!updated) throw notFound('SLA policy', id);
    return fromStored(updated);
  }

  async delete(id: string): Promise<void> {
    const { deletedCount } = await this.#write(() => this.#policies.deleteOne({ _id: id }));
    if (!deletedCount) throw notFound('SLA policy', id);
  }

  /** The first policy (by order) whose match holds for the issue, else the default, else none. */
  async matching(issue: Issue): Promise<SlaPolicy | null> {
    const policies = await this.list();
    let customer: Customer | null | undefined;
    for (const policy of policies) {
      if (!policy.match) continue;
      const m = policy.match;
      if (m.priorities && !m.priorities.includes(issue.priority)) continue;
      if (m.channels && !m.channels.includes(issue.channel)) continue;
      if (m.queues && !(issue.queue && m.queues.includes(issue.queue))) continue;
      if (m.tags && !m.tags.some((t) => issue.tags.includes(t))) continue;
      if (m.customerTiers) {
        customer ??= await this.deps.customers.find(issue.customerId);
        if (!customer?.tier || !m.customerTiers.includes(customer.tier)) continue;
      }
      return policy;
    }
    return policies.find((p) => p.isDefault) ?? null;
  }

  /** The time zone of an issue's clocks under a policy: customer's, team's or the policy's own. */
  async timeZoneFor(policy: SlaPolicy, issue: Issue): Promise<string> {
    const from = policy.calendar.timeZoneFrom;
    if (from === 'customer') {
      const customer = await this.deps.customers.find(issue.customerId);
      if (customer?.timeZone) return customer.timeZone;
    } else if (from === 'team') {
      const zone = await this.#teamZone(issue);
      if (zone) return zone;
    }
    return policy.calendar.timeZone;
  }

  async #teamZone(issue: Issue): Promise<string | undefined> {
    if (issue.assignee?.teamId) {
      const team = await this.deps.directory.getTeam(issue.assignee.teamId).catch(() => null);
      if (team?.timeZone) return team.timeZone;
    }
    if (issue.queue) {
      const owner = (await this.deps.directory.listTeams()).find(
        (t) => t.queues.includes(issue.queue!) && t.timeZone,
      );
      if (owner?.timeZone) return owner.timeZone;
    }
    return undefined;
  }
}

/** Checks what the schema cannot: calendars that work and durations that parse. */
function checkPolicy(policy: Pick<SlaPolicyCreate, 'calendar' | 'metrics'>, base: string): void {
  try {
    calendarOf(policy.calendar);
  } catch (err) {
    if (err instanceof CalendarError) throw invalidInput(`${base}/calendar`, err.message);
    throw err;
  }
  for (const [metric, mp] of Object.entries(policy.metrics)) {
    for (const [priority, target] of Object.entries(mp?.targets ?? {})) {
      if (parseDuration(target as string) === null) {
        throw unprocessable(
          `${base}/metrics/${metric}/targets/${priority}`,
          `"${target}" is not a duration such as PT1H`,
        );
      }
    }
  }
}
