/** `@Name` mentions of known people in a comment: who to notify. */
export function mentionedIds(text: string, people: readonly { id: string; name: string }[]): string[] {
  return people.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id);
}

/** The `@partial` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}.' -]{0,30})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  // A finished mention ("@Ann Lee ") or a sentence after it: not a mention in progress.
  if (/\s{2}|\s$/.test(query) && query.trim().includes(' ')) return null;
  return { start: caret - query.length - 1, query };
}
