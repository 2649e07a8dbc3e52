/**
 * Channels end to end: email through a real SMTP server (smtp-server) read back with mailparser,
 * customer status updates with their public page, per-user policies with quiet hours, and in-app
 * notifications pushed live over Server-Sent Events.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, signPayload } from '@baton/plugin-sdk';
import type { Notification } from '@baton/schemas';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';
import { quietUntil } from './quiet-hours.ts';

let baton: PluginTestBaton;

interface Mailbox {
  port: number;
  mails: (ParsedMail & { envelopeTo: string[] })[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback: 550 for nobody@, 451 for later@, everything else accepted. */
async function startSmtp(): Promise<Mailbox> {
  const mails: Mailbox['mails'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@'))
        return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      if (address.address.startsWith('later@'))
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function call(method: string, url: string, payload?: unknown) {
  const res = await baton.request({
    method: method as 'GET',
    url,
    ...(payload ? { payload: payload as object } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

afterEach(async () => {
  await baton?.close();
});

describe('email', () => {
  let smtp: Mailbox;
  beforeEach(async () => {
    baton = await startPluginTestBaton();
    smtp = await startSmtp();
  });
  afterEach(() => smtp.close());

  it('configured through the API against a local SMTP server, a handoff notification arrives as HTML and text', async () => {
    const settings = await call('PUT', '/api/plugins/email/settings', {
      host: '127.0.0.1',
      port: smtp.port,
      from: 'Baton <baton@example.com>',
    });
    expect(settings.settings).toMatchObject({ port: smtp.port, secure: false, timeoutMs: 15000 }); // defaults applied
    const agent = await call('POST', '/api/agents', {
      name: 'Ana Silva',
      email: 'ana@example.com',
      timeZone: 'Europe/Lisbon',
    });
    const issue = await call('POST', '/api/issues', {
      subject: 'Refund stuck for <order 1042>',
      body: 'Refund not received.',
      channel: 'email',
      priority: 'critical',
      customer: { email: 'dana@example.com', name: 'Dana' },
    });
    await call('PATCH', `/api/issues/${issue.id}`, { assignee: { agentId: agent.id } });

    const queued = await call('POST', '/api/notifications', {
      to: { kind: 'assignee' },
      issueId: issue.id,
      template: {
        subject: 'Handoff: {{ issue.subject }}',
        text: 'Hi {{ assignee.name }}, {{ customer.name }} needs you.\nBrief: {{ brief.summary }}\nSLA: first reply by {{ sla.dueAt }}',
        html: '<h1>{{ issue.subject }}</h1><p>{{ brief.summary }}</p>',
      },
      vars: {
        brief: { summary: 'Refund approved on the 3rd, not arrived' },
        sla: { dueAt: '2026-01-05T10:00:00Z' },
      },
    });
    // Critical → the default policy's in-app and email; an agent without a sign-in has no in-app.
    expect(queued.items.map((n: Notification) => n.channel)).toEqual(['email']);
    expect(queued.skipped).toEqual([
      { channel: 'in-app', reason: 'the recipient does not sign in to Baton' },
    ]);

    expect(await baton.notify.worker.runDue()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.envelopeTo).toEqual(['ana@example.com']);
    expect(mail.subject).toBe('Handoff: Refund stuck for <order 1042>');
    expect(mail.text).toContain('Hi Ana Silva, Dana needs you.');
    expect(mail.text).toContain('Brief: Refund approved on the 3rd, not arrived');
    expect(mail.text).toContain(`Open in Baton: http://baton.test/issues/${issue.id}`);
    expect(mail.html).toContain('<h1>Refund stuck for &lt;order 1042&gt;</h1>'); // escaped in HTML
    const id = queued.items[0].id;
    // The Message-ID comes from the idempotency key (`<key>:email`): the same on every attempt.
    expect(mail.messageId).toBe(`<${queued.items[0].idempotencyKey.replace(':', '_')}@example.com>`);
    expect(mail.headers.get('x-baton-notification')).toBe(id);
    expect(await call('GET', `/api/notifications/${id}`)).toMatchObject({
      status: 'delivered',
      externalId: mail.messageId,
    });
  });

  it('an SMTP 5xx dead-letters at once; a 4xx is retried', async () => {
    await call('PUT', '/api/plugins/email/settings', {
      host: '127.0.0.1',
      port: smtp.port,
      from: 'baton@example.com',
    });
    const send = async (address: string) =>
      (
        await call('POST', '/api/notifications', {
          to: { kind: 'address', channel: 'email', address },
          template: { text: 'hello' },
        })
      ).items[0];
    const nobody = await send('nobody@example.com');
    const later = await send('later@example.com');
    await baton.notify.worker.runDue();
    expect(await call('GET', `/api/notifications/${nobody.id}`)).toMatchObject({
      status: 'dead',
      lastError: expect.stringContaining('550'),
    });
    expect(await call('GET', `/api/notifications/${later.id}`)).toMatchObject({
      status: 'queued',
      lastError: expect.stringContaining('451'),
    });
  });

  it('customer status updates: an email with a link to an unguessable public page that shows only what the customer was told', async () => {
    await call('PUT', '/api/plugins/customer-status/settings', {
      host: '127.0.0.1',
      port: smtp.port,
      from: 'Acme Support <support@acme.example>',
      replyTo: 'help@acme.example',
    });
    const issue = await call('POST', '/api/issues', {
      subject: 'Cannot log in',
      body: 'Password reset mail never arrives.',
      channel: 'email',
      customer: { email: 'dana@example.com', name: 'Dana' },
    });
    await call('POST', `/api/issues/${issue.id}/timeline`, {
      type: 'internal_note',
      text: 'SECRET internal: suspect spam filter',
    });
    await call('POST', '/api/notifications', {
      to: { kind: 'customer' },
      issueId: issue.id,
      template: { text: 'Hi {{ customer.name }}, we found the cause and are fixing it.' },
    });
    await baton.notify.worker.runDue();
    const mail = smtp.mails[0]!;
    expect(mail.envelopeTo).toEqual(['dana@example.com']);
    expect(mail.subject).toBe('Update on your request: Cannot log in');
    expect(mail.references).toBe(`<issue-${issue.id}@acme.example>`);
    const link = /Follow your request at any time: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toMatch(/^http:\/\/baton\.test\/status\/[A-Za-z0-9_-]{43}$/);

    const path = new URL(link!).pathname;
    const page = await baton.request({ method: 'GET', url: path, token: null });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Cannot log in');
    expect(page.body).toContain('we found the cause and are fixing it.');
    expect(page.body).not.toContain('SECRET');
    const json = await baton.request({
      method: 'GET',
      url: path,
      token: null,
      headers: { accept: 'application/json' },
    });
    expect(json.json()).toMatchObject({
      subject: 'Cannot log in',
      status: 'Received',
      updates: [{ text: expect.stringContaining('found the cause') }],
    });
    const guess = await baton.request({ method: 'GET', url: `/status/${'A'.repeat(43)}`, token: null });
    expect(guess.statusCode).toBe(404);

    // The customer answers the email: the reply threads into the issue by In-Reply-To.
    await call('PUT', '/api/plugins/inbound-email/secrets', { secrets: { signingSecret: 'whsec' } });
    const reply = `From: dana@example.com\r\nSubject: Re: ${mail.subject}\r\nMessage-ID: <dana-9@mail.example.com>\r\nIn-Reply-To: ${mail.messageId}\r\n\r\nThanks, still waiting.\r\n`;
    const posted = await baton.request({
      method: 'POST',
      url: '/hooks/inbound-email/inbound',
      token: null,
      headers: {
        'content-type': 'message/rfc822',
        [SIGNATURE_HEADER]: signPayload('whsec', reply, Math.floor(baton.clock.now().getTime() / 1000)),
      },
      payload: reply,
    });
    expect(posted.json().results[0]).toMatchObject({ issueId: issue.id, created: false });
  });
});

describe('policies and quiet hours', () => {
  beforeEach(async () => {
    baton = await startPluginTestBaton();
  });

  it('quiet hours in the recipient’s zone: crossing midnight, on chosen days', () => {
    const q = { start: '22:00', end: '07:00' };
    // 09:00 UTC on Mon 5 Jan 2026 is 04:00 in New York: inside, until 07:00 New York = 12:00 UTC.
    expect(quietUntil(new Date('2026-01-05T09:00:00Z'), 'America/New_York', q)?.toISOString()).toBe(
      '2026-01-05T12:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-01-05T09:00:00Z'), 'Europe/Berlin', q)).toBeNull(); // 10:00 there
    expect(quietUntil(new Date('2026-01-05T22:30:00Z'), 'Europe/London', q)?.toISOString()).toBe(
      '2026-01-06T07:00:00.000Z',
    );
    // Only windows starting on Friday: Monday 04:00 (Sunday's window) is not quiet.
    expect(
      quietUntil(new Date('2026-01-05T09:00:00Z'), 'America/New_York', { ...q, days: ['fri'] }),
    ).toBeNull();
    // Across the spring DST change in Berlin (29 Mar 2026): 07:00 local is 05:00 UTC.
    expect(quietUntil(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin', q)?.toISOString()).toBe(
      '2026-03-29T05:00:00.000Z',
    );
  });

  it('channels by urgency from the user’s policy; quiet hours hold all but critical; in-app is never held', async () => {
    const user = await call('POST', '/api/users', {
      email: 'sam@example.com',
      name: 'Sam',
      password: 'correct horse battery',
      roles: ['agent'],
    });
    await call('PUT', `/api/notification-policies/${user.id}`, {
      timeZone: 'America/New_York',
      contacts: { slack: 'U0SAM', sms: '+15551230000' },
      channels: {
        low: ['in-app'],
        normal: ['in-app', 'email'],
        high: ['slack', 'email'],
        critical: ['slack', 'sms', 'in-app'],
      },
      quietHours: { start: '22:00', end: '07:00' },
    });
    const send = (urgency: string) =>
      call('POST', '/api/notifications', {
        to: { kind: 'user', id: user.id },
        urgency,
        template: { text: `${urgency} news` },
      });

    const high = await send('high');
    expect(high.items.map((n: Notification) => [n.channel, n.address])).toEqual([
      ['slack', 'U0SAM'],
      ['email', 'sam@example.com'], // the sign-in email when the policy names none
    ]);
    for (const n of high.items) {
      expect(n.deferral).toEqual({ reason: 'quiet_hours', until: '2026-01-05T12:00:00.000Z' });
      expect(n.dueAt).toBe('2026-01-05T12:00:00.000Z');
    }
    const critical = await send('critical');
    expect(critical.items.map((n: Notification) => n.channel)).toEqual(['slack', 'sms', 'in-app']);
    for (const n of critical.items) expect(n.deferral).toBeUndefined();
    const normal = await send('normal');
    const inApp = normal.items.find((n: Notification) => n.channel === 'in-app');
    expect(inApp.deferral).toBeUndefined();
    expect(inApp.address).toBe(user.id);
    expect(normal.items.find((n: Notification) => n.channel === 'email').deferral).toBeDefined();
  });
});

describe('in-app', () => {
  beforeEach(async () => {
    baton = await startPluginTestBaton();
  });

  it('pushes to the signed-in user’s live stream, and a reconnect with Last-Event-ID catches up', async () => {
    const user = await call('POST', '/api/users', {
      email: 'kim@example.com',
      name: 'Kim',
      password: 'correct horse battery',
      roles: ['agent'],
    });
    const login = await baton.request({
      method: 'POST',
      url: '/api/auth/login',
      token: null,
      payload: { email: 'kim@example.com', password: 'correct horse battery' },
    });
    const token = login.json().token as string;
    const address = await baton.app.listen({ port: 0, host: '127.0.0.1' });

    const open = (lastEventId?: string) =>
      new Promise<{
        events: { id: string; data: { text: string } }[];
        close(): void;
        waitFor(n: number): Promise<void>;
      }>((resolve, reject) => {
        const req = httpRequest(`${address}/api/me/notifications/stream`, {
          headers: {
            authorization: `Bearer ${token}`,
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
        });
        req.on('response', (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          const events: { id: string; data: { text: string } }[] = [];
          const waiters: (() => void)[] = [];
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let at = buffer.indexOf('\n\n');
            while (at >= 0) {
              const block = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              const id = /^id: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (id && data) events.push({ id, data: JSON.parse(data) });
              at = buffer.indexOf('\n\n');
            }
            for (const w of waiters.splice(0)) w();
          });
          resolve({
            events,
            close: () => req.destroy(),
            waitFor: (n) =>
              new Promise<void>((done) => {
                const check = () => (events.length >= n ? done() : waiters.push(check));
                check();
              }),
          });
        });
        req.on('error', reject);
        req.end();
      });

    const stream = await open();
    const first = await call('POST', '/api/notifications', {
      to: { kind: 'user', id: user.id },
      urgency: 'low',
      template: { text: 'You have a new handoff' },
    });
    await baton.notify.worker.runDue();
    await stream.waitFor(1);
    expect(stream.events[0]).toMatchObject({
      id: first.items[0].id,
      data: { text: 'You have a new handoff', userId: user.id },
    });
    stream.close();

    // Missed while disconnected, then caught up on reconnect.
    const second = await call('POST', '/api/notifications', {
      to: { kind: 'user', id: user.id },
      urgency: 'low',
      template: { text: 'And another' },
    });
    await baton.notify.worker.runDue();
    const again = await open(first.items[0].id);
    await again.waitFor(1);
    expect(again.events.map((e) => e.id)).toEqual([second.items[0].id]);
    again.close();

    const inbox = await baton.request({ method: 'GET', url: '/api/me/notifications', token });
    expect(inbox.json().items.map((n: Notification) => n.message.text)).toEqual([
      'And another',
      'You have a new handoff',
    ]);
  });
});
