/** Ready-made inputs for plugin tests: a message to send, signed inbound requests, result checks. */
import { schemaId } from '@baton/schemas';
import { describeAjvErrors, manifestAjv } from '../manifest.ts';
import type { IngestRequest, OutboundMessage } from '../plugin.ts';
import { SIGNATURE_HEADER, signPayload } from '../signature.ts';

/** A rendered notification as the host hands it to a notifier. */
export function sampleMessage(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    id: 'ntf_01JTESTNOTIFICATION0000000',
    idempotencyKey: 'test-key-1',
    channel: 'test',
    urgency: 'high',
    to: { address: 'someone@example.com', name: 'Someone', recipient: { kind: 'user', id: 'usr_1' } },
    subject: 'Handoff: Checkout fails with card error',
    text: 'Ana handed issue iss_1 to you.\nBrief: the customer tried two cards.',
    links: { issue: 'http://baton.test/issues/iss_1' },
    issue: { id: 'iss_1', subject: 'Checkout fails with card error', status: 'open', priority: 'high' },
    ack: false,
    attempt: 1,
    createdAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

export interface IngestRequestInit {
  path: string;
  method?: 'POST' | 'PUT';
  body: string | Buffer | object;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** An inbound request with no signature. */
export function ingestRequest(init: IngestRequestInit): IngestRequest {
  const raw =
    typeof init.body === 'string' || Buffer.isBuffer(init.body)
      ? Buffer.from(init.body)
      : Buffer.from(JSON.stringify(init.body));
  const json = !(typeof init.body === 'string' || Buffer.isBuffer(init.body));
  return {
    method: init.method ?? 'POST',
    path: init.path,
    headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...lower(init.headers ?? {}) },
    query: init.query ?? {},
    rawBody: raw,
  };
}

/** An inbound request signed with Baton's scheme (`X-Baton-Signature: t=…,v1=…`). */
export function signedIngestRequest(
  init: IngestRequestInit & { secret: string; timestampSec?: number },
): IngestRequest {
  const request = ingestRequest(init);
  const signature = signPayload(init.secret, request.rawBody, init.timestampSec);
  return { ...request, headers: { ...request.headers, [SIGNATURE_HEADER]: signature } };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export type ResultKind =
  | 'deliveryResult'
  | 'verifyResult'
  | 'ingestResult'
  | 'nodeResult'
  | 'embeddings'
  | 'summary';

/**
 * Checks a plugin's result exactly as the host will (schemas/plugin-results.schema.json); throws with
 * the offending fields.
 */
export function assertValidResult(kind: ResultKind, value: unknown): void {
  const validate = manifestAjv().getSchema(`${schemaId('plugin-results')}#/$defs/${kind}`);
  if (!validate) throw new Error(`unknown result kind ${kind}`);
  if (!validate(value)) {
    throw new Error(
      `not a valid ${kind}: ${describeAjvErrors(validate.errors)
        .map((e) => e.message)
        .join('; ')}`,
    );
  }
}
