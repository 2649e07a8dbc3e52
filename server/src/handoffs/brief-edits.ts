/**
 * One job: the sender's edits on the assembled brief — their own summary, and the items they chose to
 * leave out (also dropped from the intelligence brief's lists where every quoted source is left out).
 */
import type { Actor, Handoff, HandoffCreate } from '@baton/schemas';

/** The sender's edits on the assembled brief: their summary, and the items they chose to leave out. */
export function editBrief(
  brief: Handoff['brief'],
  edits: HandoffCreate['briefEdits'],
  actor: Actor,
): Handoff['brief'] {
  if (!edits || (edits.summary === undefined && !edits.omitEventIds?.length)) return brief;
  const omit = new Set(edits.omitEventIds ?? []);
  const keep = <T extends { eventId: string }>(items: T[]) => items.filter((item) => !omit.has(item.eventId));
  return {
    ...brief,
    ...(edits.summary !== undefined ? { summary: edits.summary } : {}),
    lastMessages: keep(brief.lastMessages),
    openQuestions: keep(brief.openQuestions),
    stepsTried: keep(brief.stepsTried),
    commitments: keep(brief.commitments),
    linkedEventIds: brief.linkedEventIds.filter((id) => !omit.has(id)),
    ...(brief.intelligence ? { intelligence: omitQuoted(brief.intelligence, omit) } : {}),
    editedBy: actor,
  };
}

/** The intelligence brief without the lines that quote only left-out events (its lists of `{ sources }`). */
function omitQuoted(brief: object, omit: ReadonlySet<string>): object {
  const quotesKept = (item: unknown) => {
    // An asked/told pair quotes through its question and its answer.
    const pair = item as { question?: { sources?: unknown[] }; answer?: { sources?: unknown[] } };
    const sources = (
      pair?.question && pair.answer
        ? [...(pair.question.sources ?? []), ...(pair.answer.sources ?? [])]
        : (item as { sources?: unknown[] })?.sources
    ) as { eventId?: string }[] | undefined;
    return !Array.isArray(sources) || sources.some((s) => !omit.has(s.eventId ?? ''));
  };
  return Object.fromEntries(
    Object.entries(brief).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.filter(quotesKept) : value,
    ]),
  );
}
