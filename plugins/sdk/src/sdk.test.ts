/**
 * The SDK on its own: signatures (Baton's and Slack's), the egress allow-list and SSRF guard against a
 * real loopback server, manifest validation with field-naming errors, definePlugin's shape checks,
 * and the helpers plugins use to read providers' answers.
 */
import { describe, expect, it } from 'vitest';
import { createGuardedHttp, deliveryFromError, deliveryFromResponse, retryAfterMs } from './http.ts';
import { validateManifest } from './manifest.ts';
import { AddressAllowList, hostMatches, isNonPublicAddress } from './net.ts';
import { definePlugin, describeDefinitionProblems } from './plugin.ts';
import { signPayload, signSlackRequest, verifyPayload, verifySlackRequest } from './signature.ts';
import { createTestContext, startHttpSink } from './testing/index.ts';

describe('signatures', () => {
  const now = new Date('2026-01-05T09:00:00Z');
  const t = Math.floor(now.getTime() / 1000);

  it('verifies Baton signatures: body and timestamp signed, tolerance, rotation', () => {
    const header = signPayload('s3cret', '{"a":1}', t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyPayload({ secret: 's3cret', header, body: '{"a":1}', now })).toEqual({ ok: true });
    expect(verifyPayload({ secret: 's3cret', header, body: '{"a":2}', now })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifyPayload({ secret: 'other', header, body: '{"a":1}', now }).ok).toBe(false);
    expect(
      verifyPayload({ secret: 's3cret', header, body: '{"a":1}', now: new Date(now.getTime() + 301_000) }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('tolerance'),
    });
    expect(verifyPayload({ secret: ['new-secret', 's3cret'], header, body: '{"a":1}', now })).toEqual({
      ok: true,
    });
    expect(verifyPayload({ secret: 's3cret', header: undefined, body: '', now }).ok).toBe(false);
    expect(verifyPayload({ secret: 's3cret', header: 'v1=abc', body: '', now })).toMatchObject({
      reason: 'malformed signature header',
    });
    // A timestamp moved by an attacker breaks the signature.
    const moved = header.replace(`t=${t}`, `t=${t + 10}`);
    expect(verifyPayload({ secret: 's3cret', header: moved, body: '{"a":1}', now }).ok).toBe(false);
  });

  it("verifies Slack's v0 signatures as Slack documents them", () => {
    const body = 'payload=%7B%7D';
    const headers = signSlackRequest('slack-secret', body, t);
    const check = (over: Partial<Parameters<typeof verifySlackRequest>[0]>) =>
      verifySlackRequest({
        signingSecret: 'slack-secret',
        timestamp: headers['x-slack-request-timestamp'],
        signature: headers['x-slack-signature'],
        body,
        now,
        ...over,
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ body: 'payload=%7B%22x%22%7D' }).ok).toBe(false);
    expect(check({ signingSecret: 'nope' }).ok).toBe(false);
    expect(check({ now: new Date(now.getTime() + 600_000) }).ok).toBe(false);
    expect(check({ signature: undefined }).ok).toBe(false);
  });
});

describe('egress and the SSRF guard', () => {
  it('classifies addresses: private, loopback, link-local, mapped IPv6 are not public', () => {
    for (const a of [
      '10.1.2.3',
      '127.0.0.1',
      '169.254.169.254',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '0.0.0.0',
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])
      expect(isNonPublicAddress(a), a).toBe(false);
    const allow = new AddressAllowList(['127.0.0.0/8', '::1']);
    expect(allow.has('127.0.0.9')).toBe(true);
    expect(allow.has('10.0.0.1')).toBe(false);
    expect(() => new AddressAllowList(['localhost'])).toThrow(/not an IP address or CIDR/);
    expect(hostMatches('hooks.slack.com', '*.slack.com')).toBe(true);
    expect(hostMatches('slack.com', '*.slack.com')).toBe(false);
    expect(hostMatches('evilslack.com', '*.slack.com')).toBe(false);
    expect(hostMatches('anything.example', '*')).toBe(true);
  });

  it('refuses loopback by IP, by name (resolved) and as mapped IPv6 unless allowed, and hosts outside the allow-list', async () => {
    const sink = await startHttpSink();
    try {
      const port = new URL(sink.url).port;
      const guarded = createGuardedHttp({ plugin: 'p', hosts: ['*'] });
      for (const url of [
        `${sink.url}/x`,
        `http://localhost:${port}/x`,
        `http://[::ffff:127.0.0.1]:${port}/x`,
        'http://169.254.169.254/latest/meta-data/',
      ]) {
        await expect(guarded.fetch(url), url).rejects.toThrow(/refused to connect/);
      }
      await expect(guarded.fetch('file:///etc/passwd')).rejects.toThrow(/only use http/);
      expect(sink.requests).toHaveLength(0);

      const allowed = createGuardedHttp({
        plugin: 'p',
        hosts: ['127.0.0.1', 'localhost'],
        allowPrivate: ['127.0.0.1'],
      });
      expect((await allowed.fetch(`${sink.url}/ok`)).status).toBe(200);
      expect((await allowed.fetch(`http://localhost:${port}/by-name`)).status).toBe(200);
      await expect(allowed.fetch('https://example.com/')).rejects.toThrow(/not in its egress allow-list/);
      expect(sink.requests.map((r) => r.path)).toEqual(['/ok', '/by-name']);
    } finally {
      await sink.close();
    }
  });

  it('does not follow redirects, caps bodies, and times out', async () => {
    const sink = await startHttpSink((req) => {
      if (req.path === '/redirect') return { status: 302, headers: { location: 'http://169.254.169.254/' } };
      if (req.path === '/big') return { body: 'x'.repeat(5000) };
      if (req.path === '/slow') return { delayMs: 500 };
      return undefined;
    });
    try {
      const http = createGuardedHttp({
        plugin: 'p',
        hosts: ['127.0.0.1'],
        allowPrivate: ['127.0.0.1'],
        maxResponseBytes: 1000,
      });
      const redirected = await http.fetch(`${sink.url}/redirect`);
      expect(redirected.status).toBe(302);
      expect(sink.requests).toHaveLength(1);
      await expect(http.fetch(`${sink.url}/big`)).rejects.toThrow(/larger than 1000 bytes/);
      await expect(http.fetch(`${sink.url}/slow`, { timeoutMs: 50 })).rejects.toThrow(/timed out/);
    } finally {
      await sink.close();
    }
  });

  it('reads providers’ answers: 2xx delivered, 408/429/5xx retried with Retry-After, other 4xx permanent', () => {
    const now = new Date('2026-01-05T09:00:00Z');
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(deliveryFromResponse(new Response('', { status: 201 }), { externalId: 'x' })).toEqual({
      status: 'delivered',
      externalId: 'x',
    });
    expect(
      deliveryFromResponse(new Response('', { status: 429, headers: { 'retry-after': '5' } })),
    ).toMatchObject({ status: 'retry', retryAfterMs: 5000 });
    expect(deliveryFromResponse(new Response('', { status: 503 }))).toMatchObject({ status: 'retry' });
    expect(deliveryFromResponse(new Response('', { status: 404 }))).toMatchObject({ status: 'failed' });
    expect(deliveryFromError(new Error('ECONNRESET'))).toMatchObject({ status: 'retry' });
  });

  it('an unparseable URL fails at once instead of being retried', async () => {
    const guarded = createGuardedHttp({ plugin: 'p', hosts: ['*'] });
    const error = await guarded.fetch('ht tp://not a url', { method: 'POST' }).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'EgressError', message: expect.stringContaining('not a valid URL') });
    expect(deliveryFromError(error)).toMatchObject({ status: 'failed' });
    let invalid: unknown;
    try {
      new URL('::');
    } catch (err) {
      invalid = err;
    }
    expect(deliveryFromError(invalid)).toMatchObject({ status: 'failed' });
  });

  it('the test kit records what a plugin requested', async () => {
    const sink = await startHttpSink();
    try {
      const { ctx, recorder } = createTestContext({ egress: { allowPrivate: ['127.0.0.1'] } });
      await ctx.http.fetch(`${sink.url}/a`, { method: 'POST', body: 'x' });
      await expect(createTestContext().ctx.http.fetch(`${sink.url}/b`)).rejects.toThrow(/refused/);
      expect(recorder.requests).toEqual([{ method: 'POST', url: `${sink.url}/a`, status: 200 }]);
      expect(() => ctx.secrets.require('token')).toThrow(/needs the secret "token"/);
    } finally {
      await sink.close();
    }
  });
});

describe('manifests and definitions', () => {
  const valid = {
    name: 'pager-duty',
    version: '1.2.0',
    entry: './src/index.ts',
    capabilities: [{ kind: 'notifier', channel: 'pager' }],
    settings: { type: 'object', properties: { url: { type: 'string', format: 'uri' } } },
    secrets: [{ name: 'token', required: true }],
    egress: { settings: ['url'] },
  };

  it('accepts a valid manifest and names every wrong field', () => {
    expect(validateManifest(valid)).toMatchObject({ ok: true });
    const bad = validateManifest({
      ...valid,
      name: 'Pager Duty',
      entry: '../outside.ts',
      capabilities: [{ kind: 'notifier' }, { kind: 'teleport' }],
      secrets: [{ name: 'token' }, { name: 'token' }],
      extra: true,
    });
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.errors.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name: must match pattern/),
        expect.stringMatching(/^\/entry: must match pattern/),
        '/capabilities/0/channel: is required',
        '/extra: is not a known property',
      ]),
    );
    const dupes = validateManifest({ ...valid, secrets: [{ name: 'token' }, { name: 'token' }] });
    expect(dupes.ok ? [] : dupes.errors.map((e) => e.message)).toEqual([
      '/secrets/1/name: "token" is declared twice',
    ]);
    const badSchema = validateManifest({
      ...valid,
      settings: { type: 'object', properties: { url: { type: 'strng' } } },
    });
    expect(badSchema.ok ? [] : badSchema.errors[0]!.message).toMatch(/^\/settings: not a usable JSON Schema/);
    const badEgress = validateManifest({ ...valid, egress: { settings: ['nope'] } });
    expect(badEgress.ok ? [] : badEgress.errors[0]!.message).toBe(
      '/egress/settings/0: "nope" is not a property of the settings schema',
    );
  });

  it('definePlugin checks the shape at once', () => {
    expect(() => definePlugin({ name: 'x', capabilities: [] })).toThrow(
      /capabilities must be a non-empty array/,
    );
    // @ts-expect-error: a notifier needs send
    expect(() => definePlugin({ name: 'x', capabilities: [{ kind: 'notifier', channel: 'x' }] })).toThrow(
      /send must be a function/,
    );
    expect(describeDefinitionProblems({ name: 'x', capabilities: [{ kind: 'bogus' }] })).toEqual([
      'capabilities[0].kind must be notifier, ingest, node-kind or intelligence',
    ]);
    const plugin = definePlugin({
      name: 'x',
      capabilities: [{ kind: 'notifier', channel: 'x', send: () => ({ status: 'delivered' }) }],
    });
    expect(Object.isFrozen(plugin)).toBe(true);
  });
});
