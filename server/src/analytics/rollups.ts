/**
 * Pre-aggregated counters (`analytics_counts`, shape version {@link ROLLUP_VERSION}): one small
 * document per period × dimension × value, for UTC days (`g: 'd'`, `p: '2026-05-14'`) and for UTC
 * months (`g: 'm'`, `p: '2026-05'`, the sum of its days). Counters are flat numeric fields under `c`
 * (sums) and `m` (maxima), so an increment touches only the fields it changes. A report over a range
 * reads the whole months inside it and the days at its edges: a 90-day report by agent reads about
 * three month documents and the edge days per agent, not ninety day documents.
 *
 * One fact per counted occurrence that a report can drill into (`analytics_facts`, only for the
 * counters named in `drilled`) lists the issue behind it.
 *
 * Writes are buffered per instance and merged by document before they reach the store (one `$inc`
 * upsert per touched document, one `insertMany` of facts), at most `flushMs` after the event and
 * before every query, so the upkeep costs the ingest path almost nothing. A crash can lose the last
 * unflushed second; `POST /api/analytics/rebuild` recomputes everything from history.
 */
import type { Collection, Store } from '../store/port.ts';
import { ALL, type Dimension, type Dims } from './dimensions.ts';

/** Bump when the stored shape changes: a store holding another shape rebuilds itself (service.ts). */
export const ROLLUP_VERSION = 2;

export type Granularity = 'd' | 'm';

/** One value's counters over one period (what `rows` returns). */
export interface RollupDoc {
  /** The day, or the first day of the month for a month document. */
  day: string;
  dim: Dimension | typeof ALL;
  value: string;
  /** Summed counters. */
  c: Record<string, number>;
  /** Largest values seen (e.g. the longest wait). */
  m?: Record<string, number>;
}

/** The stored shape. */
export interface CountDoc {
  _id: string;
  g: Granularity;
  p: string;
  dim: RollupDoc['dim'];
  value: string;
  c: Record<string, number>;
  m?: Record<string, number>;
}

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
  g: Granularity;
  p: string;
  dim: RollupDoc['dim'];
  value: string;
  add: Record<string, number>;
  max: Record<string, number>;
}

export const dayOf = (at: string) => at.slice(0, 10);
const monthOf = (day: string) => day.slice(0, 7);
const idOf = (g: Granularity, p: string, dim: string, value: string) => `${g}|${p}|${dim}|${value}`;

/**
 * The buffer of one writer: the live one (flushed by upserts on a timer) or a rebuild's own (inserted
 * whole at the end, never touching the live documents meanwhile).
 */
export class RollupBuffer {
  /** Day → dimension → value: nested, so a bump allocates no key. */
  #pending = new Map<string, Map<string, Map<string, Pending>>>();
  facts: FactDoc[] = [];
  #factSeq = 0;
  /** Unique per buffer, so that facts of two instances, runs or rebuilds never collide. */
  readonly #factPrefix = `f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}-`;

  constructor(
    private readonly drilled: ReadonlySet<string> | null,
    private readonly onAdd: () => void = () => undefined,
    private readonly subsumed: Readonly<Record<string, readonly string[]>> = {},
  ) {}

  add(inc: Increment): void {
    const day = dayOf(inc.at);
    // Only days are counted here; their months are summed from them when the buffer is taken.
    const days = this.#period(day);
    this.#bump(days, day, ALL, '', inc);
    const dims: Partial<Dims> = {};
    for (const dim in inc.dims) {
      const value = inc.dims[dim as Dimension];
      if (typeof value !== 'string') continue;
      this.#bump(days, day, dim as Dimension, value, inc);
      // Facts keep the dimensions that have a value (drill-down reads a missing one as none).
      if (value) dims[dim as Dimension] = value;
    }
    if (inc.facts) {
      for (const metric of inc.facts.metrics) {
        if (this.drilled && !this.drilled.has(metric)) continue;
        if (this.subsumed[metric]?.some((other) => inc.add[other])) continue;
        this.facts.push({
          _id: `${this.#factPrefix}${(++this.#factSeq).toString(36)}`,
          metric,
          day,
          at: inc.at,
          issueId: inc.facts.issueId,
          dims,
        });
      }
    }
    this.onAdd();
  }

  #period(day: string): Map<string, Map<string, Pending>> {
    let period = this.#pending.get(day);
    if (!period) {
      period = new Map();
      this.#pending.set(day, period);
    }
    return period;
  }

  #bump(
    period: Map<string, Map<string, Pending>>,
    p: string,
    dim: RollupDoc['dim'],
    value: string,
    inc: Increment,
  ): void {
    let values = period.get(dim);
    if (!values) {
      values = new Map();
      period.set(dim, values);
    }
    let doc = values.get(value);
    if (!doc) {
      doc = { g: 'd', p, dim, value, add: {}, max: {} };
      values.set(value, doc);
    }
    const add = doc.add;
    for (const name in inc.add) add[name] = (add[name] ?? 0) + inc.add[name]!;
    if (inc.max) {
      const max = doc.max;
      for (const name in inc.max) {
        const n = inc.max[name]!;
        max[name] = Math.max(max[name] ?? n, n);
      }
    }
  }

  /** Takes what is buffered, leaving the buffer empty. */
  take(): { pending: Map<string, Pending>; facts: FactDoc[] } {
    const pending = new Map<string, Pending>();
    for (const [day, period] of this.#pending) {
      const month = monthOf(day);
      for (const values of period.values())
        for (const p of values.values()) {
          pending.set(idOf('d', p.p, p.dim, p.value), p);
          const id = idOf('m', month, p.dim, p.value);
          let m = pending.get(id);
          if (!m) {
            m = { g: 'm', p: month, dim: p.dim, value: p.value, add: {}, max: {} };
            pending.set(id, m);
          }
          for (const k in p.add) m.add[k] = (m.add[k] ?? 0) + p.add[k]!;
          for (const k in p.max) m.max[k] = Math.max(m.max[k] ?? p.max[k]!, p.max[k]!);
        }
    }
    const out = { pending, facts: this.facts };
    this.#pending = new Map();
    this.facts = [];
    return out;
  }
}

/** The `analytics_meta` document holding when the last stored flush took its buffer. */
const FLUSHED_MARK = 'rollups-flushed';

export class Rollups {
  readonly counts: Collection<CountDoc>;
  readonly facts: Collection<FactDoc>;
  readonly #buffer: RollupBuffer;
  #flushing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  readonly #marks: Collection<{ _id: string; through?: string }>;
  #flushedThrough: string | undefined;

  constructor(
    store: Store,
    private readonly flushMs = 1000,
    private readonly drilled: ReadonlySet<string> | null = null,
    /** Counters listed by the facts of others in the same increment (`SUBSUMED` in reports.ts). */
    private readonly subsumed: Readonly<Record<string, readonly string[]>> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.counts = store.collection('analytics_counts');
    this.#marks = store.collection('analytics_meta');
    this.facts = store.collection('analytics_facts');
    this.#buffer = new RollupBuffer(drilled, () => this.#schedule(), subsumed);
  }

  async init(): Promise<void> {
    await this.counts.createIndex({ keys: { dim: 1, g: 1, p: 1 } });
    await this.facts.createIndex({ keys: { metric: 1, day: 1, at: 1 } });
    await this.facts.createIndex({ keys: { issueId: 1 } });
  }

  add(inc: Increment): void {
    this.#buffer.add(inc);
  }

  /** A separate buffer for a rebuild (see {@link replace}). */
  buffer(): RollupBuffer {
    return new RollupBuffer(this.drilled, undefined, this.subsumed);
  }

  #schedule(): void {
    if (this.#timer || this.flushMs <= 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.flushMs);
    this.#timer.unref();
  }

  /** Writes every buffered counter and fact; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    const run = this.#flushing.then(async () => {
      const through = this.now().toISOString();
      const taken = this.#buffer.take();
      if (!taken.pending.size && !taken.facts.length) return;
      await this.#write(taken);
      // After the numbers: a replayed event at or before this was counted by a flush (see below).
      await this.#marks.updateOne({ _id: FLUSHED_MARK }, { $set: { through } }, { upsert: true });
      this.#flushedThrough = through;
    });
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  /**
   * When the last stored flush took its buffer. An event replayed after a crash (events/outbox.ts)
   * whose time is at or before it had its increments written already (its handler ran right after
   * it), so counting it again would count it twice; a later one was lost with the buffer.
   */
  async flushedThrough(): Promise<string | undefined> {
    if (this.#flushedThrough === undefined) {
      const mark = await this.#marks.findOne({ _id: FLUSHED_MARK });
      this.#flushedThrough = typeof mark?.through === 'string' ? mark.through : '';
    }
    return this.#flushedThrough || undefined;
  }

  async #write({ pending, facts }: ReturnType<RollupBuffer['take']>): Promise<void> {
    for (const [_id, doc] of pending) {
      const $inc: Record<string, number> = {};
      const $max: Record<string, number> = {};
      for (const k in doc.add) $inc[`c.${k}`] = doc.add[k]!;
      for (const k in doc.max) $max[`m.${k}`] = doc.max[k]!;
      await this.counts.updateOne(
        { _id },
        {
          $setOnInsert: { g: doc.g, p: doc.p, dim: doc.dim, value: doc.value },
          $inc,
          ...(Object.keys($max).length ? { $max } : {}),
        },
        { upsert: true },
      );
    }
    for (let i = 0; i < facts.length; i += 1000) await this.facts.insertMany(facts.slice(i, i + 1000));
  }

  /**
   * Replaces every stored number with what a rebuild computed in its own buffer: documents are
   * inserted whole (no upserts), in batches. What the live buffer held is dropped with the old numbers
   * (the rebuild recomputed it from history).
   */
  async replace(rebuilt: RollupBuffer): Promise<void> {
    const { pending, facts } = rebuilt.take();
    const run = this.#flushing.then(async () => {
      this.#buffer.take();
      await this.counts.deleteMany({});
      await this.facts.deleteMany({});
      let batch: CountDoc[] = [];
      for (const [_id, p] of pending) {
        batch.push({
          _id,
          g: p.g,
          p: p.p,
          dim: p.dim,
          value: p.value,
          c: p.add,
          ...(Object.keys(p.max).length ? { m: p.max } : {}),
        });
        if (batch.length >= 1000) {
          await this.counts.insertMany(batch);
          batch = [];
        }
      }
      if (batch.length) await this.counts.insertMany(batch);
      for (let i = 0; i < facts.length; i += 2000) await this.facts.insertMany(facts.slice(i, i + 2000));
    });
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Stored rows of one dimension over whole UTC days, `fromDay` to `toDay` inclusive. `daily`: one
   * row per day (for trends); otherwise whole months inside the range come as one row each (`day`
   * is then the month's first day), and only the edge days as day rows.
   */
  async rows(dim: RollupDoc['dim'], fromDay: string, toDay: string, daily: boolean): Promise<RollupDoc[]> {
    await this.flush();
    const out: RollupDoc[] = [];
    const push = (docs: CountDoc[]) => {
      for (const doc of docs)
        out.push({
          day: doc.g === 'm' ? `${doc.p}-01` : doc.p,
          dim: doc.dim,
          value: doc.value,
          c: doc.c ?? {},
          ...(doc.m ? { m: doc.m } : {}),
        });
    };
    const days = (from: string, to: string) =>
      from <= to ? this.counts.find({ dim, g: 'd', p: { $gte: from, $lte: to } }) : Promise.resolve([]);
    const split = daily ? null : wholeMonths(fromDay, toDay);
    if (!split) {
      push(await days(fromDay, toDay));
      return out;
    }
    push(await this.counts.find({ dim, g: 'm', p: { $gte: split.first, $lte: split.last } }));
    push(await days(fromDay, split.before));
    push(await days(split.after, toDay));
    return out;
  }

  /** Whether any counts are stored (a store with history but no counts may need a rebuild). */
  async isEmpty(): Promise<boolean> {
    return (await this.counts.findOne({})) === null;
  }
}

/**
 * The whole months within `[from, to]` (first and last, `YYYY-MM`), and the edge days outside them:
 * `from`..`before` and `after`..`to` (empty when `before < from` / `after > to`). Null when no whole
 * month fits.
 */
export function wholeMonths(
  from: string,
  to: string,
): { first: string; last: string; before: string; after: string } | null {
  const start = new Date(`${from}T00:00:00Z`);
  // The first month that starts on or after `from`.
  const first =
    start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const end = new Date(`${to}T00:00:00Z`);
  // The last month that ends on or before `to`: the month before the one `to + 1 day` falls in.
  const next = new Date(end.getTime() + 86_400_000);
  const afterLast = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), 1));
  if (afterLast <= first) return null;
  const lastStart = new Date(Date.UTC(afterLast.getUTCFullYear(), afterLast.getUTCMonth() - 1, 1));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    first: iso(first).slice(0, 7),
    last: iso(lastStart).slice(0, 7),
    before: iso(new Date(first.getTime() - 86_400_000)),
    after: iso(afterLast),
  };
}
