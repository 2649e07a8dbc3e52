import type { KbArticleStatus } from '@baton/schemas/types';

export const KB_STATUS_LABELS: Record<KbArticleStatus, string> = {
  draft: 'Draft',
  reviewable: 'Ready to publish',
  published: 'Published',
  archived: 'Archived',
};

/** The moves a reviewer can make from each status, in the words of the button. */
export const KB_ACTIONS: Record<
  KbArticleStatus,
  { to: KbArticleStatus; label: string; primary?: boolean }[]
> = {
  draft: [
    { to: 'reviewable', label: 'Mark ready to publish', primary: true },
    { to: 'archived', label: 'Archive' },
  ],
  reviewable: [
    { to: 'published', label: 'Publish', primary: true },
    { to: 'draft', label: 'Back to draft' },
    { to: 'archived', label: 'Archive' },
  ],
  published: [
    { to: 'reviewable', label: 'Unpublish for changes' },
    { to: 'archived', label: 'Archive' },
  ],
  archived: [{ to: 'draft', label: 'Restore as draft' }],
};
