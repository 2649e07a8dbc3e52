import {
  assertValidResult,
  createTestContext,
  loadPluginFolder,
  signedIngestRequest,
} from '@baton/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';

const capability = plugin.capabilities[0]!;
const route = capability.kind === 'ingest' ? capability.routes[0]! : undefined!;
const secret = 'whsec_mail';
const now = new Date('2026-01-05T09:00:00Z');
const context = () =>
  createTestContext({
    settings: { toleranceSec: 300, tags: ['email-in'] },
    secrets: { signingSecret: secret },
    now,
  });
const request = (raw: string) =>
  signedIngestRequest({ path: '/inbound', body: raw, secret, timestampSec: now.getTime() / 1000 });

const htmlOnlyReply = [
  'From: "Dana R." <Dana@Example.com>',
  'To: support@acme.example',
  'Subject: =?UTF-8?B?UmU6IFLDvGNrZXJzdGF0dHVuZw==?=',
  'Message-ID: <r2@mail.example.com>',
  'In-Reply-To: <r1@mail.example.com>',
  'References: <r0@mail.example.com> <r1@mail.example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<p>Still waiting for the refund =E2=80=94 order <b>1042</b>.</p>',
  '--b1--',
  '',
].join('\r\n');

describe('inbound-email', () => {
  it('loads as Baton loads it', async () => {
    const loaded = await loadPluginFolder(new URL('..', import.meta.url));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('parses MIME (encoded subject, HTML-only, quoted-printable) and threads by In-Reply-To, then References nearest first', async () => {
    const { ctx } = context();
    const req = request(htmlOnlyReply);
    expect(await route.verify(req, ctx)).toEqual({ ok: true });
    const result = await route.handle(req, ctx);
    assertValidResult('ingestResult', result);
    expect(result.events).toEqual([
      {
        type: 'message',
        channel: 'email',
        messageKey: 'email:r2@mail.example.com',
        replyTo: ['email:r1@mail.example.com', 'email:r0@mail.example.com'],
        from: { email: 'dana@example.com', name: 'Dana R.' },
        subject: 'Re: Rückerstattung',
        text: 'Still waiting for the refund — order 1042.',
        tags: ['email-in'],
      },
    ]);
  });

  it('keys a message without a Message-ID by its content, and rejects mail without a sender', async () => {
    const { ctx } = context();
    const noId = 'From: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n';
    const [event] = (await route.handle(request(noId), ctx)).events;
    expect(event).toMatchObject({ messageKey: expect.stringMatching(/^email:sha256:[0-9a-f]{64}$/) });
    await expect(route.handle(request('Subject: x\r\n\r\nbody\r\n'), ctx)).rejects.toThrow(/no From address/);
  });

  it('rejects a signature made with another secret', async () => {
    const { ctx } = context();
    const forged = signedIngestRequest({
      path: '/inbound',
      body: htmlOnlyReply,
      secret: 'other',
      timestampSec: now.getTime() / 1000,
    });
    expect(await route.verify(forged, ctx)).toEqual({ ok: false, reason: 'signature does not match' });
  });
});
