import { monotonicFactory } from 'ulid';

/**
 * Prefixed ULIDs (`iss_01JD…`): sortable by creation time, unique across instances without
 * coordination, and self-describing in logs. The prefix names the kind of document.
 */
export type IdPrefix =
  | 'iss'
  | 'cus'
  | 'evt'
  | 'team'
  | 'agt'
  | 'usr'
  | 'key'
  | 'ses'
  | 'flw'
  | 'run'
  | 'hnd'
  | 'sla'
  | 'tmr'
  | 'ntf'
  | 'pbr';

const nextUlid = monotonicFactory();

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  return `${prefix}_${nextUlid(now)}`;
}
