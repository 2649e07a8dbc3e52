/**
 * Pre-aggregated counters: one document per UTC day × dimension (`analytics_rollups`) holding the
 * counters of every value of that dimension (a 90-day report by agent reads 90 documents), plus
 * one fact per counted occurrence that concerns an issue (`analytics_facts`) so that every number can
 * be drilled down to the issues behind it.
 *
 * Writes are buffered per instance and merged by key before they reach the store (one `$inc` upsert
 * per touched day × dimension × value, one `insertMany` of facts), at most `flushMs` after the event
 * and before every query, so the upkeep costs the ingest path almost nothing. A crash can lose the
 * last unflushed second; `POST /api/analytics/rebuild` recomputes everything from history.
 */
import type { Collection, Store } from '../store/port.ts';
import { ALL, type Dimension, type Dims } from './dimensions.ts';

/** One value's counters on one day (what `rows` returns). */
export interface RollupDoc {
  day: string;
  dim: Dimension | typeof ALL;
  value: string;
  /** Summed counters. */
  c: Record<string, number>;
  /** Largest values seen (e.g. the longest wait). */
  m?: Record<string, number>;
}

/** The stored shape: a day × dimension, its values' counters under `v.<encoded value>`. */
interface DayDoc {
  _id: string;
  day: string;
  dim: RollupDoc['dim'];
  v: Record<string, { c: Record<string, number>; m?: Record<string, number> }>;
}

/** A value as a field name: never empty, no `.`, no leading `$` (reasons and queues may hold them). */
const encode = (value: string) => `k${encodeURIComponent(value).replace(/\./g, '%2E')}`;
const decode = (field: string) => decodeURIComponent(field.slice(1));

export interface FactDoc {
  _id: string;
  metric: string;
  day: string;
  at: string;
  issueId: string;
  dims: Partial<Dims>;
}

export interface Increment {
  at: string;
  dims: Partial<Dims>;
  /** Counters to add. */
  add: Record<string, number>;
  /** Maxima to keep. */
  max?: Record<string, number>;
  /** Facts to record for drill-down: metric names, the issue they concern. */
  facts?: { issueId: string; metrics: readonly string[] };
}

interface Pending {
  day: string;
  dim: RollupDoc['dim'];
  value: string;
  add: Record<string, number>;
  max: Record<string, number>;
}

export const dayOf = (at: string) => at.slice(0, 10);

export class Rollups {
  readonly rollups: Collection<DayDoc>;
  readonly facts: Collection<FactDoc>;
  #pending = new Map<string, Pending>();
  #facts: FactDoc[] = [];
  #factSeq = 0;
  /** Unique per instance and start, so that facts of two instances or two runs never collide. */
  readonly #factPrefix = `f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}-`;
  #flushing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    store: Store,
    private readonly flushMs = 1000,
  ) {
    this.rollups = store.collection('analytics_rollups');
    this.facts = store.collection('analytics_facts');
  }

  async init(): Promise<void> {
    await this.rollups.createIndex({ keys: { dim: 1, day: 1 } });
    await this.facts.createIndex({ keys: { metric: 1, day: 1 } });
    await this.facts.createIndex({ keys: { issueId: 1 } });
  }

  add(inc: Increment): void {
    const day = dayOf(inc.at);
    const targets: Array<[RollupDoc['dim'], string]> = [[ALL, ''], ...dimEntries(inc.dims)];
    for (const [dim, value] of targets) {
      const key = `${day}|${dim}|${value}`;
      let p = this.#pending.get(key);
      if (!p) {
        p = { day, dim, value, add: {}, max: {} };
        this.#pending.set(key, p);
      }
      for (const [name, n] of Object.entries(inc.add)) p.add[name] = (p.add[name] ?? 0) + n;
      for (const [name, n] of Object.entries(inc.max ?? {})) p.max[name] = Math.max(p.max[name] ?? n, n);
    }
    if (inc.facts) {
      for (const metric of inc.facts.metrics) {
        this.#facts.push({
          _id: `${this.#factPrefix}${(++this.#factSeq).toString(36)}`,
          metric,
          day,
          at: inc.at,
          issueId: inc.facts.issueId,
          dims: inc.dims,
        });
      }
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.flushMs <= 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.flushMs);
    this.#timer.unref();
  }

  /**
   * Writes every buffered counter and fact; concurrent calls queue behind each other. `fresh`: the
   * collections are known to be empty (a rebuild), so documents are inserted whole.
   */
  flush(options: { fresh?: boolean } = {}): Promise<void> {
    const run = this.#flushing.then(() => (options.fresh ? this.#insert() : this.#write()));
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  async #write(): Promise<void> {
    const pending = this.#pending;
    const facts = this.#facts;
    this.#pending = new Map();
    this.#facts = [];
    for (const doc of byDay(pending).values()) {
      const $inc: Record<string, number> = {};
      const $max: Record<string, number> = {};
      for (const [field, { c, m }] of Object.entries(doc.v)) {
        for (const [k, n] of Object.entries(c)) $inc[`v.${field}.c.${k}`] = n;
        for (const [k, n] of Object.entries(m ?? {})) $max[`v.${field}.m.${k}`] = n;
      }
      await this.rollups.updateOne(
        { _id: doc._id },
        {
          $setOnInsert: { day: doc.day, dim: doc.dim },
          ...(Object.keys($inc).length ? { $inc } : {}),
          ...(Object.keys($max).length ? { $max } : {}),
        },
        { upsert: true },
      );
    }
    for (let i = 0; i < facts.length; i += 1000) await this.facts.insertMany(facts.slice(i, i + 1000));
  }

  async #insert(): Promise<void> {
    const docs = [...byDay(this.#pending).values()];
    const facts = this.#facts;
    this.#pending = new Map();
    this.#facts = [];
    for (let i = 0; i < docs.length; i += 500) await this.rollups.insertMany(docs.slice(i, i + 500));
    for (let i = 0; i < facts.length; i += 1000) await this.facts.insertMany(facts.slice(i, i + 1000));
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Drops every buffered and stored number (before a rebuild). */
  async clear(): Promise<void> {
    await this.#flushing;
    this.#pending = new Map();
    this.#facts = [];
    await this.rollups.deleteMany({});
    await this.facts.deleteMany({});
  }

  /** Stored rows of one dimension (and the all-row) over whole UTC days, `fromDay` to `toDay` inclusive. */
  async rows(dims: ReadonlyArray<RollupDoc['dim']>, fromDay: string, toDay: string): Promise<RollupDoc[]> {
    await this.flush();
    const out: RollupDoc[] = [];
    // One equality lookup per dimension (the planner serves equality on an index's first field).
    for (const dim of dims) {
      for (const doc of await this.rollups.find({ dim, day: { $gte: fromDay, $lte: toDay } })) {
        for (const [field, { c, m }] of Object.entries(doc.v ?? {})) {
          out.push({ day: doc.day, dim: doc.dim, value: decode(field), c, ...(m ? { m } : {}) });
        }
      }
    }
    return out;
  }
}

function dimEntries(dims: Partial<Dims>): Array<[Dimension, string]> {
  return Object.entries(dims).filter((e): e is [Dimension, string] => typeof e[1] === 'string');
}

/** Buffered counters grouped into their day × dimension documents. */
function byDay(pending: Map<string, Pending>): Map<string, DayDoc> {
  const docs = new Map<string, DayDoc>();
  for (const p of pending.values()) {
    const id = `${p.day}|${p.dim}`;
    let doc = docs.get(id);
    if (!doc) {
      doc = { _id: id, day: p.day, dim: p.dim, v: {} };
      docs.set(id, doc);
    }
    doc.v[encode(p.value)] = { c: p.add, ...(Object.keys(p.max).length ? { m: p.max } : {}) };
  }
  return docs;
}
