/**
 * Inbound webhooks through the real app: signatures checked before anything is parsed (401 problem,
 * logged and counted when wrong), raw emails parsed and threaded by In-Reply-To / References, chat
 * conversations, call transcripts on the timeline, CRM upserts — each idempotent on redelivery.
 */
import { SIGNATURE_HEADER, signPayload } from '@baton/plugin-sdk';
import type { TimelineEvent } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';

let baton: PluginTestBaton;
const SECRET = 'whsec_inbound';

beforeEach(async () => {
  baton = await startPluginTestBaton();
  for (const plugin of ['inbound-email', 'live-chat', 'call-recordings', 'crm']) {
    const res = await baton.request({
      method: 'PUT',
      url: `/api/plugins/${plugin}/secrets`,
      payload: { secrets: { signingSecret: SECRET } },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterEach(() => baton.close());

function post(
  url: string,
  body: string | object,
  options: { secret?: string; contentType?: string; signature?: string | null } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const now = Math.floor(baton.clock.now().getTime() / 1000);
  const signature =
    options.signature === undefined ? signPayload(options.secret ?? SECRET, raw, now) : options.signature;
  return baton.request({
    method: 'POST',
    url,
    token: null,
    headers: {
      'content-type':
        options.contentType ?? (typeof body === 'string' ? 'message/rfc822' : 'application/json'),
      ...(signature ? { [SIGNATURE_HEADER]: signature } : {}),
    },
    payload: raw,
  });
}

async function timeline(issueId: string): Promise<TimelineEvent[]> {
  return (await baton.request({ method: 'GET', url: `/api/issues/${issueId}/timeline` })).json().items;
}

const email = (headers: string, body: string) =>
  `${headers.trim().replace(/\n/g, '\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;

describe('inbound email', () => {
  const first = email(
    `From: Dana Reyes <dana@example.com>
To: support@acme.example
Subject: Invoice shows the wrong VAT
Message-ID: <first-1@mail.example.com>
Date: Mon, 05 Jan 2026 08:30:00 +0000`,
    'Our invoice INV-77 has 19% VAT but we are exempt.',
  );

  it('opens an issue, threads the reply by In-Reply-To, and applies a redelivery once', async () => {
    const created = await post('/hooks/inbound-email/inbound', first);
    expect(created.statusCode, created.body).toBe(202);
    const [result] = created.json().results;
    expect(result).toMatchObject({ type: 'message', created: true });
    const issue = (await baton.request({ method: 'GET', url: `/api/issues/${result.issueId}` })).json();
    expect(issue).toMatchObject({ subject: 'Invoice shows the wrong VAT', channel: 'email' });

    const reply = email(
      `From: dana@example.com
To: support@acme.example
Subject: Re: Invoice shows the wrong VAT
Message-ID: <reply-2@mail.example.com>
In-Reply-To: <first-1@mail.example.com>
References: <first-1@mail.example.com>`,
      'Attaching our exemption certificate number: DE-4471.',
    );
    const threaded = await post('/hooks/inbound-email/inbound', reply);
    expect(threaded.json().results[0]).toMatchObject({ issueId: result.issueId, created: false });
    const again = await post('/hooks/inbound-email/inbound', reply);
    expect(again.json().results[0]).toMatchObject({ issueId: result.issueId, duplicate: true });

    const messages = (await timeline(result.issueId)).filter((e) => e.type === 'customer_message');
    expect(messages.map((m) => (m as { text: string }).text.trim())).toEqual([
      'Our invoice INV-77 has 19% VAT but we are exempt.',
      'Attaching our exemption certificate number: DE-4471.',
    ]);
    expect(messages[1]).toMatchObject({ messageId: 'email:reply-2@mail.example.com' });
  });

  it('rejects a bad, missing or stale signature with a 401 problem, logs it and counts it in the plugin health', async () => {
    const forged = await post('/hooks/inbound-email/inbound', first, { secret: 'guessed' });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(forged.json()).toMatchObject({
      status: 401,
      detail: expect.stringContaining('signature does not match'),
    });
    const missing = await post('/hooks/inbound-email/inbound', first, { signature: null });
    expect(missing.statusCode).toBe(401);
    const stale = signPayload(SECRET, first, Math.floor(baton.clock.now().getTime() / 1000) - 3600);
    expect((await post('/hooks/inbound-email/inbound', first, { signature: stale })).json().detail).toContain(
      'tolerance',
    );

    const info = (await baton.request({ method: 'GET', url: '/api/plugins/inbound-email' })).json();
    expect(info.health).toMatchObject({ rejectedRequests: 3, lastError: { kind: 'signature' } });
    expect(
      baton.logs.filter((l) => l.level === 'warn' && l.msg.includes('rejected an inbound webhook')),
    ).toHaveLength(3);
    const issues = (await baton.request({ method: 'GET', url: '/api/issues' })).json().items;
    expect(issues).toHaveLength(0);
  });

  it('answers 400 for a body that is not an email, 404 for unknown routes, 503 until configured', async () => {
    expect((await post('/hooks/inbound-email/inbound', '')).statusCode).toBe(400);
    expect((await post('/hooks/inbound-email/nope', first)).statusCode).toBe(404);
    expect((await post('/hooks/no-such-plugin/inbound', first)).statusCode).toBe(404);
    await baton.request({
      method: 'PUT',
      url: '/api/plugins/inbound-email/secrets',
      payload: { secrets: { signingSecret: null } },
    });
    expect((await post('/hooks/inbound-email/inbound', first)).statusCode).toBe(503);
  });
});

describe('live chat, call recordings, CRM', () => {
  it('one conversation is one issue', async () => {
    const message = (id: string, text: string) => ({
      conversationId: 'conv-9',
      message: { id, text, sentAt: id === 'm1' ? '2026-01-05T08:58:00Z' : '2026-01-05T08:59:00Z' },
      visitor: { id: 'v-1', email: 'lee@example.com', name: 'Lee' },
    });
    const a = (await post('/hooks/live-chat/messages', message('m1', 'Hi, my export is stuck'))).json()
      .results[0];
    const b = (
      await post('/hooks/live-chat/messages', message('m2', 'It has been at 99% for an hour'))
    ).json().results[0];
    expect(b.issueId).toBe(a.issueId);
    const texts = (await timeline(a.issueId))
      .filter((e) => e.type === 'customer_message')
      .map((e) => (e as { text: string }).text);
    expect(texts).toEqual(['Hi, my export is stuck', 'It has been at 99% for an hour']);
    expect((await post('/hooks/live-chat/messages', { conversationId: 'c' })).statusCode).toBe(400);
  });

  it('a call transcript with speakers and timestamps lands on the issue timeline, once', async () => {
    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Outage',
          body: 'API down',
          channel: 'phone',
          customer: { email: 'ops@example.com', name: 'Ops' },
        },
      })
    ).json();
    const call = {
      callId: 'CA-1',
      issueId: issue.id,
      durationSec: 95,
      recordingUrl: 'https://calls.example.com/CA-1.mp3',
      transcript: [
        { speaker: 'customer', start: 0, end: 4.5, text: 'Our API calls return 502.' },
        { speaker: 'agent', start: 4.6, end: 9, text: 'I see it, escalating to the platform team.' },
      ],
    };
    expect((await post('/hooks/call-recordings/recordings', call)).statusCode).toBe(202);
    expect((await post('/hooks/call-recordings/recordings', call)).json().results[0]).toMatchObject({
      duplicate: true,
    });
    const transcripts = (await timeline(issue.id)).filter((e) => e.type === 'call_transcript');
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]).toMatchObject({
      durationSec: 95,
      recordingRef: 'https://calls.example.com/CA-1.mp3',
      segments: [
        { speaker: 'customer', startSec: 0, endSec: 4.5, text: 'Our API calls return 502.' },
        { speaker: 'agent', startSec: 4.6, endSec: 9, text: 'I see it, escalating to the platform team.' },
      ],
    });
  });

  it('a CRM update upserts the customer with account context and records it on the issue', async () => {
    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Seats',
          body: 'Need more seats',
          channel: 'email',
          customer: { email: 'buyer@bigco.example', name: 'Buyer' },
        },
      })
    ).json();
    const res = await post('/hooks/crm/customers', {
      eventId: 'evt-1',
      customer: { email: 'buyer@bigco.example', company: 'BigCo', tier: 'enterprise' },
      account: { plan: 'Scale', arr: 120000, renewal: '2026-09-30' },
      issueId: issue.id,
    });
    expect(res.statusCode, res.body).toBe(202);
    const customer = (
      await baton.request({ method: 'GET', url: `/api/customers/${issue.customerId}` })
    ).json();
    expect(customer).toMatchObject({
      company: 'BigCo',
      tier: 'enterprise',
      attributes: { plan: 'Scale', arr: 120000, renewal: '2026-09-30' },
    });
    const crm = (await timeline(issue.id)).filter((e) => e.type === 'crm_update');
    expect(crm).toHaveLength(1);
    expect(crm[0]).toMatchObject({ source: 'crm', fields: { plan: 'Scale', arr: 120000 } });
  });
});
