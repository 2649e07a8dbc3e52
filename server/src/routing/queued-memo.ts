/**
 * One job: remembers, per issue, the last decision that left it waiting, so that routing it once
 * more when nothing it depends on can have changed answers the same without walking every candidate
 * again.
 *
 * Why: a new issue is routed twice moments apart — the routing listener routes it when the flow
 * moves it into a queue, and the flow's route step then routes it again. With every agent full or
 * off shift (a busy day), each of those walked the whole pool: ~4 % of an issue's CPU for an answer
 * already known.
 *
 * "Nothing can have changed" is the caller's key (the issue's `updatedAt` and the fields routing
 * reads, its queue, the revisions of policies, agents, workloads and offers, the extra skill needs
 * and exclusions) plus time: a remembered decision holds only until the next shift of someone in
 * the pool starts (a shift that ends cannot make a full or absent pool eligible) and never longer
 * than `windowMs`, which also bounds what another instance on a shared MongoDB could have changed
 * unseen.
 */
import type { RouteDecision } from '@baton/schemas';

/** How long a remembered "queued" decision may be reused (default; the two routings are ms apart). */
export const QUEUED_MEMO_MS = 2000;
/**
 * Issues remembered at most, oldest dropped first. Entries older than the window are dropped as new
 * ones come, so this only caps a burst (each entry holds the decision's candidates: ~1–2 KB).
 */
const MAX_ISSUES = 5_000;

export type QueuedDecision = Pick<RouteDecision, 'reason' | 'candidates'>;

interface Entry {
  key: string;
  /** Epoch ms after which the decision is not reused. */
  until: number;
  decision: QueuedDecision;
}

export class QueuedMemo {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly windowMs = QUEUED_MEMO_MS) {}

  /** Remembers that routing `issueId` under `key` at `now` left it waiting, until `wakeAt` at the latest. */
  remember(issueId: string, key: string, now: number, wakeAt: number | undefined, decision: QueuedDecision) {
    this.#entries.delete(issueId); // re-inserted last: the map stays in the order they were made
    for (const [id, entry] of this.#entries) {
      if (entry.until > now && this.#entries.size < MAX_ISSUES) break;
      this.#entries.delete(id);
    }
    const until = Math.min(now + this.windowMs, wakeAt ?? Number.POSITIVE_INFINITY);
    this.#entries.set(issueId, { key, until, decision });
  }

  /**
   * The remembered decision if it was made under the same key and still holds at `now` — once: the
   * entry is dropped either way. The second routing is the one it exists for, and an entry kept for
   * the rest of its window (a busy second, ~1,000 issues at ~5 KB of candidates each) outlived a
   * scavenge or two and was copied into the old generation only to die there.
   */
  recall(issueId: string, key: string, now: number): QueuedDecision | undefined {
    const entry = this.#entries.get(issueId);
    if (!entry) return undefined;
    this.#entries.delete(issueId);
    return entry.key === key && now < entry.until ? entry.decision : undefined;
  }

  forget(issueId: string): void {
    this.#entries.delete(issueId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
