/**
 * Webhook signatures. Baton's own scheme, used by the inbound plugins and the webhook notifier, is
 * Stripe's well-understood shape:
 *
 *   X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is signed too, so a captured request cannot be replayed after the tolerance (5 min by
 * default); several `v1=` entries are accepted, so a secret can be rotated without downtime. Slack's
 * `v0` scheme is implemented as Slack documents it. Comparisons are constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-baton-signature';
export const DEFAULT_TOLERANCE_SEC = 300;

export type Verification = { ok: true } | { ok: false; reason: string };

export function hmacHex(secret: string, payload: string | Uint8Array): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function signedPayload(timestamp: number, body: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]);
}

/** The header value signing `body` at `timestampSec` (default now). */
export function signPayload(
  secret: string,
  body: string | Uint8Array,
  timestampSec = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestampSec},v1=${hmacHex(secret, signedPayload(timestampSec, body))}`;
}

function safeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length || !/^[0-9a-f]+$/i.test(a)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

export interface VerifyOptions {
  /** One secret, or several while rotating. */
  secret: string | readonly string[];
  header: string | undefined;
  body: string | Uint8Array;
  now?: Date;
  toleranceSec?: number;
}

export function verifyPayload({
  secret,
  header,
  body,
  now = new Date(),
  toleranceSec = DEFAULT_TOLERANCE_SEC,
}: VerifyOptions): Verification {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === undefined || !signatures.length)
    return { ok: false, reason: 'malformed signature header' };
  const age = Math.abs(now.getTime() / 1000 - timestamp);
  if (age > toleranceSec)
    return { ok: false, reason: `signature timestamp outside the ${toleranceSec} s tolerance` };
  const payload = signedPayload(timestamp, body);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  for (const s of secrets) {
    const expected = hmacHex(s, payload);
    if (signatures.some((sig) => safeEqualHex(sig, expected))) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
}

/**
 * Slack's request signing: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<ts>:<body>")>`
 * with `X-Slack-Request-Timestamp`.
 */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSec = Math.floor(Date.now() / 1000),
) {
  return {
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': `v0=${hmacHex(signingSecret, `v0:${timestampSec}:${body}`)}`,
  };
}

export function verifySlackRequest(options: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string | Uint8Array;
  now?: Date;
  toleranceSec?: number;
}): Verification {
  const {
    signingSecret,
    timestamp,
    signature,
    body,
    now = new Date(),
    toleranceSec = DEFAULT_TOLERANCE_SEC,
  } = options;
  if (!timestamp || !signature)
    return { ok: false, reason: 'missing X-Slack-Signature or X-Slack-Request-Timestamp' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed X-Slack-Request-Timestamp' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSec) {
    return { ok: false, reason: `Slack timestamp outside the ${toleranceSec} s tolerance` };
  }
  if (!signature.startsWith('v0=')) return { ok: false, reason: 'unknown Slack signature version' };
  const expected = hmacHex(
    signingSecret,
    Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(body)]),
  );
  return safeEqualHex(signature.slice(3), expected)
    ? { ok: true }
    : { ok: false, reason: 'Slack signature does not match' };
}
