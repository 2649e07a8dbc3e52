import type { Page, TimelineEvent } from '../api/types.ts';

export interface CollectedEvents {
  /** Oldest first, each event once. */
  events: TimelineEvent[];
  /** Whether the server pages newest-first (so "more" means older events). */
  newestFirst: boolean;
}

function time(event: TimelineEvent): number {
  const t = Date.parse(event.at);
  return Number.isNaN(t) ? 0 : t;
}

/** Flattens timeline pages, drops duplicates (an event can shift pages as new ones arrive) and sorts. */
export function collectEvents(pages: Page<TimelineEvent>[]): CollectedEvents {
  const first = pages[0]?.items ?? [];
  const newestFirst = first.length < 2 || time(first[0]!) >= time(first.at(-1)!);
  const seen = new Set<string>();
  const events: TimelineEvent[] = [];
  for (const page of pages) {
    for (const event of page.items) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      events.push(event);
    }
  }
  events.sort((a, b) => time(a) - time(b));
  return { events, newestFirst };
}
