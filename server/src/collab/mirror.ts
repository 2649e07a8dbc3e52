/**
 * Mirrors workspace comments and decisions into the issue's timeline, through IssueService, so that
 * search, briefs and analytics see them. Each entry is mirrored once — also across restarts and
 * crashes — by a marker per entry in `collab_mirrors` (owned here):
 *
 * 1. claim: insert the marker as `pending` (with the author) unless one exists; a `done` one ends it;
 * 2. a `pending` marker found on a later try means an earlier try stopped midway: the issue's
 *    timeline is searched for the event carrying this entry's id before anything is appended;
 * 3. append through `IssueService.addEvent`, then mark `done` with the event id.
 *
 * When a document loads, entries without a `done` marker are mirrored (what a crash left behind).
 * The author is the signed-in principal whose connection wrote the entry; for entries found at load
 * without a marker it is the entry's own `author` claim, shown as a user without an id.
 * Only the first version of an entry is mirrored; later edits stay in the workspace.
 */
import type {
  Actor,
  TimelineEvent,
  TimelineEventContent,
  WorkspaceComment,
  WorkspaceDecision,
} from '@baton/schemas';
import type * as Y from 'yjs';
import { actorOf, type IssueService } from '../issues/issues.ts';
import type { TimelineService } from '../issues/timeline.ts';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';
import { Connection } from './connection.ts';
import type { HubDocument } from './document.ts';
import { entryJson, WorkspaceRoots } from './issue-workspace.ts';
import type { CollabHookPayloads, CollabLogger } from './types.ts';
import type { WorkspaceValidators } from './validators.ts';

export type MirroredEntry = 'comment' | 'decision';

interface StoredMarker extends StoredDocument {
  issueId: string;
  entry: MirroredEntry;
  entryId: string;
  state: 'pending' | 'done';
  author: Actor;
  eventId?: string;
  createdAt: string;
}

const ROOTS: Record<MirroredEntry, string> = {
  comment: WorkspaceRoots.comments,
  decision: WorkspaceRoots.decisions,
};
const WORKSPACE_ACTOR: Actor = { kind: 'system', name: 'issue workspace' };

export const markerId = (issueId: string, entry: MirroredEntry, entryId: string) =>
  `${issueId}/${entry}/${entryId}`;

export class WorkspaceMirror {
  readonly #markers: Collection<StoredMarker>;

  constructor(
    store: Store,
    private readonly deps: {
      issues: IssueService;
      timeline: TimelineService;
      clock: Clock;
      validators: WorkspaceValidators;
      log: CollabLogger;
      emit<K extends keyof CollabHookPayloads>(hook: K, payload: CollabHookPayloads[K]): void;
    },
  ) {
    this.#markers = store.collection('collab_mirrors');
  }

  async init(): Promise<void> {
    await this.#markers.createIndex({ keys: { issueId: 1, state: 1 } });
  }

  /**
   * Observes a loaded workspace: new comments and decisions are mirrored in the order they arrive.
   * Returns the function that stops observing and waits for the mirroring in flight.
   */
  watch(issueId: string, document: HubDocument): () => Promise<void> {
    let chain: Promise<void> = Promise.resolve();
    const enqueue = (entry: MirroredEntry, id: string, value: unknown, author: Actor | null) => {
      chain = chain.then(() => this.#mirror(document.name, issueId, entry, id, value, author));
    };
    const observers = (Object.keys(ROOTS) as MirroredEntry[]).map((entry) => {
      const map = document.doc.getMap(ROOTS[entry]);
      const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
        const origin = transaction.origin;
        const author = origin instanceof Connection && origin.principal ? actorOf(origin.principal) : null;
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'delete') continue;
          enqueue(entry, key, entryJson(map.get(key)), author);
        }
      };
      map.observe(observer);
      return () => map.unobserve(observer);
    });
    // What a crash may have left unmirrored: every entry without a `done` marker.
    chain = chain.then(async () => {
      try {
        const done = new Set(
          (await this.#markers.find({ issueId, state: 'done' }, { projection: { _id: 1 } })).map(
            (m) => m._id,
          ),
        );
        for (const entry of Object.keys(ROOTS) as MirroredEntry[]) {
          for (const [key, value] of document.doc.getMap(ROOTS[entry]).entries()) {
            if (!done.has(markerId(issueId, entry, key))) enqueue(entry, key, entryJson(value), null);
          }
        }
      } catch (error) {
        this.#report(document.name, error, 'mirror recovery');
      }
    });
    return async () => {
      for (const stop of observers) stop();
      // The chain grows while it runs (recovery enqueues); wait until it stops growing.
      let seen: Promise<void> | undefined;
      while (seen !== chain) {
        seen = chain;
        await chain;
      }
    };
  }

  async #mirror(
    documentName: string,
    issueId: string,
    entry: MirroredEntry,
    id: string,
    value: unknown,
    author: Actor | null,
  ): Promise<void> {
    try {
      const content = this.#content(entry, id, value);
      if (!content) {
        this.deps.log.warn?.(
          { document: documentName, entry, id },
          'workspace entry does not match its schema; not mirrored',
        );
        return;
      }
      const _id = markerId(issueId, entry, id);
      const claimed = author ?? claimedAuthor(value);
      const before = await this.#markers.findOneAndUpdate(
        { _id },
        {
          $setOnInsert: {
            issueId,
            entry,
            entryId: id,
            state: 'pending',
            author: claimed,
            createdAt: this.deps.clock.now().toISOString(),
          },
        },
        { upsert: true, returnDocument: 'before' },
      );
      if (before?.state === 'done') return;
      let event = before ? await this.#findMirrored(issueId, entry, id) : null;
      event ??= await this.deps.issues.addEvent(issueId, content, {
        author: before?.author ?? claimed,
        defaultAuthor: WORKSPACE_ACTOR,
      });
      await this.#markers.updateOne({ _id }, { $set: { state: 'done', eventId: event.id } });
      this.deps.emit('mirrored', { document: documentName, entry, id, eventId: event.id });
    } catch (error) {
      // Left `pending` (or unclaimed): the next load of the document tries again.
      this.#report(documentName, error, `mirror ${entry} ${id}`);
    }
  }

  #content(entry: MirroredEntry, id: string, value: unknown): TimelineEventContent | null {
    const { validators } = this.deps;
    if (entry === 'comment') {
      if (!validators.comment(value) || value.id !== id) return null;
      const comment: WorkspaceComment = value;
      return {
        type: 'workspace_comment',
        text: comment.text,
        commentId: comment.id,
        threadId: comment.threadId,
        ...(comment.parentId ? { parentId: comment.parentId } : {}),
      };
    }
    if (!validators.decision(value) || value.id !== id) return null;
    const decision: WorkspaceDecision = value;
    return {
      type: 'decision',
      text: decision.text,
      decisionId: decision.id,
      ...(decision.why ? { why: decision.why } : {}),
      ...(decision.who ? { who: decision.who } : {}),
      decidedAt: decision.decidedAt,
    };
  }

  /** The timeline event an interrupted earlier try may have appended, found by the entry's id. */
  async #findMirrored(issueId: string, entry: MirroredEntry, id: string): Promise<TimelineEvent | null> {
    let cursor: string | undefined;
    do {
      const query = { order: 'desc' as const, limit: 200, ...(cursor ? { cursor } : {}) };
      const page = await this.deps.timeline.forIssue(issueId, query);
      const found = page.items.find((e) =>
        entry === 'comment'
          ? e.type === 'workspace_comment' && e.commentId === id
          : e.type === 'decision' && e.decisionId === id,
      );
      if (found) return found;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return null;
  }

  #report(document: string, error: unknown, during: string): void {
    const err = error instanceof Error ? error : new Error(String(error));
    this.deps.log.error({ err, document, during }, 'workspace mirroring failed');
    this.deps.emit('error', { document, error: err, during });
  }
}

/** For entries whose writer is unknown (found at load): the entry's own claim, without an id. */
function claimedAuthor(value: unknown): Actor {
  const name = (value as { author?: { name?: unknown } } | null)?.author?.name;
  return typeof name === 'string' && name ? { kind: 'user', name: name.slice(0, 200) } : WORKSPACE_ACTOR;
}
