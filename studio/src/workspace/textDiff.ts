/**
 * The one edit that turns `before` into `after` (a textarea changes one contiguous range per input
 * event): where it starts, how much was removed, what was inserted. Applied to a Y.Text it keeps
 * concurrent edits elsewhere in the text intact.
 */
export function textEdit(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/** Moves a caret position through a remote change (a Yjs text delta), so my cursor stays on my word. */
export function moveThrough(
  position: number,
  delta: readonly { retain?: number; insert?: unknown; delete?: number }[],
): number {
  let index = 0;
  let pos = position;
  for (const op of delta) {
    if (op.retain) index += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < pos) pos += length;
      index += length;
    } else if (op.delete) {
      if (index < pos) pos -= Math.min(op.delete, pos - index);
    }
  }
  return pos;
}
