/**
 * Stored runs (`flow_runs`): every live run of a published flow version with its trace, newest first
 * per issue and per flow. Owned by the engine; other modules read them through this service.
 */
import type { FlowRun, FlowRunStatus, FlowRunSummary, RunListQuery } from '@baton/schemas';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { notFound } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import type { Collection, Filter, Store, Update } from '../store/port.ts';
import type { Execution } from './executor.ts';

export class RunStore {
  readonly #runs: Collection<Stored<FlowRun>>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#runs = store.collection('flow_runs');
  }

  async init(): Promise<void> {
    await this.#runs.createIndex({ keys: { issueId: 1, startedAt: -1, _id: -1 } });
    await this.#runs.createIndex({ keys: { flowId: 1, startedAt: -1, _id: -1 } });
    await this.#runs.createIndex({ keys: { status: 1, issueId: 1 } });
  }

  async insert(run: FlowRun): Promise<void> {
    await this.#runs.insertOne(toStored(run));
  }

  /**
   * Whether this flow already ran for this event on this issue: a replayed event (after a crash)
   * is known by its type and time, which the run's trigger keeps.
   */
  async ranFor(issueId: string, flowId: string, event: { type: string; at: string }): Promise<boolean> {
    const found = await this.#runs.findOne(
      { issueId, flowId, 'trigger.event': event.type, 'trigger.at': event.at },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  async get(id: string): Promise<FlowRun> {
    const found = await this.#runs.findOne({ _id: id });
    if (!found) throw notFound('run', id);
    return fromStored(found);
  }

  async find(id: string): Promise<FlowRun | null> {
    const found = await this.#runs.findOne({ _id: id });
    return found ? fromStored(found) : null;
  }

  forIssue(issueId: string, query: RunListQuery) {
    return this.#page({ issueId }, query);
  }

  forFlow(flowId: string, query: RunListQuery) {
    return this.#page({ flowId }, query);
  }

  async lastRun(flowId: string): Promise<FlowRunSummary | undefined> {
    const [run] = await this.#runs.find({ flowId }, { sort: { startedAt: -1, _id: -1 }, limit: 1 });
    if (!run) return undefined;
    return {
      id: run._id,
      status: run.status,
      issueId: run.issueId,
      version: run.version,
      startedAt: run.startedAt,
      ...(run.outcome ? { outcome: run.outcome } : {}),
    };
  }

  /** Runs parked on this issue until an event of this type. */
  async waitingOn(issueId: string, eventType: string): Promise<FlowRun[]> {
    const rows = await this.#runs.find(
      { status: 'waiting', issueId, 'waiting.event': eventType },
      { limit: 1000 },
    );
    return rows.map(fromStored<FlowRun>);
  }

  /** Every parked run with a due time (for re-arming timers after a restart). */
  async waitingWithTimer(): Promise<FlowRun[]> {
    const rows = await this.#runs.find({ status: 'waiting', 'waiting.dueAt': { $exists: true } });
    return rows.map(fromStored<FlowRun>);
  }

  /** Ends every parked run of a flow as failed, with the reason. */
  async endWaiting(flowId: string, reason: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const { modifiedCount } = await this.#runs.updateMany(
      { flowId, status: 'waiting' },
      {
        $set: { status: 'failed', error: { message: reason }, updatedAt: now, endedAt: now },
        $unset: { waiting: '' },
      },
    );
    return modifiedCount;
  }

  /** Takes a parked run for resuming; false when another resume (event, timer, instance) took it first. */
  async claim(id: string, seq: number): Promise<boolean> {
    const claimed = await this.#runs.findOneAndUpdate(
      { _id: id, status: 'waiting', 'waiting.seq': seq },
      { $set: { status: 'running', updatedAt: this.clock.now().toISOString() } },
    );
    return claimed !== null;
  }

  async setTimer(id: string, seq: number, timerId: string): Promise<void> {
    await this.#runs.updateOne({ _id: id, 'waiting.seq': seq }, { $set: { 'waiting.timerId': timerId } });
  }

  /** Appends a resumed segment's steps and effects and records where the run now stands. */
  async appendSegment(id: string, exec: Execution): Promise<FlowRun> {
    const now = this.clock.now().toISOString();
    const $set: Record<string, unknown> = { status: exec.status, updatedAt: now };
    const update: Update = {
      $set,
      $inc: { durationMs: exec.durationMs },
      $push: {
        path: { $each: exec.path },
        steps: { $each: exec.steps },
        effects: { $each: exec.effects },
      },
    };
    if (exec.waiting) $set.waiting = exec.waiting;
    else update.$unset = { waiting: '' };
    if (exec.outcome) $set.outcome = exec.outcome;
    if (exec.error) $set.error = exec.error;
    if (exec.status === 'completed' || exec.status === 'failed') $set.endedAt = now;
    const updated = await this.#runs.findOneAndUpdate({ _id: id }, update);
    if (!updated) throw notFound('run', id);
    return fromStored(updated);
  }

  async #page(filter: Filter, { limit = 50, cursor, status }: RunListQuery & { status?: FlowRunStatus }) {
    const after = cursor ? afterKey(['startedAt', '_id'], decodeCursor(cursor, 2), -1) : {};
    const rows = await this.#runs.find(
      { $and: [status ? { ...filter, status } : filter, after] },
      { sort: { startedAt: -1, _id: -1 }, limit: limit + 1 },
    );
    return toPage(rows.map(fromStored<FlowRun>), limit, (r) => [r.startedAt, r.id]);
  }
}
