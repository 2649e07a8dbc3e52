/**
 * Facts for flow conditions. Built in: `issue` (the issue as the run sees it, updated by the run's
 * own `set` nodes), `customer`, `timeline` (a summary, see TimelineSummary), `event` (what started or
 * resumed the run) and `now` (the injected clock, as an ISO timestamp).
 *
 * Other modules contribute facts through {@link FactRegistry.register} (agent load, SLA remaining,
 * AI labels). Every fact except `issue`, `event` and `now` is a json-rules-engine dynamic fact: it is
 * computed only when a condition reads it, and at most once per run segment (the almanac caches it).
 */
import { type Customer, type Issue, schemaId, type TimelineSummary } from '@baton/schemas';
import { Almanac, Fact, type PathResolver } from 'json-rules-engine';

/** Where a run reads what it does not hold itself: the store (live), pasted data (simulate), memory (bench). */
export interface FactSource {
  customer(id: string): Promise<Customer | null>;
  timeline(issueId: string): Promise<TimelineSummary>;
}

/** What a fact computation can see of the run that asks for it. */
export interface FactScope {
  readonly issue: Issue;
  readonly now: Date;
  readonly source: FactSource;
}

export interface FactDefinition {
  id: string;
  description: string;
  /** A JSON Schema of the value, for the studio's path picker. */
  schema?: object;
  compute(scope: FactScope, params: Record<string, unknown>): unknown;
}

const hashedKey = (Fact.prototype as unknown as { getCacheKey(this: Fact, params: unknown): string })
  .getCacheKey;

/**
 * A json-rules-engine fact whose cache key, when it takes no params (every Baton fact so far), is
 * its id rather than a hash of `{ id, params }`: the same caching, without hashing on every lookup.
 */
export class RunFact<T = unknown> extends Fact<T> {
  getCacheKey(params: Record<string, unknown> | undefined): string | undefined {
    if (this.options.cache !== true) return undefined;
    if (params && Object.keys(params).length > 0) return hashedKey.call(this, params);
    return `fact:${this.id}`;
  }
}

/**
 * The almanac of one run segment: json-rules-engine's, carrying the run's scope for dynamic facts.
 * The registered (dynamic) facts are shared by every almanac of an instance and looked up on a miss
 * instead of being added to each new almanac: a run reads two or three of them, and adding all of
 * them per segment was a tenth of a flow run's CPU. Values are still computed and cached per almanac.
 */
export class RunAlmanac extends Almanac {
  constructor(
    public scope: FactScope,
    options: { pathResolver?: PathResolver },
    private readonly shared: ReadonlyMap<string, Fact> = new Map(),
  ) {
    super({ allowUndefinedFacts: false, ...options });
  }

  /** json-rules-engine's lookup of a fact by id: this segment's own facts first, then the shared ones. */
  _getFact(factId: string): Fact | undefined {
    return (this as unknown as { factMap: Map<string, Fact> }).factMap.get(factId) ?? this.shared.get(factId);
  }

  /**
   * json-rules-engine caches a settled promise of every constant fact as it is added, and never reads
   * it (`factValue` takes a constant's value from the fact itself): three promises per almanac, some
   * seventeen per ingested issue. Computed values are cached as before.
   */
  _setFactValue(fact: Fact, params: Record<string, unknown>, value: unknown): Promise<unknown> | undefined {
    if ((fact as Fact & { isConstant(): boolean }).isConstant()) return undefined;
    return (
      Almanac.prototype as unknown as {
        _setFactValue(this: Almanac, f: Fact, p: Record<string, unknown>, v: unknown): Promise<unknown>;
      }
    )._setFactValue.call(this, fact, params, value);
  }
}

/** Facts a run provides as constants; the registry refuses to register another fact under these ids. */
export const RUN_FACTS: ReadonlyArray<{ id: string; description: string; schema?: object }> = [
  {
    id: 'issue',
    description: 'The issue, as changed so far by this run.',
    schema: { $ref: schemaId('issue') },
  },
  {
    id: 'event',
    description:
      'What started (or resumed) the run: for message.added the timeline event ($.type, $.text, $.author.kind), for issue.updated { changes }, plus $.eventType.',
  },
  {
    id: 'now',
    description: 'The current time (ISO-8601), e.g. for withinBusinessHours.',
    schema: { type: 'string', format: 'date-time' },
  },
];

export class FactRegistry {
  readonly #facts = new Map<string, FactDefinition>();

  constructor() {
    this.register({
      id: 'customer',
      description:
        'The customer of the issue (name, email, company, tier, timeZone, attributes). null when unknown.',
      schema: { $ref: schemaId('customer') },
      compute: (scope) => scope.source.customer(scope.issue.customerId),
    });
    this.register({
      id: 'timeline',
      description:
        'A summary of the issue timeline: total, counts per event type, first/last customer message and agent reply times, awaitingReply.',
      schema: { $ref: schemaId('timeline-summary') },
      compute: (scope) => scope.source.timeline(scope.issue.id),
    });
  }

  /** Adds a fact that conditions may read. Ids are unique; run facts (issue, event, now) are reserved. */
  register(fact: FactDefinition): void {
    if (RUN_FACTS.some((f) => f.id === fact.id) || this.#facts.has(fact.id)) {
      throw new Error(`a fact named ${fact.id} is already registered`);
    }
    this.#facts.set(fact.id, fact);
  }

  has(id: string): boolean {
    return this.#facts.has(id) || RUN_FACTS.some((f) => f.id === id);
  }

  /** How many facts are registered (cheap: the condition engine checks it per run segment). */
  get size(): number {
    return this.#facts.size;
  }

  list(): FactDefinition[] {
    return [...this.#facts.values()];
  }

  describe(): Array<{ id: string; description: string; schema?: object }> {
    return [
      ...RUN_FACTS.map((f) => ({
        id: f.id,
        description: f.description,
        ...(f.schema ? { schema: f.schema } : {}),
      })),
      ...this.list().map((f) => ({
        id: f.id,
        description: f.description,
        ...(f.schema ? { schema: f.schema } : {}),
      })),
    ];
  }
}

/** The `timeline` fact computed from an issue's events. */
export function summarizeTimeline(events: Iterable<{ type: string; at: string }>): TimelineSummary {
  const counts: TimelineSummary['counts'] = {};
  const summary: TimelineSummary = { total: 0, counts, awaitingReply: false };
  let lastMessageBy: 'customer' | 'agent' | null = null;
  let lastMessageAt = '';
  for (const event of events) {
    summary.total++;
    counts[event.type] = (counts[event.type] ?? 0) + 1;
    if (event.type === 'customer_message') {
      if (!summary.firstCustomerMessageAt || event.at < summary.firstCustomerMessageAt) {
        summary.firstCustomerMessageAt = event.at;
      }
      if (!summary.lastCustomerMessageAt || event.at > summary.lastCustomerMessageAt) {
        summary.lastCustomerMessageAt = event.at;
      }
    } else if (event.type === 'agent_reply') {
      if (!summary.firstAgentReplyAt || event.at < summary.firstAgentReplyAt)
        summary.firstAgentReplyAt = event.at;
      if (!summary.lastAgentReplyAt || event.at > summary.lastAgentReplyAt)
        summary.lastAgentReplyAt = event.at;
    } else continue;
    if (event.at >= lastMessageAt) {
      lastMessageAt = event.at;
      lastMessageBy = event.type === 'customer_message' ? 'customer' : 'agent';
    }
  }
  summary.awaitingReply = lastMessageBy === 'customer';
  return summary;
}
