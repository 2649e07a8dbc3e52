/** One job: how an SLA clock is stored in `sla_clocks` (an empty `ref` for the issue's own clocks). */
import type { SlaClock } from '@baton/schemas';
import { fromStored, type Stored } from '../shared/documents.ts';

export type StoredClock = Stored<SlaClock> & { ref: string };

export function clockFromStored(doc: StoredClock): SlaClock {
  const clock = fromStored<SlaClock>(doc as Stored<SlaClock>);
  if (!clock.ref) delete clock.ref;
  return clock;
}
