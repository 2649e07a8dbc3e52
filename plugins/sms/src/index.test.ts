import {
  assertValidResult,
  createTestContext,
  type HttpSink,
  sampleMessage,
  startHttpSink,
} from '@baton/plugin-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import plugin, { smsBody } from './index.ts';

const notifier = plugin.capabilities[0]!;
let sink: HttpSink;
beforeEach(async () => {
  sink = await startHttpSink();
});
afterEach(() => sink.close());

const context = () =>
  createTestContext({
    settings: { apiBaseUrl: sink.url, accountSid: 'AC123', from: '+15550001111', maxLength: 160 },
    secrets: { authToken: 'tok' },
    egress: { allowPrivate: ['127.0.0.1'] },
  });

describe('sms', () => {
  it('posts a Twilio-style form with Basic auth and the idempotency token', async () => {
    if (notifier.kind !== 'notifier') throw new Error();
    sink.handle(() => ({ status: 201, body: { sid: 'SM1', status: 'queued' } }));
    const result = await notifier.send(
      sampleMessage({ to: { address: '+4915112345678', recipient: { kind: 'address' } } }),
      context().ctx,
    );
    assertValidResult('deliveryResult', result);
    expect(result).toEqual({ status: 'delivered', externalId: 'SM1' });
    const [req] = await sink.waitFor(1);
    expect(req!.path).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from('AC123:tok').toString('base64')}`);
    expect(req!.headers['i-twilio-idempotency-token']).toBe('test-key-1');
    expect(Object.fromEntries(req!.form())).toMatchObject({ To: '+4915112345678', From: '+15550001111' });
    expect(req!.form().get('Body')!.length).toBeLessThanOrEqual(160);
  });

  it('a number that can never receive is permanent; throttling is retried with Retry-After', async () => {
    if (notifier.kind !== 'notifier') throw new Error();
    sink.handle(() => ({
      status: 400,
      body: { code: 21211, message: "The 'To' number is not a valid phone number." },
    }));
    expect(await notifier.send(sampleMessage(), context().ctx)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('21211'),
    });
    sink.handle(() => ({
      status: 429,
      headers: { 'retry-after': '3' },
      body: { code: 20429, message: 'Too Many Requests' },
    }));
    expect(await notifier.send(sampleMessage(), context().ctx)).toMatchObject({
      status: 'retry',
      retryAfterMs: 3000,
    });
  });

  it('joins subject and text into one short line', () => {
    expect(smsBody('Outage', 'API down\n\nsince 09:00', 640)).toBe('Outage: API down since 09:00');
    expect(smsBody(undefined, 'x'.repeat(200), 70)).toHaveLength(70);
  });
});
