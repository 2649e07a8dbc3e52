/**
 * Opaque cursors for keyset pagination. A cursor holds the sort key of the last item served, so a
 * page is a range query that stays correct while new items arrive (unlike skip/offset).
 */
import { ProblemError } from './problem.ts';

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {}
  throw new ProblemError('validation', 'query/cursor is not a cursor this server issued', [
    { pointer: '/query/cursor', detail: 'is not a cursor this server issued' },
  ]);
}

/**
 * A filter for "after this key" in a descending (or ascending) sort on two fields, e.g.
 * `(createdAt, _id)`. The second field breaks ties so no item is served twice or skipped.
 */
export function afterKey(
  fields: readonly [string, string],
  key: readonly (string | number)[],
  direction: 1 | -1,
): Record<string, unknown> {
  const op = direction === -1 ? '$lt' : '$gt';
  const [a, b] = fields;
  return { $or: [{ [a]: { [op]: key[0] } }, { [a]: key[0], [b]: { [op]: key[1] } }] };
}

/** Fetches limit + 1 to know whether another page exists without a count query. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
