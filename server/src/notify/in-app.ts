/**
 * Live in-app notifications: the in-app notifier plugin emits a push, and every open stream of that
 * user on this instance receives it (Server-Sent Events, `GET /api/me/notifications/stream`). The
 * durable copy is the notification itself in the outbox, so a client that reconnects with
 * `Last-Event-ID` is sent what it missed, and `GET /api/me/notifications` lists them all.
 */
import type { InAppPush } from '@baton/plugin-sdk';

export type InAppListener = (push: InAppPush) => void;

export class InAppHub {
  readonly #listeners = new Map<string, Set<InAppListener>>();

  subscribe(userId: string, listener: InAppListener): () => void {
    let set = this.#listeners.get(userId);
    if (!set) {
      set = new Set();
      this.#listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.#listeners.delete(userId);
    };
  }

  /** Hands the push to the user's open streams; returns how many there were. */
  push(push: InAppPush): number {
    const set = this.#listeners.get(push.userId);
    if (!set) return 0;
    for (const listener of set) {
      try {
        listener(push);
      } catch {
        // A broken stream unsubscribes itself on close; one bad listener never blocks the others.
      }
    }
    return set.size;
  }

  connections(userId?: string): number {
    if (userId) return this.#listeners.get(userId)?.size ?? 0;
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }
}
