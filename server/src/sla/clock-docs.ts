/** One job: how an SLA clock is stored in `sla_clocks` (an empty `ref` for the issue's own clocks). */
import type { SlaClock } from '@baton/schemas';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';

export type StoredClock = Stored<SlaClock> & { ref: string };

/**
 * The stored form always has a `ref` (the unique index is issue, metric, ref); an issue's own clocks
 * store it empty, second after the key. Written in the literal, not added or deleted afterwards:
 * a deleted field (and a field added to a spread copy) costs V8 a dictionary or its slow path.
 */
export function clockToStored(clock: SlaClock): StoredClock {
  if (clock.ref) return toStored(clock) as StoredClock;
  const { id, ...rest } = clock;
  return { _id: id, ref: '', ...rest };
}

/** The schema's clock has no `ref` when the stored one is empty. */
export function clockFromStored(doc: StoredClock): SlaClock {
  if (doc.ref) return fromStored<SlaClock>(doc);
  const { _id, ref: _empty, ...rest } = doc;
  return { id: _id, ...rest } as SlaClock;
}
