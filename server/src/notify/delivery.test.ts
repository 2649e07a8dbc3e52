/**
 * Delivery through real notifier plugins to real HTTP servers on loopback, driven through the API:
 * Slack's Block Kit payload, containment of misbehaving plugins, retries with backoff and
 * Retry-After, dead letters and redelivery, idempotency, exactly-once under injected failures and a
 * worker that dies mid-send, the SSRF guard, and ack-or-escalate — all on a ManualClock, no sleeps.
 */
import { SIGNATURE_HEADER, signSlackRequest, verifyPayload } from '@baton/plugin-sdk';
import { type HttpSink, type SinkRequest, startHttpSink } from '@baton/plugin-sdk/testing';
import type { Notification, PluginInfo } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';

let baton: PluginTestBaton;
let sink: HttpSink;

afterEach(async () => {
  await baton?.close();
  await sink?.close();
});

async function put(url: string, payload: unknown) {
  const res = await baton.request({ method: 'PUT', url, payload: payload as object });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function queue(body: Record<string, unknown>): Promise<Notification[]> {
  const res = await baton.request({ method: 'POST', url: '/api/notifications', payload: body });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().items;
}

async function get(id: string): Promise<Notification> {
  const res = await baton.request({ method: 'GET', url: `/api/notifications/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function plugin(name: string): Promise<PluginInfo> {
  return (await baton.request({ method: 'GET', url: `/api/plugins/${name}` })).json();
}

async function configureWebhook() {
  await put('/api/plugins/webhook/secrets', { secrets: { signingSecret: 'whsec_test' } });
}

async function configureSlack() {
  await put('/api/plugins/slack/settings', { apiBaseUrl: `${sink.url}/api` });
  await put('/api/plugins/slack/secrets', {
    secrets: { botToken: 'xoxb-test', signingSecret: 'slack-signing' },
  });
}

async function openIssue(subject = 'Checkout fails with card error') {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject,
      body: 'Two cards declined.',
      channel: 'email',
      priority: 'high',
      customer: { email: 'dana@example.com', name: 'Dana' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; subject: string };
}

const webhookTo = (address: string, key?: string) => ({
  to: { kind: 'address', channel: 'webhook', address },
  template: { subject: 'Ping', text: 'Something happened' },
  ...(key ? { idempotencyKey: key } : {}),
});

describe('Slack', () => {
  beforeEach(async () => {
    baton = await startPluginTestBaton();
    sink = await startHttpSink((req) =>
      req.path === '/api/chat.postMessage'
        ? { body: { ok: true, channel: 'C0HANDOFF', ts: '1767600000.000100' } }
        : undefined,
    );
  });

  it('posts Block Kit to chat.postMessage on the configured API, with an acknowledge button', async () => {
    await configureSlack();
    const issue = await openIssue();
    const [queued] = await queue({
      to: { kind: 'address', channel: 'slack', address: 'C0HANDOFF' },
      issueId: issue.id,
      template: { subject: 'Handoff: {{ issue.subject }}', text: 'Brief: {{ brief.summary }} <b>' },
      vars: { brief: { summary: 'tried <two> cards & failed' } },
      ack: true,
    });
    expect(await baton.notify.worker.runDue()).toBe(1);

    const [request] = await sink.waitFor(1);
    expect(request!.path).toBe('/api/chat.postMessage');
    expect(request!.headers.authorization).toBe('Bearer xoxb-test');
    const body = request!.json<{
      channel: string;
      text: string;
      blocks: { type: string; [k: string]: unknown }[];
    }>();
    expect(body.channel).toBe('C0HANDOFF');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(body.blocks[0]).toMatchObject({ text: { type: 'plain_text', text: `Handoff: ${issue.subject}` } });
    // Variables are escaped as Slack's mrkdwn requires; the template's own markup is kept.
    expect(body.blocks[1]).toMatchObject({
      text: { type: 'mrkdwn', text: 'Brief: tried &lt;two&gt; cards &amp; failed <b>' },
    });
    const actions = body.blocks[3] as unknown as {
      elements: { action_id: string; value?: string; url?: string }[];
    };
    expect(actions.elements[0]).toMatchObject({ action_id: 'baton_ack', value: queued!.id });
    expect(actions.elements[1]).toMatchObject({ url: `http://baton.test/issues/${issue.id}` });

    const delivered = await get(queued!.id);
    expect(delivered).toMatchObject({
      status: 'delivered',
      externalId: 'C0HANDOFF:1767600000.000100',
      plugin: 'slack',
    });
  });

  it('a Slack error that retrying cannot fix dead-letters at once; rate limiting is retried after Retry-After', async () => {
    await configureSlack();
    sink.handle((req) =>
      req.json<{ channel: string }>().channel === 'C-GONE'
        ? { body: { ok: false, error: 'channel_not_found' } }
        : { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } },
    );
    const [gone] = await queue({
      to: { kind: 'address', channel: 'slack', address: 'C-GONE' },
      template: { text: 'x' },
    });
    const [limited] = await queue({
      to: { kind: 'address', channel: 'slack', address: 'C-BUSY' },
      template: { text: 'y' },
    });
    await baton.notify.worker.runDue();
    expect(await get(gone!.id)).toMatchObject({
      status: 'dead',
      lastError: 'Slack chat.postMessage: channel_not_found',
    });
    const retried = await get(limited!.id);
    expect(retried.status).toBe('queued');
    expect(Date.parse(retried.dueAt) - baton.clock.now().getTime()).toBe(30_000);
    expect(retried.attempts[0]).toMatchObject({ outcome: 'retry', retryAfterMs: 30_000 });
  });
});

describe('containment', () => {
  beforeEach(async () => {
    baton = await startPluginTestBaton({ extraPluginDirs: [FIXTURES] });
    sink = await startHttpSink();
  });

  it('a plugin that throws, hangs or answers garbage does not disturb delivery through the others', async () => {
    await configureWebhook();
    const [throwing] = await queue({
      to: { kind: 'address', channel: 'pager', address: 'p1' },
      template: { text: 'a' },
    });
    const [hanging] = await queue({
      to: { kind: 'address', channel: 'hang', address: 'h1' },
      template: { text: 'b' },
    });
    const [garbage] = await queue({
      to: { kind: 'address', channel: 'garbage', address: 'g1' },
      template: { text: 'c' },
    });
    const webhooks = [];
    for (let i = 0; i < 3; i++) webhooks.push(...(await queue(webhookTo(`${sink.url}/hook/${i}`))));

    expect(await baton.notify.worker.runDue()).toBe(6);
    for (const w of webhooks) expect((await get(w.id)).status).toBe('delivered');
    expect(sink.requests).toHaveLength(3);

    const outcomes = async (id: string) => (await get(id)).attempts.map((a) => a.outcome);
    expect(await outcomes(throwing!.id)).toEqual(['error']);
    expect(await outcomes(hanging!.id)).toEqual(['timeout']);
    expect(await outcomes(garbage!.id)).toEqual(['invalid']);
    expect((await get(throwing!.id)).lastError).toBe('pager exploded');

    const health = {
      throwing: (await plugin('throwing')).health,
      hanging: (await plugin('hanging')).health,
      garbage: (await plugin('garbage')).health,
    };
    expect(health.throwing).toMatchObject({
      failures: 1,
      lastError: { kind: 'threw', message: 'pager exploded' },
    });
    expect(health.hanging).toMatchObject({ timeouts: 1, lastError: { kind: 'timeout' } });
    expect(health.garbage).toMatchObject({ invalidResults: 1, lastError: { kind: 'invalid' } });
    expect((await plugin('webhook')).status).toBe('ok');
    expect((await baton.request({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

    // Three failures in a row: the plugin reports itself failing.
    for (let i = 0; i < 2; i++) {
      baton.clock.advance(3600_000);
      await baton.notify.worker.runDue();
    }
    expect((await plugin('throwing')).status).toBe('failing');
  });

  it('lists broken plugins as invalid, naming the plugin and the field, and loads the others', async () => {
    const list: PluginInfo[] = (await baton.request({ method: 'GET', url: '/api/plugins' })).json().items;
    const broken = list.find((p) => p.location?.endsWith('fixtures/broken-manifest'))!;
    expect(broken.status).toBe('invalid');
    const messages = broken.errors.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name: must match pattern/),
        '/capabilities/0/channel: is required',
      ]),
    );
    const badEntry = list.find((p) => p.name === 'bad-entry')!;
    expect(badEntry).toMatchObject({ status: 'invalid', enabled: false });
    expect(badEntry.errors[0]!.message).toContain('this entry fails while loading');
    expect(list.find((p) => p.name === 'webhook')?.status).toBe('unconfigured');
    expect(
      baton.logs.some((l) => l.level === 'error' && l.msg.startsWith('plugin bad-entry is invalid')),
    ).toBe(true);
  });

  it('a disabled plugin is not used, at once, and works again when enabled', async () => {
    await configureWebhook();
    expect(
      (await baton.request({ method: 'POST', url: '/api/plugins/webhook/disable' })).json(),
    ).toMatchObject({ status: 'disabled' });
    const [n] = await queue(webhookTo(`${sink.url}/hook`));
    await baton.notify.worker.runDue();
    expect((await get(n!.id)).attempts[0]).toMatchObject({ outcome: 'unavailable' });
    expect(sink.requests).toHaveLength(0);
    await baton.request({ method: 'POST', url: '/api/plugins/webhook/enable' });
    baton.clock.advance(3600_000);
    await baton.notify.worker.runDue();
    expect((await get(n!.id)).status).toBe('delivered');
  });
});

describe('retries, dead letters, idempotency', () => {
  beforeEach(async () => {
    baton = await startPluginTestBaton({
      worker: { maxAttempts: 3, backoff: { random: () => 0.5, baseDelayMs: 1000 } },
    });
    sink = await startHttpSink();
    await configureWebhook();
  });

  it('backs off exponentially with jitter, honours Retry-After, dead-letters, and redelivers on request', async () => {
    const answers = [{ status: 503, headers: { 'retry-after': '120' } }, { status: 500 }, { status: 500 }];
    sink.handle(() => answers.shift() ?? { status: 200 });
    const [n] = await queue(webhookTo(`${sink.url}/hook`));
    const start = baton.clock.now().getTime();

    expect(await baton.notify.worker.runDue()).toBe(1);
    let current = await get(n!.id);
    expect(current).toMatchObject({ status: 'queued', attemptCount: 1 });
    expect(Date.parse(current.dueAt) - start).toBe(120_000); // Retry-After is a floor over the jitter
    expect(await baton.notify.worker.runDue()).toBe(0); // not due yet

    baton.clock.advance(120_000);
    expect(await baton.notify.worker.runDue()).toBe(1);
    current = await get(n!.id);
    // Attempt 2 failed: a random point (0.5) of the 2 s window.
    expect(Date.parse(current.dueAt) - baton.clock.now().getTime()).toBe(1000);

    baton.clock.advance(1000);
    await baton.notify.worker.runDue();
    current = await get(n!.id);
    expect(current.status).toBe('dead');
    expect(current.lastError).toMatch(/gave up after 3 attempts; last: the webhook receiver answered 500/);
    expect(current.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'retry']);

    const dead = await baton.request({ method: 'GET', url: '/api/notifications?status=dead' });
    expect(dead.json().items.map((i: Notification) => i.id)).toEqual([n!.id]);

    const agent = await baton.services.auth.createApiKey(
      { name: 'agent', roles: ['agent'] },
      { kind: 'adminToken', id: 'admin', name: 'admin', roles: ['admin'] },
    );
    const forbidden = await baton.request({
      method: 'POST',
      url: `/api/notifications/${n!.id}/redeliver`,
      token: agent.secret,
    });
    expect(forbidden.statusCode).toBe(403);

    const redelivered = await baton.request({ method: 'POST', url: `/api/notifications/${n!.id}/redeliver` });
    expect(redelivered.json()).toMatchObject({ status: 'queued', attemptCount: 0, redeliveries: 1 });
    await baton.notify.worker.runDue();
    expect(await get(n!.id)).toMatchObject({
      status: 'delivered',
      externalId: expect.stringContaining(':webhook'),
    });
    const again = await baton.request({ method: 'POST', url: `/api/notifications/${n!.id}/redeliver` });
    expect(again.statusCode).toBe(409);
    expect(sink.requests).toHaveLength(4);
  });

  it('the same idempotency key names one notification: one message reaches the receiver', async () => {
    const first = await queue(webhookTo(`${sink.url}/hook`, 'order-42-shipped'));
    const second = await queue(webhookTo(`${sink.url}/hook`, 'order-42-shipped'));
    expect(second.map((n) => n.id)).toEqual(first.map((n) => n.id));
    await baton.notify.worker.runDue();
    await baton.notify.worker.runDue();
    expect(sink.requests).toHaveLength(1);
    const request = sink.requests[0]!;
    expect(request.headers['idempotency-key']).toBe('order-42-shipped:webhook');
    // The receiver can verify the body with the shared secret.
    expect(
      verifyPayload({
        secret: 'whsec_test',
        header: request.headers[SIGNATURE_HEADER] as string,
        body: request.body,
        now: baton.clock.now(),
      }),
    ).toEqual({ ok: true });
    expect(
      verifyPayload({
        secret: 'other',
        header: request.headers[SIGNATURE_HEADER] as string,
        body: request.body,
        now: baton.clock.now(),
      }),
    ).toMatchObject({ ok: false });
  });

  it('delivers every message exactly once while the receiver fails and a worker dies mid-send', async () => {
    const seen = new Map<string, number>();
    const okByKey = new Map<string, number>();
    sink.handle((req: SinkRequest) => {
      const key = String(req.headers['idempotency-key']);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      // One in three fails on its first attempt; the rest go through.
      if (n === 1 && Number.parseInt(key.replace(/\D/g, '') || '0', 10) % 3 === 0) return { status: 503 };
      okByKey.set(key, (okByKey.get(key) ?? 0) + 1);
      return { status: 200 };
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(...(await queue(webhookTo(`${sink.url}/hook`, `msg-${i}`))).map((n) => n.id));

    // Another worker claims one and dies: its lease must run out before anyone sends it.
    const victim = await baton.notify.outbox.collection.findOne({ _id: ids[7]! });
    expect(
      await baton.notify.outbox.claim(victim!, 'worker_that_died', baton.clock.now(), 60_000),
    ).not.toBeNull();

    for (let round = 0; round < 6; round++) {
      await baton.notify.worker.runDue();
      baton.clock.advance(45_000);
    }
    const statuses = await Promise.all(ids.map(async (id) => (await get(id)).status));
    expect(statuses.every((s) => s === 'delivered')).toBe(true);
    expect(okByKey.size).toBe(30);
    expect([...okByKey.values()].every((n) => n === 1)).toBe(true);
    const retried = [...seen.values()].filter((n) => n === 2).length;
    expect(retried).toBe(10);
  });
});

describe('SSRF guard', () => {
  it('refuses a loopback webhook target unless loopback is allowed', async () => {
    baton = await startPluginTestBaton({ allowPrivate: [] });
    sink = await startHttpSink();
    await configureWebhook();
    const [n] = await queue(webhookTo(`${sink.url}/hook`));
    const [meta] = await queue(webhookTo('http://169.254.169.254/latest/meta-data/'));
    const [byName] = await queue(webhookTo(`http://localhost:${new URL(sink.url).port}/hook`));
    await baton.notify.worker.runDue();
    for (const id of [n!.id, meta!.id, byName!.id]) {
      const current = await get(id);
      expect(current.status).toBe('dead');
      expect(current.lastError).toMatch(
        /refused to connect to .* private, loopback and link-local addresses/,
      );
    }
    expect(sink.requests).toHaveLength(0);
  });
});

describe('ack or escalate', () => {
  beforeEach(async () => {
    baton = await startPluginTestBaton();
    sink = await startHttpSink((req) => {
      if (req.path === '/api/chat.postMessage') return { body: { ok: true, channel: 'C1', ts: '1.1' } };
      if (req.path.endsWith('/Messages.json')) return { status: 201, body: { sid: 'SM123' } };
      return undefined;
    });
    await configureSlack();
    await put('/api/plugins/sms/settings', { apiBaseUrl: sink.url, accountSid: 'AC1', from: '+15550001111' });
    await put('/api/plugins/sms/secrets', { secrets: { authToken: 'twilio-token' } });
  });

  const escalating = {
    to: { kind: 'address', channel: 'slack', address: 'C1' },
    template: { subject: 'Critical: checkout down', text: 'Checkout is failing for every card.' },
    urgency: 'critical',
    escalate: { afterMinutes: 10, channel: 'sms', address: '+4915112345678' },
  };

  it('unacknowledged on Slack after 10 minutes, the message goes out by SMS', async () => {
    const [slack] = await queue(escalating);
    expect(slack!.ack).toEqual({ required: true });
    await baton.notify.worker.runDue();
    expect(sink.requests.map((r) => r.path)).toEqual(['/api/chat.postMessage']);

    baton.clock.advance(9 * 60_000);
    expect(await baton.notify.worker.runDue()).toBe(0);
    baton.clock.advance(60_000);
    expect(await baton.notify.worker.runDue()).toBe(1);
    const sms = sink.requests[1]!;
    expect(sms.path).toBe('/2010-04-01/Accounts/AC1/Messages.json');
    expect(sms.headers.authorization).toBe(`Basic ${Buffer.from('AC1:twilio-token').toString('base64')}`);
    expect(sms.headers['i-twilio-idempotency-token']).toMatch(/:slack:escalation$/);
    expect(sms.form().get('To')).toBe('+4915112345678');
    expect(sms.form().get('Body')).toContain('Not acknowledged on slack after 10 min');
    const escalations = (await baton.request({ method: 'GET', url: '/api/notifications?channel=sms' })).json()
      .items;
    expect(escalations[0]).toMatchObject({
      status: 'delivered',
      externalId: 'SM123',
      escalationOf: slack!.id,
    });
  });

  it("acknowledged with Slack's button (a signed interaction), it does not escalate", async () => {
    const [slack] = await queue(escalating);
    await baton.notify.worker.runDue();
    const payload = {
      type: 'block_actions',
      user: { id: 'U1', username: 'ana' },
      actions: [{ action_id: 'baton_ack', value: slack!.id }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const now = Math.floor(baton.clock.now().getTime() / 1000);

    const forged = await baton.request({
      method: 'POST',
      url: '/hooks/slack/interactions',
      token: null,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest('wrong-secret', body, now),
      },
      payload: body,
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect((await plugin('slack')).health.rejectedRequests).toBe(1);

    const res = await baton.request({
      method: 'POST',
      url: '/hooks/slack/interactions',
      token: null,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest('slack-signing', body, now),
      },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(slack!.id)).ack).toMatchObject({ required: true, ackedBy: 'slack:ana' });

    baton.clock.advance(11 * 60_000);
    expect(await baton.notify.worker.runDue()).toBe(0);
    expect(sink.requests.filter((r) => r.path.endsWith('/Messages.json'))).toHaveLength(0);
  });

  it('acknowledged through the API before the timeout, the pending escalation is cancelled', async () => {
    const [slack] = await queue(escalating);
    await baton.notify.worker.runDue();
    baton.clock.advance(5 * 60_000);
    const acked = await baton.request({ method: 'POST', url: `/api/notifications/${slack!.id}/ack` });
    expect(acked.statusCode).toBe(200);
    const sms = (await baton.request({ method: 'GET', url: '/api/notifications?channel=sms' })).json().items;
    expect(sms[0]).toMatchObject({
      status: 'cancelled',
      cancelledReason: expect.stringContaining('acknowledged'),
    });
    baton.clock.advance(10 * 60_000);
    await baton.notify.worker.runDue();
    expect(sink.requests.filter((r) => r.path.endsWith('/Messages.json'))).toHaveLength(0);
  });
});
