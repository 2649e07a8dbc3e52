/** A small Slack Web API client over the plugin's guarded HTTP, reading Slack's `ok`/`error` answers. */
import {
  type DeliveryResult,
  deliveryFromError,
  deliveryFromResponse,
  type PluginContext,
} from '@baton/plugin-sdk';
import type { SlackSettings } from './index.ts';

/** Slack errors that retrying cannot fix. */
const PERMANENT = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'restricted_action',
  'user_not_found',
]);

export type SlackAnswer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; result: DeliveryResult; error?: string };

export async function callSlack(
  ctx: PluginContext<SlackSettings>,
  method: string,
  payload: Record<string, unknown>,
): Promise<SlackAnswer> {
  const base = (ctx.settings.apiBaseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
  let res: Response;
  try {
    res = await ctx.http.fetch(`${base}/${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ctx.secrets.require('botToken')}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify(payload),
    });
  } catch (err) {
    return { ok: false, result: deliveryFromError(err, `Slack ${method}`) };
  }
  const text = await res.text();
  if (res.status !== 200)
    return { ok: false, result: deliveryFromResponse(res, { now: ctx.now(), what: `Slack ${method}` }) };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {
      ok: false,
      result: { status: 'retry', reason: `Slack ${method} answered something that is not JSON` },
    };
  }
  if (body.ok === true) return { ok: true, body };
  const error = typeof body.error === 'string' ? body.error : 'unknown_error';
  const reason = `Slack ${method}: ${error}`;
  if (error === 'ratelimited') {
    const after = Number(res.headers.get('retry-after'));
    return {
      ok: false,
      error,
      result: {
        status: 'retry',
        reason,
        ...(Number.isFinite(after) && after > 0 ? { retryAfterMs: after * 1000 } : {}),
      },
    };
  }
  return {
    ok: false,
    error,
    result: PERMANENT.has(error) ? { status: 'failed', reason } : { status: 'retry', reason },
  };
}
