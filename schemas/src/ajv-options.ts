/**
 * The formats and keywords every Baton schema may use, browser-safe (no Node APIs), so the server's
 * registry and the studio's validators compile the same schemas the same way.
 */
import type { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The `x-input` annotation's values: which picker the studio shows for a string (or, on `items`,
 * for a list of them). Ids and ISO durations are the document's words, never the person's.
 */
export const X_INPUTS = [
  'agent',
  'team',
  'queue',
  'user',
  'plugin',
  'event',
  'sla-policy',
  'template',
  'skill',
  'duration',
] as const;
export type XInput = (typeof X_INPUTS)[number];

/** Adds the standard formats, `iana-time-zone`, and the annotation keywords `example` and `x-input`. */
export function addBatonVocabulary(ajv: Ajv): void {
  addFormats.default(ajv);
  ajv.addFormat('iana-time-zone', { type: 'string', validate: isIanaTimeZone });
  ajv.addKeyword({ keyword: 'example' });
  // How the studio asks for a value (a picker of agents, teams, queues…, a duration as number +
  // unit): an annotation only, it never changes what validates. Values: see `X_INPUTS`.
  ajv.addKeyword({ keyword: 'x-input', schemaType: 'string', metaSchema: { enum: [...X_INPUTS] } });
}
