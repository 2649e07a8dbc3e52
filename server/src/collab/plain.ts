/**
 * Reads shared types as plain JSON with a bounded depth. Yjs's own `toJSON` recurses without limit,
 * so a document nested deep enough (one written before the update guard, or by a bug) would overflow
 * the stack of whoever reads it; here a value nested beyond `maxDepth` is reported instead.
 */
import * as Y from 'yjs';

/** Deeper than any Baton document nests (flow drafts: 2 types, then a node's `data`). */
export const MAX_READ_DEPTH = 128;

export class TooDeepError extends Error {
  override readonly name = 'TooDeepError';
}

/** `value` as plain JSON; throws {@link TooDeepError} when it nests deeper than `maxDepth`. */
export function plainOf(value: unknown, maxDepth = MAX_READ_DEPTH): unknown {
  return convert(value, maxDepth, 0);
}

/** Like {@link plainOf}, but a value nested too deep reads as `undefined` (left out by callers). */
export function plainOrUndefined(value: unknown, maxDepth = MAX_READ_DEPTH): unknown {
  try {
    return convert(value, maxDepth, 0);
  } catch (error) {
    if (error instanceof TooDeepError) return undefined;
    throw error;
  }
}

function convert(value: unknown, maxDepth: number, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) throw new TooDeepError(`the value nests deeper than ${maxDepth} levels`);
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of value.entries()) out[key] = convert(child, maxDepth, depth + 1);
    return out;
  }
  if (value instanceof Y.Array) return value.toArray().map((child) => convert(child, maxDepth, depth + 1));
  if (value instanceof Y.Text) return value.toString();
  // XML types and anything else: Baton documents do not use them.
  if (value instanceof Y.AbstractType) return null;
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((child) => convert(child, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = convert(child, maxDepth, depth + 1);
  return out;
}
