/**
 * Flows: drafts, published versions, which version runs. Owns `flows` (one record per flow, holding
 * its editable draft — the FlowDocument with version 0 — and the draft's last validation) and
 * `flow_versions` (frozen, numbered, never changed). The engine reads enabled versions through the
 * {@link FlowSource} methods.
 *
 * Given the collaboration hub's live drafts (`deps.live`; the flows module serves them), the live `flow:<id>`
 * document is the draft: publish, simulate, replay and diffs read it, REST changes are written
 * into it (editors see them at once), and what editors change comes back through `saveDraft`.
 */
import type {
  Actor,
  FlowCreate,
  FlowDiff,
  FlowDocument,
  FlowDraftUpdate,
  FlowRecord,
  FlowTracing,
  FlowValidationReport,
  FlowVersion,
} from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { FlowDraft, FlowDraftSource } from '../collab/index.ts';
import type { FlowEngine } from '../engine/engine.ts';
import { kindVersionsOf } from '../engine/registry.ts';
import type { RunStore } from '../engine/runs.ts';
import type { FlowSource } from '../engine/runtime.ts';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { InputError, notFound, ProblemError } from '../http/problem.ts';
import { actorOf } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Store } from '../store/port.ts';
import { diffFlows } from './diff.ts';
import { type EnabledFlow, FlowCache, type FlowMeta } from './flow-cache.ts';
import { type FlowGraph, validateFlow } from './validate.ts';

/**
 * The record as stored: `liveTracePercent` only when the flow has its own share (see `liveTrace`),
 * `liveTraceUntil` when that share ends by itself (an ISO instant; once past, the share is ignored).
 */
type StoredFlow = Omit<FlowRecord, 'id' | 'lastRun' | 'liveTrace'> & {
  _id: string;
  liveTracePercent?: number;
  liveTraceUntil?: string;
};
type StoredVersion = FlowVersion & { _id: string };

/** The live drafts the studio co-edits (the collaboration hub's `flow:<id>` documents). */
export interface LiveDrafts {
  /** The live draft, or null when there is none. */
  readFlowDraft(flowId: string): Promise<FlowDraft | null>;
  /** Makes the live draft hold exactly `draft`; connected editors see the change. */
  seedFlowDraft(flowId: string, draft: FlowDraft): Promise<void>;
}

export class FlowService implements FlowSource, FlowDraftSource {
  readonly #flows: Collection<StoredFlow>;
  readonly #versions: Collection<StoredVersion>;
  readonly #live: LiveDrafts | null;
  /** Enabled flows per event, published versions and runtime metadata (see flow-cache.ts). */
  readonly #cache: FlowCache;

  constructor(
    store: Store,
    private readonly deps: {
      clock: Clock;
      engine: FlowEngine;
      runs: RunStore;
      live?: LiveDrafts;
      /**
       * Share of live runs (0–100) stored with their full trace for a flow without its own setting
       * (default 0; the server passes BATON_FLOW_TRACE_PERCENT).
       */
      defaultTracePercent?: number;
    },
  ) {
    this.#live = deps.live ?? null;
    this.#cache = new FlowCache(() => deps.clock.now().getTime());
    this.#flows = store.collection('flows');
    this.#versions = store.collection('flow_versions');
  }

  async init(): Promise<void> {
    await this.#flows.createIndex({ keys: { enabled: 1, triggerEvents: 1 } });
    await this.#flows.createIndex({ keys: { updatedAt: -1, _id: -1 } });
    await this.#flows.createIndex({ keys: { name: 1 } });
    await this.#versions.createIndex({ keys: { flowId: 1, version: 1 }, unique: true });
  }

  validate(graph: FlowGraph): FlowValidationReport {
    const { kinds, conditions, triggers } = this.deps.engine;
    return validateFlow(graph, { kinds, conditions, triggers });
  }

  async create(input: FlowCreate, actor: Actor): Promise<FlowRecord> {
    const now = this.deps.clock.now().toISOString();
    const id = newId('flw');
    const draft: FlowDocument = {
      id,
      kind: input.kind ?? 'flow',
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      version: 0,
      nodes: input.nodes ?? [],
      edges: input.edges ?? [],
    };
    const flow: StoredFlow = {
      _id: id,
      kind: draft.kind,
      name: draft.name,
      ...(input.description ? { description: input.description } : {}),
      draft,
      validation: this.validate(draft),
      latestVersion: 0,
      enabled: false,
      createdAt: now,
      updatedAt: now,
      createdBy: actor,
      updatedBy: actor,
    };
    await this.#flows.insertOne(flow);
    this.#cache.invalidate();
    return this.#record(flow);
  }

  async list(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? 50;
    const after = query.cursor ? afterKey(['updatedAt', '_id'], decodeCursor(query.cursor, 2), -1) : {};
    const rows = await this.#flows.find(after, { sort: { updatedAt: -1, _id: -1 }, limit: limit + 1 });
    const page = toPage(rows, limit, (f) => [f.updatedAt, f._id]);
    return { items: await Promise.all(page.items.map((f) => this.#record(f))), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<FlowRecord> {
    return this.#record(await this.#stored(id));
  }

  /**
   * Saves the draft (valid or not: drafts are work in progress) with its validation, on top of the
   * live draft, which then holds the result too.
   */
  async updateDraft(id: string, patch: FlowDraftUpdate, actor: Actor): Promise<FlowRecord> {
    const current = await this.#stored(id);
    const base = await this.#draftOf(current);
    const draft: FlowDocument = {
      ...base,
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.nodes ? { nodes: patch.nodes } : {}),
      ...(patch.edges ? { edges: patch.edges } : {}),
    };
    const record = await this.#writeDraft(id, draft, actor);
    await this.#live?.seedFlowDraft(id, editable(draft));
    return record;
  }

  /** FlowDraftSource: the stored draft a live document starts from. */
  async loadDraft(flowId: string): Promise<FlowDraft | null> {
    const found = await this.#flows.findOne({ _id: flowId });
    return found ? editable(found.draft) : null;
  }

  /** FlowDraftSource: editors changed the live draft; store it with its validation. */
  async saveDraft(flowId: string, live: FlowDraft, editor: Principal | null): Promise<void> {
    const current = await this.#flows.findOne({ _id: flowId });
    if (!current) return;
    await this.#writeDraft(flowId, merged(current.draft, live), editor ? actorOf(editor) : current.updatedBy);
  }

  async #writeDraft(id: string, draft: FlowDocument, actor: Actor): Promise<FlowRecord> {
    const updated = await this.#flows.findOneAndUpdate(
      { _id: id },
      {
        $set: {
          draft,
          name: draft.name,
          ...(draft.description !== undefined ? { description: draft.description } : {}),
          validation: this.validate(draft),
          updatedAt: this.deps.clock.now().toISOString(),
          updatedBy: actor,
        },
      },
    );
    this.#cache.invalidate();
    if (!updated) throw notFound('flow', id);
    return this.#record(updated);
  }

  /** The draft as it is now: the live one when the hub has it, else the stored one. */
  async #draftOf(stored: StoredFlow): Promise<FlowDocument> {
    const live = await this.#live?.readFlowDraft(stored._id);
    return live ? merged(stored.draft, live) : stored.draft;
  }

  /** Deletes the flow and its versions; its runs stay as history, parked ones ended as failed. */
  async delete(id: string): Promise<void> {
    const { deletedCount } = await this.#flows.deleteOne({ _id: id });
    if (!deletedCount) throw notFound('flow', id);
    await this.#versions.deleteMany({ flowId: id });
    this.#cache.forget(id);
    // A deleted flow acts no more: its parked runs end here (their timers then find nothing to resume).
    await this.deps.runs.endWaiting(id, 'the flow was deleted while this run waited');
  }

  /** Freezes the draft as the next numbered version; refuses a draft with errors (422 listing them). */
  async publish(
    id: string,
    options: { note?: string; enable?: boolean },
    actor: Actor,
  ): Promise<FlowVersion> {
    const current = await this.#stored(id);
    const draft = await this.#draftOf(current);
    const report = this.validate(draft);
    if (!report.valid) {
      throw new ProblemError(
        'unprocessable',
        `the draft has ${report.errors.length} error(s); fix them to publish: ${report.errors.map((e) => e.message).join('; ')}`,
        report.errors.map((e) => ({
          pointer: e.pointer,
          detail: e.message,
          code: e.code,
          ...(e.nodeId ? { nodeId: e.nodeId } : {}),
          ...(e.edgeId ? { edgeId: e.edgeId } : {}),
        })),
      );
    }
    const bumped = await this.#flows.findOneAndUpdate({ _id: id }, { $inc: { latestVersion: 1 } });
    this.#cache.invalidate();
    if (!bumped) throw notFound('flow', id);
    const version = bumped.latestVersion;
    const now = this.deps.clock.now().toISOString();
    const published: FlowVersion = {
      flowId: id,
      version,
      note: options.note ?? '',
      publishedAt: now,
      publishedBy: actor,
      // Pins the kinds as validated: a kind that changes later does not silently change this version.
      document: {
        ...structuredClone(draft),
        version,
        kindVersions: kindVersionsOf(draft.nodes, this.deps.engine.kinds),
      },
    };
    await this.#versions.insertOne({ _id: `${id}:v${version}`, ...published });
    // The stored draft is what was published, even if the hub had not handed it back yet.
    await this.#writeDraft(id, draft, actor);
    if (options.enable) await this.enable(id, version, actor);
    return published;
  }

  async versions(id: string): Promise<FlowVersion[]> {
    await this.#stored(id);
    const rows = await this.#versions.find({ flowId: id }, { sort: { version: -1 } });
    return rows.map(({ _id, ...v }) => v);
  }

  async getVersion(id: string, version: number): Promise<FlowVersion> {
    const found = await this.#versions.findOne({ _id: `${id}:v${version}` });
    if (!found) throw notFound('version', `${version} of flow ${id}`);
    const { _id, ...v } = found;
    return v;
  }

  /** FlowSource: the frozen document of a version, from the cache (shared: read-only). */
  version(flowId: string, version: number): Promise<FlowDocument> {
    // Not async (nor meta, enabledFor): an async function returning the cache's promise settles two
    // turns after it, and these are asked several times for every event.
    return this.#cache.version(
      flowId,
      version,
      async () => (await this.getVersion(flowId, version)).document,
    );
  }

  /** What a runtime decides with about a flow (name, kind, which version runs), from the cache. */
  meta(id: string): Promise<FlowMeta> {
    return this.#cache.meta(id, async () => {
      const stored = await this.#stored(id);
      const { _id, name, kind, enabled, enabledVersion, latestVersion } = stored;
      return {
        id: _id,
        name,
        kind,
        enabled,
        latestVersion,
        ...(enabledVersion !== undefined ? { enabledVersion } : {}),
        tracePercent: this.#tracePercent(stored),
      };
    });
  }

  /** FlowSource: the share of the flow's live runs that keep their full trace (from the cache). */
  async tracePercent(flowId: string): Promise<number> {
    return (await this.meta(flowId)).tracePercent;
  }

  /**
   * Sets how many of a flow's live runs keep their full trace (null: the server's default again),
   * for `forMinutes` or until changed. Playbooks always keep theirs, so they have no such setting.
   */
  async setTracing(id: string, { percent, forMinutes }: FlowTracing, actor: Actor): Promise<FlowRecord> {
    const current = await this.#stored(id);
    if (current.kind !== 'flow')
      throw invalidTracing(`${current.name} is a playbook: every playbook run keeps its full trace`);
    if (percent === null && forMinutes !== undefined)
      throw invalidTracing(
        "the server's default has no duration: give a share to keep for a while, or leave forMinutes out",
        '/forMinutes',
      );
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const stamp = { updatedAt: at, updatedBy: actor };
    const updated = await this.#flows.findOneAndUpdate(
      { _id: id },
      percent === null
        ? { $unset: { liveTracePercent: '', liveTraceUntil: '' }, $set: stamp }
        : forMinutes === undefined
          ? { $unset: { liveTraceUntil: '' }, $set: { ...stamp, liveTracePercent: percent } }
          : {
              $set: {
                ...stamp,
                liveTracePercent: percent,
                liveTraceUntil: new Date(now.getTime() + forMinutes * 60_000).toISOString(),
              },
            },
    );
    this.#cache.invalidate();
    if (!updated) throw notFound('flow', id);
    return this.#record(updated);
  }

  /**
   * The flow's own share while it holds (undefined: none, or it ended), telling the cache when it
   * ends so runtimes reading cached metadata go back to the default on time.
   */
  #ownShare(flow: StoredFlow): number | undefined {
    if (flow.liveTracePercent === undefined) return undefined;
    if (flow.liveTraceUntil === undefined) return flow.liveTracePercent;
    const until = Date.parse(flow.liveTraceUntil);
    if (this.deps.clock.now().getTime() >= until) return undefined;
    this.#cache.expireAt(until);
    return flow.liveTracePercent;
  }

  #tracePercent(flow: StoredFlow): number {
    return this.#ownShare(flow) ?? this.#serverPercent;
  }

  /** The share of flows without their own (default 0). */
  get #serverPercent(): number {
    return this.deps.defaultTracePercent ?? 0;
  }

  /** FlowSource: enabled flows that start on this event (playbooks are started by the playbooks module). */
  enabledFor(eventType: string, kind: 'flow' | 'playbook' = 'flow'): Promise<EnabledFlow[]> {
    return this.#cache.enabledFor(`${kind}:${eventType}`, async () => {
      const rows = await this.#flows.find(
        { enabled: true, triggerEvents: eventType, kind },
        { sort: { _id: 1 } },
      );
      return rows
        .filter((f) => f.enabledVersion !== undefined)
        .map((f) => ({
          id: f._id,
          name: f.name,
          enabledVersion: f.enabledVersion as number,
          tracePercent: this.#tracePercent(f),
        }));
    });
  }

  /** The draft (version 0) or a published version's document. */
  async document(id: string, version: number): Promise<FlowDocument> {
    if (version === 0) return this.#draftOf(await this.#stored(id));
    return this.version(id, version);
  }

  async diff(id: string, from: number, to: number): Promise<FlowDiff> {
    const [a, b] = await Promise.all([this.document(id, from), this.document(id, to)]);
    return diffFlows(id, { version: from, doc: a }, { version: to, doc: b });
  }

  /** Makes a published version (default the latest) the one that runs. */
  async enable(id: string, version: number | undefined, actor: Actor): Promise<FlowRecord> {
    const current = await this.#stored(id);
    const chosen = version ?? current.latestVersion;
    if (chosen < 1)
      throw new ProblemError('conflict', `flow ${id} has no published version to enable; publish it first`);
    const doc = await this.getVersion(id, chosen).then(
      (v) => v.document,
      () => {
        throw new InputError('unprocessable', `flow ${id} has no version ${chosen}`, [
          { pointer: '/version', detail: `no version ${chosen} (latest is ${current.latestVersion})` },
        ]);
      },
    );
    const trigger = doc.nodes.find((n) => this.deps.engine.kinds.get(n.type)?.category === 'trigger');
    const events = (trigger?.data as { events?: string[] } | undefined)?.events ?? [];
    const updated = await this.#flows.findOneAndUpdate(
      { _id: id },
      {
        $set: {
          enabled: true,
          enabledVersion: chosen,
          triggerEvents: events,
          updatedAt: this.deps.clock.now().toISOString(),
          updatedBy: actor,
        },
      },
    );
    this.#cache.invalidate();
    if (!updated) throw notFound('flow', id);
    return this.#record(updated);
  }

  async disable(id: string, actor: Actor): Promise<FlowRecord> {
    const updated = await this.#flows.findOneAndUpdate(
      { _id: id },
      { $set: { enabled: false, updatedAt: this.deps.clock.now().toISOString(), updatedBy: actor } },
    );
    this.#cache.invalidate();
    if (!updated) throw notFound('flow', id);
    return this.#record(updated);
  }

  async findByName(name: string): Promise<FlowRecord | null> {
    const found = await this.#flows.findOne({ name });
    return found ? this.#record(found) : null;
  }

  async #stored(id: string): Promise<StoredFlow> {
    const found = await this.#flows.findOne({ _id: id });
    if (!found) throw notFound('flow', id);
    return found;
  }

  async #record(stored: StoredFlow): Promise<FlowRecord> {
    const { _id, liveTracePercent: _own, liveTraceUntil, ...flow } = stored;
    const lastRun = await this.deps.runs.lastRun(_id);
    const own = this.#ownShare(stored);
    return {
      id: _id,
      ...flow,
      liveTrace: {
        percent: own ?? this.#serverPercent,
        source: own === undefined ? 'server' : 'flow',
        serverPercent: this.#serverPercent,
        ...(own !== undefined && liveTraceUntil !== undefined ? { until: liveTraceUntil } : {}),
      },
      ...(lastRun ? { lastRun } : {}),
    };
  }
}

function invalidTracing(detail: string, pointer: '/percent' | '/forMinutes' = '/percent'): InputError {
  return new InputError('unprocessable', detail, [{ pointer, detail }]);
}

/** The part of a flow document editors change. */
function editable(doc: FlowDocument): FlowDraft {
  return {
    name: doc.name,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    nodes: doc.nodes,
    edges: doc.edges,
  };
}

/**
 * A stored draft with the live draft's content (a live document without a name keeps the stored
 * one). The live document has no order, so elements keep their stored order and new ones follow:
 * pointers in validation reports stay put.
 */
function merged(stored: FlowDocument, live: FlowDraft): FlowDocument {
  return {
    ...stored,
    ...(live.name ? { name: live.name } : {}),
    ...(live.description !== undefined ? { description: live.description } : {}),
    nodes: inOrderOf(stored.nodes, live.nodes),
    edges: inOrderOf(stored.edges, live.edges),
    version: 0,
  };
}

function inOrderOf<T extends { id: string }>(before: readonly T[], now: readonly T[]): T[] {
  const rank = new Map(before.map((e, i) => [e.id, i]));
  const known = now.filter((e) => rank.has(e.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return [...known, ...now.filter((e) => !rank.has(e.id))];
}
