/**
 * Stored playbook runs (`playbook_runs`): one document per run with its workstreams and step
 * records. A run is changed by reading it, changing it in memory and writing it back under its
 * revision (`_rev`): the runtime does this one run at a time per process, and the revision keeps two
 * instances from overwriting each other (the loser's write fails loudly instead of losing a step).
 */
import type { PlaybookRun } from '@baton/schemas';
import { notFound, ProblemError } from '../http/problem.ts';
import { merge } from '../shared/merge.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

type StoredRun = Omit<PlaybookRun, 'id'> & StoredDocument & { _rev: number };

/** A run as read, with the revision it must be written back under. */
export type LoadedRun = PlaybookRun & { readonly rev: number };

function fromRow({ _id, _rev, ...rest }: StoredRun): LoadedRun {
  return { id: _id, ...rest, rev: _rev } as LoadedRun;
}

function toRow(run: PlaybookRun, rev: number): StoredRun {
  const { id, rev: _ignored, ...rest } = run as LoadedRun;
  return { _id: id, ...rest, _rev: rev } as StoredRun;
}

/** The API shape: no revision. */
export function publicRun(run: PlaybookRun): PlaybookRun {
  const { rev: _rev, ...rest } = run as LoadedRun;
  return rest;
}

export class PlaybookRunStore {
  readonly #runs: Collection<StoredRun>;

  constructor(store: Store) {
    this.#runs = store.collection('playbook_runs');
  }

  async init(): Promise<void> {
    await this.#runs.createIndex({ keys: { issueId: 1, startedAt: -1 } });
    await this.#runs.createIndex({ keys: { status: 1, issueId: 1 } });
    await this.#runs.createIndex({ keys: { 'steps.satisfaction.token': 1 }, sparse: true });
  }

  async insert(run: PlaybookRun): Promise<LoadedRun> {
    await this.#runs.insertOne(toRow(run, 1));
    return merge(run, { rev: 1 });
  }

  async get(id: string): Promise<LoadedRun> {
    const row = await this.#runs.findOne({ _id: id });
    if (!row) throw notFound('playbook run', id);
    return fromRow(row);
  }

  /** Writes the run back; a conflict means another instance changed it since it was read. */
  async save(run: LoadedRun): Promise<LoadedRun> {
    const next = run.rev + 1;
    const { _id, ...fields } = toRow(run, next);
    const updated = await this.#runs.findOneAndUpdate(
      { _id, _rev: run.rev },
      { $set: fields, ...(run.endedAt ? {} : { $unset: { endedAt: '' } }) },
    );
    if (!updated) throw new ProblemError('conflict', `playbook run ${run.id} changed meanwhile; try again`);
    return fromRow(updated);
  }

  async forIssue(issueId: string): Promise<LoadedRun[]> {
    return (await this.#runs.find({ issueId }, { sort: { startedAt: -1, _id: -1 }, limit: 100 })).map(
      fromRow,
    );
  }

  async active(issueId: string): Promise<LoadedRun[]> {
    return (await this.#runs.find({ issueId, status: 'active' }, { sort: { startedAt: 1, _id: 1 } })).map(
      fromRow,
    );
  }

  /** Active runs on this issue with a workstream parked until an event of this type. */
  async waitingOn(issueId: string, eventType: string): Promise<LoadedRun[]> {
    const rows = await this.#runs.find({ issueId, status: 'active', 'tokens.waiting.event': eventType });
    return rows.map(fromRow);
  }

  async bySatisfactionToken(token: string): Promise<LoadedRun | null> {
    const row = await this.#runs.findOne({ 'steps.satisfaction.token': token });
    return row ? fromRow(row) : null;
  }
}
