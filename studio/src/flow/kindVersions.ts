import type { FlowDocument, NodeKindDescription } from '@baton/schemas/types';

/**
 * The kinds a published version runs on an older version of: it keeps running on them as it was
 * validated, and publishing the draft again moves it to the newest (the catalog's version).
 * Titles, in the order the kinds first appear in the flow.
 */
export function olderKinds(
  document: Pick<FlowDocument, 'kindVersions'>,
  kinds: ReadonlyMap<string, Pick<NodeKindDescription, 'title' | 'version'>>,
): string[] {
  const older: string[] = [];
  for (const [type, pinned] of Object.entries(document.kindVersions ?? {})) {
    const kind = kinds.get(type);
    if (kind && pinned !== undefined && kind.version > pinned && !older.includes(kind.title))
      older.push(kind.title);
  }
  return older;
}
