/**
 * Small helpers for ingest plugins that read JSON webhooks: parse the raw body, and pick typed
 * fields with errors that name the field (thrown as InvalidPayloadError: the sender gets a 400).
 */

import type { PluginContext } from './context.ts';
import { InvalidPayloadError } from './context.ts';
import type { IngestRequest } from './plugin.ts';
import { DEFAULT_TOLERANCE_SEC, SIGNATURE_HEADER, type Verification, verifyPayload } from './signature.ts';

export function jsonBody(request: IngestRequest): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    throw new InvalidPayloadError('the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidPayloadError('the body must be a JSON object');
  return value as Record<string, unknown>;
}

export function field(obj: Record<string, unknown>, path: string, kind: 'string', required: true): string;
export function field(
  obj: Record<string, unknown>,
  path: string,
  kind: 'string',
  required?: false,
): string | undefined;
export function field(obj: Record<string, unknown>, path: string, kind: 'number', required: true): number;
export function field(
  obj: Record<string, unknown>,
  path: string,
  kind: 'number',
  required?: false,
): number | undefined;
export function field(
  obj: Record<string, unknown>,
  path: string,
  kind: 'object',
  required: true,
): Record<string, unknown>;
export function field(
  obj: Record<string, unknown>,
  path: string,
  kind: 'object',
  required?: false,
): Record<string, unknown> | undefined;
export function field(obj: Record<string, unknown>, path: string, kind: 'array', required: true): unknown[];
export function field(
  obj: Record<string, unknown>,
  path: string,
  kind: 'array',
  required?: false,
): unknown[] | undefined;
export function field(
  obj: Record<string, unknown>,
  path: string,
  kind: 'string' | 'number' | 'object' | 'array',
  required = false,
): unknown {
  let value: unknown = obj;
  for (const key of path.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined || value === null || value === '') {
    if (required) throw new InvalidPayloadError(`${path} is required`);
    return undefined;
  }
  const ok =
    kind === 'array'
      ? Array.isArray(value)
      : kind === 'object'
        ? typeof value === 'object' && !Array.isArray(value)
        : typeof value === kind;
  if (!ok || (kind === 'number' && !Number.isFinite(value)))
    throw new InvalidPayloadError(`${path} must be ${kind === 'array' ? 'an array' : `a ${kind}`}`);
  return value;
}

/** The usual check of an ingest route: Baton's signature with the plugin's `signingSecret`. */
export function verifyBatonSignature(
  request: IngestRequest,
  ctx: PluginContext<{ toleranceSec?: number }>,
): Verification {
  return verifyPayload({
    secret: ctx.secrets.require('signingSecret'),
    header: request.headers[SIGNATURE_HEADER],
    body: request.rawBody,
    now: ctx.now(),
    toleranceSec: ctx.settings.toleranceSec ?? DEFAULT_TOLERANCE_SEC,
  });
}
