/**
 * Handoff analytics of one instance. Owns `analytics_counts`, `analytics_facts`, `analytics_issues`,
 * `analytics_load`, `analytics_steps` and `analytics_meta` (and drops the older `analytics_rollups`).
 *
 * Upkeep is incremental: bus listeners turn each domain event into a signal and the projector turns
 * it into counter increments per UTC day and month × dimension value (see `rollups.ts`), so a report
 * reads a few small documents per group, never the issues. `rebuild()` recomputes everything from
 * stored history with the very same projector (history.ts), in time order across issues.
 *
 * A store whose counters have another shape than this code's ({@link ROLLUP_VERSION}, recorded in
 * `analytics_meta`) rebuilds itself in the background when the server starts; until it is done the
 * reports show what was rebuilt so far (nothing), and live events wait and are applied after.
 */
import type { Agent, FlowRun, Issue } from '@baton/schemas';
import type { DirectoryService } from '../directory/service.ts';
import type { RunStore } from '../engine/runs.ts';
import type { EventBus } from '../events/bus.ts';
import type { FlowService } from '../flows/service.ts';
import type { HandoffService } from '../handoffs/service.ts';
import { ProblemError, unprocessable } from '../http/problem.ts';
import type { IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import type { SlaService } from '../sla/service.ts';
import type { Collection, Store } from '../store/port.ts';
import type { Dimension } from './dimensions.ts';
import { type IssueHistory, openingState, signalsOf } from './history.ts';
import { HistoryReader } from './history-reader.ts';
import { Labels } from './labels.ts';
import { MemoryState, Projector, type ProjectorSources, StoredState } from './projector.ts';
import {
  BOTTLENECK_TABLES,
  bucketLabels,
  type Column,
  type Counters,
  columnByKey,
  DRILLED,
  type ReportName,
  SPECS,
  SUBSUMED,
} from './reports.ts';
import { computeRoi, ROI_DEFAULTS, ROI_SOURCES, type RoiInputs } from './roi.ts';
import { dayOf, ROLLUP_VERSION, Rollups } from './rollups.ts';
import { fromBus, fromPlaybookEvent, issueOf, type Signal } from './signals.ts';

export interface AnalyticsDeps {
  clock: Clock;
  bus: EventBus;
  issues: IssueService;
  timeline: TimelineService;
  handoffs: HandoffService;
  sla: SlaService;
  runs: RunStore;
  flows: FlowService;
  directory: DirectoryService;
  log: { error(obj: object, msg: string): void };
}

export interface RangeQuery {
  from?: string;
  to?: string;
  groupBy?: string;
}

export interface ColumnView {
  key: string;
  label: string;
  unit: Column['unit'];
  drill?: string;
}
export interface ReportRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
}
export interface ReportTable {
  groupBy: string;
  columns: ColumnView[];
  rows: ReportRow[];
}
export interface Report extends ReportTable {
  report: ReportName;
  from: string;
  to: string;
  totals: Record<string, number | null>;
  trend: { columns: ColumnView[]; days: Array<{ day: string; values: Record<string, number | null> }> };
  distributions?: Array<{ key: string; label: string; buckets: Array<{ label: string; count: number }> }>;
  tables?: Record<string, ReportTable>;
  capacity?: Array<{ key: string; label: string; agents: number; open: number; capacity: number }>;
  /** True while the counters are recounted from history after an upgrade of their stored shape. */
  recounting?: boolean;
}

const DAY = 86_400_000;
const MAX_DAYS = 732;
const PLAYBOOK_EVENTS = ['playbook.step.completed', 'playbook.step.missed'] as const;

type StepDoc = { _id: string; signal: Signal };
type MetaDoc = { _id: string; version: number; at: string };

export class AnalyticsService {
  readonly rollups: Rollups;
  readonly #projector: Projector;
  readonly #steps: Collection<StepDoc>;
  readonly #meta: Collection<MetaDoc>;
  /** Counters of the first shape (one document per day × dimension), dropped by the upgrade. */
  readonly #oldRollups: Collection<{ _id: string }>;
  #upgrade = false;
  #upgrading: Promise<void> | undefined;
  #stopped = false;
  readonly #state: StoredState;
  readonly #history: HistoryReader;
  readonly #serial = new KeyedQueue();
  readonly #labels: Labels;
  readonly #playbooks = new Map<string, boolean>();
  #pending: Signal[] | null = null;
  #stepSeq = 0;
  #unfollow: (() => void) | undefined;

  constructor(
    store: Store,
    private readonly deps: AnalyticsDeps,
    options: { flushMs?: number } = {},
  ) {
    this.rollups = new Rollups(store, options.flushMs ?? 1000, DRILLED, SUBSUMED, () => deps.clock.now());
    this.#state = new StoredState(store, options.flushMs ?? 1000);
    this.#projector = new Projector(this.rollups, this.#sources(), this.#state);
    this.#steps = store.collection('analytics_steps');
    this.#meta = store.collection('analytics_meta');
    this.#oldRollups = store.collection('analytics_rollups');
    this.#history = new HistoryReader(store);
    this.#labels = new Labels(deps.directory, deps.flows);
  }

  async init(): Promise<void> {
    await this.rollups.init();
    await this.#steps.createIndex({ keys: { 'signal.at': 1 } });
    const meta = await this.#meta.findOne({ _id: 'rollups' });
    if (meta?.version === ROLLUP_VERSION) return;
    const counted =
      (await this.#oldRollups.findOne({})) !== null ||
      !(await this.rollups.isEmpty()) ||
      (await this.#state.issues.findOne({})) !== null;
    // A store that never counted anything starts in this shape; one that did is rebuilt by start().
    if (counted) this.#upgrade = true;
    else await this.#markShape();
  }

  /** Rebuilds a store kept in an older shape, in the background (see the class comment). */
  start(): void {
    if (!this.#upgrade || this.#upgrading) return;
    this.#upgrading = this.rebuild()
      .then(() => this.#oldRollups.deleteMany({}))
      .then(() => this.#markShape())
      .then(() => {
        this.#upgrade = false;
      })
      .catch((err) => {
        // Left as it was (the rebuild replaces numbers only when complete): the next start tries again.
        if (!this.#stopped) this.deps.log.error({ err }, 'analytics: upgrading the stored counters failed');
      });
  }

  /** Whether the stored counters are being rebuilt into this version's shape. */
  get upgrading(): boolean {
    return this.#upgrade;
  }

  async #markShape(): Promise<void> {
    await this.#meta.updateOne(
      { _id: 'rollups' },
      { $set: { version: ROLLUP_VERSION, at: this.deps.clock.now().toISOString() } },
      { upsert: true },
    );
  }

  /** Subscribes to the events it measures; returns the unsubscribe function. */
  follow(): () => void {
    const { bus } = this.deps;
    const types = [
      'issue.created',
      'issue.updated',
      'message.added',
      'sla.settled',
      'sla.breached',
      'flow.resumed',
      'handoff.offered',
      'handoff.accepted',
      'handoff.declined',
      'handoff.expired',
      'handoff.completed',
      'handoff.cancelled',
    ] as const;
    const offs = types.map((type) =>
      bus.on(type, async (event) => {
        const signal = fromBus(event);
        if (!signal) return;
        // Replayed after a crash (events/outbox.ts): counted already when a stored flush came after it.
        if (event.replayed) {
          const through = await this.rollups.flushedThrough();
          if (through !== undefined && event.at <= through) return;
        }
        return this.#take(signal);
      }),
    );
    // Emitted by the playbook module (built apart); read by name and defensively so that this works
    // before and after those events join the bus's typed union.
    const onAny = bus.on.bind(bus) as unknown as (type: string, h: (e: unknown) => unknown) => () => void;
    for (const type of PLAYBOOK_EVENTS) {
      const outcome = type.endsWith('missed') ? 'missed' : 'completed';
      offs.push(
        onAny(type, async (raw) => {
          const signal = fromPlaybookEvent(outcome, raw, this.deps.clock.now().toISOString());
          if (!signal) return;
          // Kept, since no other stored history holds them: the rebuild replays them.
          await this.#steps.insertOne({
            _id: `${signal.at}|${(++this.#stepSeq).toString(36)}|${Math.random().toString(36).slice(2, 8)}`,
            signal,
          });
          await this.#take(signal);
        }),
      );
    }
    const off = () => {
      for (const o of offs) o();
    };
    this.#unfollow = off;
    return off;
  }

  /** Stops listening (the ingest benchmark measures the bus without analytics this way). */
  unfollow(): void {
    this.#unfollow?.();
    this.#unfollow = undefined;
  }

  #take(signal: Signal): Promise<void> | undefined {
    if (this.#pending) {
      this.#pending.push(signal);
      return undefined;
    }
    return this.#serial.run(issueOf(signal) ?? '', () => this.#projector.apply(signal));
  }

  /** Writes buffered numbers and records now, as the timer would a second later. */
  async flush(): Promise<void> {
    await this.rollups.flush();
    await this.#state.flush();
  }

  /** Writes buffered numbers (before shutdown; reports do it themselves). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#upgrading;
    this.rollups.stop();
    this.#state.stop();
    await this.rollups.flush();
    await this.#state.flush();
  }

  #sources(): ProjectorSources {
    const { issues, timeline, runs, flows, directory } = this.deps;
    return {
      issue: async (issueId) => {
        const issue = await issues.get(issueId).catch(() => null);
        return issue ? openingState(issue, await timeline.allForIssue(issueId)) : null;
      },
      customerTextsBefore: async (issueId, before) =>
        (await timeline.allForIssue(issueId)).flatMap((e) =>
          e.at < before && e.type === 'customer_message' ? [e.text] : [],
        ),
      classifiedQueue: async (issueId) => classifiedQueueOf(await this.#runsOf(issueId)),
      handoffOrigin: async (runId, handoffId) => {
        const run = await runs.find(runId);
        if (!run) return {};
        const steps = run.steps.filter((s) => s.type === 'handoff');
        const step =
          steps.find((s) => (s.detail as { handoffId?: string } | undefined)?.handoffId === handoffId) ??
          steps[0];
        return { ...(step ? { node: `${run.flowId}#${step.nodeId}` } : {}), event: run.trigger.event };
      },
      isPlaybook: async (flowId) => {
        let kind = this.#playbooks.get(flowId);
        if (kind === undefined) {
          kind = (await flows.get(flowId).catch(() => null))?.kind === 'playbook';
          this.#playbooks.set(flowId, kind);
        }
        return kind;
      },
      agent: (agentId): Promise<Agent | null> => directory.findAgent(agentId),
    };
  }

  /** Runs of an issue, oldest first. */
  async #runsOf(issueId: string) {
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.runs.forIssue(issueId, { limit: 200, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all.reverse();
  }

  // Reports

  range(query: RangeQuery): { from: string; to: string } {
    const now = this.deps.clock.now();
    const to = query.to ? parseMoment(query.to, '/querystring/to') : now;
    const from = query.from
      ? parseMoment(query.from, '/querystring/from')
      : new Date(to.getTime() - 29 * DAY);
    if (from > to) throw unprocessable('/querystring/from', 'from must not be after to');
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY)
      throw unprocessable('/querystring/from', `a range spans at most ${MAX_DAYS} days`);
    return { from: dayOf(from.toISOString()), to: dayOf(to.toISOString()) };
  }

  groupOf(report: ReportName, groupBy: string | undefined): Dimension {
    const spec = SPECS[report];
    if (groupBy === undefined) return spec.defaultGroupBy;
    if (!(spec.groupBy as readonly string[]).includes(groupBy))
      throw unprocessable(
        '/querystring/groupBy',
        `the ${report} report groups by ${spec.groupBy.join(', ')}`,
      );
    return groupBy as Dimension;
  }

  async report(report: ReportName, query: RangeQuery): Promise<Report> {
    const { from, to } = this.range(query);
    const groupBy = this.groupOf(report, query.groupBy);
    const spec = SPECS[report];
    const extra = report === 'bottlenecks' ? BOTTLENECK_TABLES.filter((t) => t !== groupBy) : [];
    const rows = (
      await Promise.all([
        this.rollups.rows('all', from, to, true),
        ...[groupBy, ...extra].map((dim) => this.rollups.rows(dim, from, to, false)),
      ])
    ).flat();
    const byDim = new Map<string, Map<string, { c: Counters; m: Counters }>>();
    const byDay = new Map<string, { c: Counters; m: Counters }>();
    for (const row of rows) {
      const target = row.dim === 'all' ? day(byDay, row.day) : group(byDim, row.dim, row.value);
      merge(target, row.c, row.m);
    }
    const table = async (dim: Dimension): Promise<ReportTable> => {
      const columns = spec.columns(dim);
      const groups = byDim.get(dim) ?? new Map();
      const labels = await this.#labels.of(dim, [...groups.keys()]);
      const sortKey = columns.find((c) => c.key === spec.sort.key) ?? columns[0]!;
      // A group shows when this report has something to say about it (not only issues it opened).
      const rows = [...groups].filter(([, sums]) =>
        columns.some((c) => c.key !== 'issues' && (c.value(sums.c, sums.m) ?? 0) > 0),
      );
      const out = rows.map(([key, sums]) => ({
        key,
        label: labels.get(key) ?? key,
        values: valuesOf(columns, sums),
      }));
      out.sort(
        (a, b) =>
          (b.values[sortKey.key] ?? -1) - (a.values[sortKey.key] ?? -1) || a.label.localeCompare(b.label),
      );
      return { groupBy: dim, columns: columns.map(viewOf), rows: out };
    };
    const main = await table(groupBy);
    const totalSums = { c: {}, m: {} } as { c: Counters; m: Counters };
    for (const sums of byDay.values()) merge(totalSums, sums.c, sums.m);
    const trendColumns = spec.trend.map((k) => columnByKey(report, k)).filter((c): c is Column => Boolean(c));
    const days: Report['trend']['days'] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
      const d = new Date(t).toISOString().slice(0, 10);
      days.push({ day: d, values: valuesOf(trendColumns, byDay.get(d) ?? { c: {}, m: {} }) });
    }
    const result: Report = {
      report,
      from,
      to,
      ...main,
      totals: valuesOf(spec.columns(groupBy), totalSums),
      trend: { columns: trendColumns.map(viewOf), days },
      ...(this.upgrading ? { recounting: true } : {}),
    };
    if (report === 'handoffs') {
      const labels = bucketLabels();
      result.distributions = [
        {
          key: 'timeToAccept',
          label: 'Time to accept',
          buckets: labels.map((label, i) => ({ label, count: totalSums.c[`hA${i}`] ?? 0 })),
        },
        {
          key: 'timeToComplete',
          label: 'Time to complete',
          buckets: labels.map((label, i) => ({ label, count: totalSums.c[`hC${i}`] ?? 0 })),
        },
      ];
    }
    if (report === 'bottlenecks') {
      result.tables = { [groupBy]: main };
      for (const dim of extra) result.tables[dim] = await table(dim);
    }
    if (report === 'teams') result.capacity = await this.#capacity(groupBy);
    return result;
  }

  /** Open issues against capacity now, per team or agent (from the analytics load counts). */
  async #capacity(groupBy: Dimension): Promise<NonNullable<Report['capacity']>> {
    const agents = await this.deps.directory.allAgents();
    const load = await this.#projectorLoad(agents.map((a) => a.id));
    const out = new Map<
      string,
      { key: string; label: string; agents: number; open: number; capacity: number }
    >();
    const teams = await this.#labels.of('team', [...new Set(agents.flatMap((a) => a.teamIds))]);
    for (const agent of agents) {
      const keys = groupBy === 'agent' ? [agent.id] : agent.teamIds;
      const capacity = Object.values(agent.capacity ?? {}).reduce((s, v) => s + (v ?? 0), 0);
      for (const key of keys) {
        const row = out.get(key) ?? {
          key,
          label: groupBy === 'agent' ? agent.name : (teams.get(key) ?? key),
          agents: 0,
          open: 0,
          capacity: 0,
        };
        row.agents++;
        row.open += load.get(agent.id) ?? 0;
        row.capacity += capacity;
        out.set(key, row);
      }
    }
    return [...out.values()].sort((a, b) => b.open / (b.capacity || 1) - a.open / (a.capacity || 1));
  }

  #projectorLoad(ids: string[]): Promise<Map<string, number>> {
    return this.#state.loads(ids);
  }

  /** The issues behind one number: a report's column, over the range, in one group (or all). */
  async issuesBehind(
    query: RangeQuery & { report: ReportName; column: string; key?: string; limit?: number },
  ) {
    const { from, to } = this.range(query);
    const groupBy = this.groupOf(query.report, query.groupBy);
    const column = columnByKey(query.report, query.column);
    if (!column)
      throw unprocessable('/querystring/column', `the ${query.report} report has no column ${query.column}`);
    if (!column.drill) throw unprocessable('/querystring/column', `${column.label} is not counted per issue`);
    await this.rollups.flush();
    const filter: Record<string, unknown> = { day: { $gte: from, $lte: to } };
    // Facts keep only the dimensions that have a value: "none" (the empty key) matches a missing one.
    if (query.key !== undefined)
      filter[`dims.${groupBy}`] = query.key === '' ? { $in: ['', null] } : query.key;
    // The counter's own facts and those of the counters that list its occurrences (SUBSUMED), each
    // read through the `{metric, day, at}` index, newest first.
    const metrics = [column.drill, ...(SUBSUMED[column.drill] ?? [])];
    const facts = (
      await Promise.all(
        metrics.map((metric) =>
          this.rollups.facts.find({ metric, ...filter }, { sort: { at: -1 }, limit: 5000 }),
        ),
      )
    )
      .flat()
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, 5000);
    const seen = new Map<string, { at: string; count: number }>();
    for (const f of facts) {
      const s = seen.get(f.issueId);
      if (s) s.count++;
      else seen.set(f.issueId, { at: f.at, count: 1 });
    }
    const limit = query.limit ?? 100;
    const items = [];
    for (const [issueId, { at, count }] of [...seen].slice(0, limit)) {
      const issue: Issue | null = await this.deps.issues.get(issueId).catch(() => null);
      items.push({
        issueId,
        at,
        count,
        ...(issue
          ? { subject: issue.subject, status: issue.status, priority: issue.priority, channel: issue.channel }
          : { subject: '(deleted issue)' }),
      });
    }
    const label =
      query.key !== undefined ? (await this.#labels.of(groupBy, [query.key])).get(query.key) : undefined;
    return {
      report: query.report,
      column: column.key,
      columnLabel: column.label,
      from,
      to,
      groupBy,
      ...(query.key !== undefined ? { key: query.key, keyLabel: label ?? query.key } : {}),
      total: seen.size,
      items,
    };
  }

  /** The return calculator over a range: the inputs (defaults filled in) against what was measured. */
  async roi(query: RangeQuery & Partial<RoiInputs>) {
    const { from, to } = this.range(query);
    const rows = await this.rollups.rows('all', from, to, false);
    const c: Counters = {};
    for (const row of rows) for (const [k, v] of Object.entries(row.c)) c[k] = (c[k] ?? 0) + v;
    const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
    const inputs: RoiInputs = {
      costPerHour: query.costPerHour ?? ROI_DEFAULTS.costPerHour,
      handoffsPerMonth: query.handoffsPerMonth ?? ROI_DEFAULTS.handoffsPerMonth,
      hoursLostPerHandoff: query.hoursLostPerHandoff ?? ROI_DEFAULTS.hoursLostPerHandoff,
    };
    return {
      from,
      to,
      defaults: ROI_DEFAULTS,
      sources: ROI_SOURCES,
      ...computeRoi(inputs, {
        days,
        handoffs: c.handoffs ?? 0,
        contextChecked: c.ctxChecked ?? 0,
        contextLost: c.ctxLost ?? 0,
        avgCompleteMs: c.completed ? (c.completeMs ?? 0) / c.completed : null,
      }),
    };
  }

  // Rebuild

  /**
   * Recomputes every number from stored history: issues in the order they were opened, each one's
   * signals merged into one time-ordered stream. Live events that arrive meanwhile wait and are
   * applied after, so nothing is counted twice or lost.
   */
  async rebuild(): Promise<{ issues: number; signals: number; ms: number }> {
    if (this.#pending) throw new ProblemError('conflict', 'a rebuild is already running');
    const started = Date.now();
    this.#pending = [];
    let issues = 0;
    let signals = 0;
    let asOf = '';
    try {
      await this.rollups.flush();
      await this.#state.flush();
      // History up to and including this moment; live events after it wait in #pending.
      asOf = this.deps.clock.now().toISOString();
      // Computed apart (memory, its own counter buffer); the stored numbers are replaced only once
      // it is complete, so an interrupted rebuild leaves them as they were.
      const memory = new MemoryState();
      const buffer = this.rollups.buffer();
      const histories = new Map<string, { history: IssueHistory; left: number }>();
      const projector = new Projector(buffer, this.#historySources(histories), memory);
      const heap = new SignalHeap();
      const apply = async (until: string | null) => {
        while (heap.size && (until === null || heap.peek()!.at < until)) {
          const signal = heap.pop()!;
          await projector.apply(signal);
          signals++;
          // An issue's history is kept only until its last signal is applied.
          const id = issueOf(signal);
          const held = id ? histories.get(id) : undefined;
          if (held && --held.left === 0) histories.delete(id!);
        }
      };
      for await (const page of this.#history.issues(asOf)) {
        if (this.#stopped) throw new Error('analytics stopped during a rebuild');
        for (const history of await this.#history.histories(page)) {
          await apply(history.issue.createdAt);
          issues++;
          const list = signalsOf(history, asOf);
          histories.set(history.issue.id, { history, left: list.length });
          for (const s of list) heap.push(s);
        }
      }
      for (const doc of await this.#steps.find({ 'signal.at': { $lte: asOf } }, { sort: { 'signal.at': 1 } }))
        heap.push(doc.signal);
      await apply(null);
      await this.#state.clear();
      await this.#state.fill(memory);
      await this.rollups.replace(buffer);
    } finally {
      const pending = this.#pending ?? [];
      this.#pending = null;
      // What history already held (up to asOf) was replayed; the rest is new.
      for (const signal of pending) if (signal.at > asOf) await this.#take(signal);
    }
    return { issues, signals, ms: Date.now() - started };
  }

  /** The projector's questions answered from the histories a rebuild holds (no store round trips). */
  #historySources(histories: Map<string, { history: IssueHistory }>): ProjectorSources {
    const live = this.#sources();
    const agents = new Map<string, Agent | null>();
    const of = (issueId: string) => histories.get(issueId)?.history;
    return {
      ...live,
      issue: async (issueId) => {
        const h = of(issueId);
        return h ? openingState(h.issue, h.timeline) : live.issue(issueId);
      },
      customerTextsBefore: async (issueId, before) => {
        const h = of(issueId);
        if (!h) return live.customerTextsBefore(issueId, before);
        return h.timeline.flatMap((e) => (e.at < before && e.type === 'customer_message' ? [e.text] : []));
      },
      classifiedQueue: async (issueId) => {
        const h = of(issueId);
        return h ? classifiedQueueOf(h.runs) : live.classifiedQueue(issueId);
      },
      agent: async (agentId) => {
        if (!agents.has(agentId)) agents.set(agentId, await this.deps.directory.findAgent(agentId));
        return agents.get(agentId) ?? null;
      },
    };
  }
}

/** A min-heap of signals by time; ties keep insertion order (an issue's own order). */
class SignalHeap {
  readonly #items: Array<{ s: Signal; seq: number }> = [];
  #seq = 0;
  get size() {
    return this.#items.length;
  }
  peek(): Signal | undefined {
    return this.#items[0]?.s;
  }
  #less(a: { s: Signal; seq: number }, b: { s: Signal; seq: number }) {
    return a.s.at < b.s.at || (a.s.at === b.s.at && a.seq < b.seq);
  }
  push(s: Signal): void {
    const items = this.#items;
    items.push({ s, seq: this.#seq++ });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(items[i]!, items[p]!)) break;
      [items[i], items[p]] = [items[p]!, items[i]!];
      i = p;
    }
  }
  pop(): Signal | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.#less(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.#less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top?.s;
  }
}

/** The queue the first `classify` node on `queue` predicted, in run order. */
function classifiedQueueOf(runs: readonly FlowRun[]): string | undefined {
  for (const run of runs) {
    for (const s of run.steps) {
      const d = s.detail as { kind?: string; label?: string; value?: unknown } | undefined;
      if (d?.kind === 'classify' && d.label === 'queue' && typeof d.value === 'string') return d.value;
    }
  }
  return undefined;
}

function parseMoment(value: string, pointer: string): Date {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(t)) throw unprocessable(pointer, `${value} is not a date (YYYY-MM-DD) or a date-time`);
  return new Date(t);
}

function day(map: Map<string, { c: Counters; m: Counters }>, key: string) {
  let v = map.get(key);
  if (!v) {
    v = { c: {}, m: {} };
    map.set(key, v);
  }
  return v;
}

function group(map: Map<string, Map<string, { c: Counters; m: Counters }>>, dim: string, value: string) {
  let inner = map.get(dim);
  if (!inner) {
    inner = new Map();
    map.set(dim, inner);
  }
  return day(inner, value);
}

function merge(into: { c: Counters; m: Counters }, c: Counters, m: Counters | undefined): void {
  for (const [k, v] of Object.entries(c)) into.c[k] = (into.c[k] ?? 0) + v;
  for (const [k, v] of Object.entries(m ?? {})) into.m[k] = Math.max(into.m[k] ?? v, v);
}

function valuesOf(
  columns: readonly Column[],
  sums: { c: Counters; m: Counters },
): Record<string, number | null> {
  return Object.fromEntries(columns.map((col) => [col.key, round(col.value(sums.c, sums.m))]));
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10_000) / 10_000;
}

function viewOf(c: Column): ColumnView {
  return { key: c.key, label: c.label, unit: c.unit, ...(c.drill ? { drill: c.drill } : {}) };
}
