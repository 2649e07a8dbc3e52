/**
 * What a Yjs update may add to a document, checked before it is applied or stored.
 *
 * Yjs integrates an update iteratively, but much of what reads a document afterwards recurses:
 * `toJSON`, deleting or garbage-collecting a shared type, lib0's `readAny` for plain values. A
 * 72 KB update holding a Y.Map nested 6,000 deep passes every frame limit and then overflows the
 * stack of whatever reads it next (once inside a timer: the process ended). So an update is decoded
 * first and refused when it
 * - nests shared types deeper than `maxTypeDepth` (counted from the document's root types, through
 *   what the document already holds),
 * - holds a plain JSON value nested deeper than `maxValueDepth`,
 * - embeds a sub-document (no Baton document uses them), or
 * - depends on changes the server does not have (its nesting could not be checked; a client
 *   only ever builds on what the server sent it, so a real one never sends such an update).
 *
 * Everything here is iterative or bounded: the guard itself cannot overflow on what it checks.
 */
import * as Y from 'yjs';
import { MalformedMessageError } from './protocol.ts';

export interface UpdateLimits {
  /** Deepest nesting of shared types (a root type's direct children are at depth 1). */
  maxTypeDepth: number;
  /** Deepest nesting of a plain JSON value inside an entry. */
  maxValueDepth: number;
}

/** The update breaks a limit: the connection that sent it is closed with 4400. */
export class UpdateRefusedError extends MalformedMessageError {}

type ParentRef = { root: true } | { type: Y.ID } | { gone: true } | { missing: Y.ID };

interface ItemLike {
  id: Y.ID;
  length: number;
  origin: Y.ID | null;
  rightOrigin: Y.ID | null;
  parent: unknown;
  content: unknown;
  deleted?: boolean;
}

/** Throws {@link UpdateRefusedError} (or MalformedMessageError when it does not decode). */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits): void {
  let structs: unknown[];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch (error) {
    // A plain value nested thousands deep overflows lib0's recursive decoder: refused the same way.
    throw new MalformedMessageError(`the update does not decode: ${(error as Error).message}`);
  }
  const byClient = new Map<number, ItemLike[]>();
  const types: ItemLike[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const item = struct as unknown as ItemLike;
    const list = byClient.get(item.id.client) ?? [];
    if (!list.length) byClient.set(item.id.client, list);
    list.push(item);
    const content = item.content;
    if (content instanceof Y.ContentType) types.push(item);
    else if (content instanceof Y.ContentDoc) {
      throw new UpdateRefusedError('the update embeds a sub-document, which no Baton document uses');
    } else if (content instanceof Y.ContentAny || content instanceof Y.ContentEmbed) {
      const values = content instanceof Y.ContentAny ? content.arr : [content.embed];
      for (const value of values) {
        if (jsonDepthExceeds(value, limits.maxValueDepth)) {
          throw new UpdateRefusedError(
            `a value in the update nests deeper than ${limits.maxValueDepth} levels`,
          );
        }
      }
    }
  }
  if (!types.length) return;
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const inUpdate = (id: Y.ID): ItemLike | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid] as ItemLike;
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return undefined;
  };
  const inDoc = (id: Y.ID): unknown => {
    if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
    try {
      return Y.getItem(doc.store, id);
    } catch {
      return undefined;
    }
  };

  /** The type an item belongs to, following left/right origins (a bounded number of steps). */
  const parentOf = (start: ItemLike): ParentRef => {
    let item: ItemLike = start;
    for (let steps = 0; steps <= structs.length; steps++) {
      if (typeof item.parent === 'string') return { root: true };
      if (item.parent instanceof Y.ID) return { type: item.parent };
      const ref = item.origin ?? item.rightOrigin;
      if (!ref) return { root: true };
      const next = inUpdate(ref);
      if (next) {
        item = next;
        continue;
      }
      const existing = inDoc(ref);
      if (existing === undefined) return { missing: ref };
      if (!(existing instanceof Y.Item)) return { gone: true };
      const type = existing.parent as Y.AbstractType<unknown> | null;
      if (!(type instanceof Y.AbstractType)) return { gone: true };
      return type._item ? { type: type._item.id } : { root: true };
    }
    return { gone: true };
  };

  const key = (id: Y.ID) => `${id.client}:${id.clock}`;
  const known = new Map<string, number>();
  /** Depth of a type already in the document, walking up (iteratively) to its root. */
  const docDepth = (item: Y.Item): number => {
    let depth = 0;
    let current: Y.Item | null = item;
    while (current) {
      depth++;
      if (depth > limits.maxTypeDepth) return depth;
      const parent = current.parent as Y.AbstractType<unknown> | null;
      current = parent instanceof Y.AbstractType ? parent._item : null;
    }
    return depth;
  };

  for (const start of types) {
    // Walk up from this type until a depth is known, then assign depths on the way back down.
    const chain: ItemLike[] = [];
    let base = 0;
    let item: ItemLike | undefined = start;
    while (item) {
      const cached = known.get(key(item.id));
      if (cached !== undefined) {
        base = cached;
        break;
      }
      chain.push(item);
      if (chain.length > limits.maxTypeDepth) break;
      const parent = parentOf(item);
      if ('root' in parent || 'gone' in parent) break;
      if ('missing' in parent) {
        throw new UpdateRefusedError(
          'the update builds on changes this server does not have; reload the document',
        );
      }
      const own = inUpdate(parent.type);
      if (own) {
        item = own;
        continue;
      }
      const existing = inDoc(parent.type);
      if (existing instanceof Y.Item) base = docDepth(existing);
      else if (existing === undefined) {
        throw new UpdateRefusedError(
          'the update builds on changes this server does not have; reload the document',
        );
      }
      break;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      base += 1;
      known.set(key((chain[i] as ItemLike).id), base);
    }
    if (base > limits.maxTypeDepth || chain.length > limits.maxTypeDepth) {
      throw new UpdateRefusedError(`the update nests shared types deeper than ${limits.maxTypeDepth} levels`);
    }
  }
}

/** Whether a plain value nests deeper than `max` (arrays and objects count one level each). */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object' || current instanceof Uint8Array) continue;
    if (depth + 1 > max) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Removes every root entry that holds shared types nested deeper than `maxTypeDepth` (what a store
 * written before these limits may hold: the poisoned entry goes whole, the rest of the document
 * stays), deepest first, so that neither deleting nor garbage-collecting recurses. Returns how many
 * types it removed.
 */
export function pruneTooDeep(doc: Y.Doc, maxTypeDepth: number, origin: unknown): number {
  type Entry = { type: Y.AbstractType<unknown>; depth: number; branch: Y.AbstractType<unknown> | null };
  const all: Entry[] = [];
  const poisoned = new Set<Y.AbstractType<unknown>>();
  const stack: Entry[] = [];
  for (const type of doc.share.values())
    stack.push({ type: type as Y.AbstractType<unknown>, depth: 0, branch: null });
  while (stack.length) {
    const entry = stack.pop() as Entry;
    if (entry.depth > 0) all.push(entry);
    if (entry.depth > maxTypeDepth && entry.branch) poisoned.add(entry.branch);
    const children: Y.Item[] = [];
    for (let item = entry.type._start; item; item = item.right) children.push(item);
    for (const item of entry.type._map.values()) children.push(item);
    for (const child of children) {
      if (child.deleted || !(child.content instanceof Y.ContentType)) continue;
      const type = child.content.type as Y.AbstractType<unknown>;
      stack.push({ type, depth: entry.depth + 1, branch: entry.branch ?? type });
    }
  }
  if (!poisoned.size) return 0;
  const doomed = all.filter((e) => e.branch && poisoned.has(e.branch)).sort((a, b) => b.depth - a.depth);
  const items = doomed.map((e) => e.type._item).filter((item): item is Y.Item => item !== null);
  // One transaction, garbage collection held back: deleting children first keeps each delete
  // shallow. Then each deleted type is collected, children first, so no collection recurses either.
  const gc = doc.gc;
  doc.gc = false;
  try {
    doc.transact((transaction) => {
      for (const item of items) if (!item.deleted) item.delete(transaction);
    }, origin);
  } finally {
    doc.gc = gc;
  }
  if (gc) for (const item of items) if (item.deleted && !item.keep) item.gc(doc.store, false);
  return items.length;
}

/**
 * Garbage-collects every deleted item of a document without recursing: deleted shared types
 * children first (so collecting a type finds its children already collected), then the rest. What
 * Yjs does at the end of a transaction, for a load that held collection back.
 */
export function collectGarbage(doc: Y.Doc): void {
  const types: Y.Item[] = [];
  const rest: Y.Item[] = [];
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !struct.deleted || struct.keep) continue;
      if (struct.content instanceof Y.ContentDeleted) continue;
      (struct.content instanceof Y.ContentType ? types : rest).push(struct);
    }
  }
  if (types.length) {
    const depth = new Map<Y.Item, number>();
    const depthOf = (start: Y.Item): number => {
      const chain: Y.Item[] = [];
      let base = 0;
      for (let item: Y.Item | null = start; item; ) {
        const known = depth.get(item);
        if (known !== undefined) {
          base = known;
          break;
        }
        chain.push(item);
        const parent = item.parent as Y.AbstractType<unknown> | null;
        item = parent instanceof Y.AbstractType ? parent._item : null;
      }
      for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i] as Y.Item, ++base);
      return base;
    };
    types.sort((a, b) => depthOf(b) - depthOf(a));
    for (const item of types) item.gc(doc.store, false);
  }
  for (const item of rest) item.gc(doc.store, false);
}
