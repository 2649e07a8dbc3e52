/**
 * "Send a test" from the plugin settings: one message through the named notifier plugin, now, to a
 * real loopback server standing in for Slack; the answer says whether the provider took it, and a
 * provider's refusal comes back as an outcome with its reason — never a 500. Ingest plugins show
 * the webhook addresses providers must call.
 */
import { type HttpSink, startHttpSink } from '@baton/plugin-sdk/testing';
import type { PluginInfo } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';

let baton: PluginTestBaton;
let slack: HttpSink;

beforeEach(async () => {
  baton = await startPluginTestBaton();
  slack = await startHttpSink(() => ({ body: { ok: true, channel: 'C1', ts: '1700000000.1' } }));
});
afterEach(async () => {
  await baton.close();
  await slack.close();
});

async function configureSlack(): Promise<void> {
  const settings = await baton.request({
    method: 'PUT',
    url: '/api/plugins/slack/settings',
    payload: { apiBaseUrl: `${slack.url}/api` },
  });
  expect(settings.statusCode, settings.body).toBe(200);
  const secrets = await baton.request({
    method: 'PUT',
    url: '/api/plugins/slack/secrets',
    payload: { secrets: { botToken: 'xoxb-test', signingSecret: 'shh' } },
  });
  expect(secrets.statusCode, secrets.body).toBe(200);
}

describe('send a test', () => {
  it('posts one message through the named plugin and reports it delivered', async () => {
    await configureSlack();
    const res = await baton.request({
      method: 'POST',
      url: '/api/plugins/slack/test',
      payload: { to: '#support-leads', text: 'Hello from the settings page' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ channel: 'slack', outcome: 'delivered' });
    const [posted] = await slack.waitFor(1);
    expect(posted!.path).toBe('/api/chat.postMessage');
    expect(posted!.headers.authorization).toBe('Bearer xoxb-test');
    expect(posted!.json()).toMatchObject({
      channel: '#support-leads',
      text: expect.stringContaining('Hello'),
    });
    // Nothing went through the outbox: a test is not a notification.
    expect((await baton.request({ url: '/api/notifications' })).json().items).toEqual([]);
  });

  it("answers Slack's refusal as an outcome with the reason", async () => {
    await configureSlack();
    slack.handle(() => ({ body: { ok: false, error: 'channel_not_found' } }));
    const res = await baton.request({
      method: 'POST',
      url: '/api/plugins/slack/test',
      payload: { to: 'CNOPE' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('channel_not_found'),
    });
  });

  it('an unconfigured plugin is unavailable; a plugin that does not send is a 409; an unknown one a 404', async () => {
    const unconfigured = await baton.request({
      method: 'POST',
      url: '/api/plugins/slack/test',
      payload: { to: 'C1' },
    });
    expect(unconfigured.json()).toMatchObject({
      outcome: 'unavailable',
      error: expect.stringMatching(/botToken/),
    });
    const ingestOnly = await baton.request({
      method: 'POST',
      url: '/api/plugins/crm/test',
      payload: { to: 'x' },
    });
    expect(ingestOnly.statusCode).toBe(409);
    const unknown = await baton.request({
      method: 'POST',
      url: '/api/plugins/nope/test',
      payload: { to: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
    const noAddress = await baton.request({ method: 'POST', url: '/api/plugins/slack/test', payload: {} });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().errors[0].pointer).toMatch(/to/);
  });

  it('only plugin managers may send tests', async () => {
    const agent = await baton.tokenFor('agent');
    const res = await baton.request({
      method: 'POST',
      url: '/api/plugins/slack/test',
      token: agent,
      payload: { to: 'C1' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('webhook addresses', () => {
  it('lists each ingest route on the public URL', async () => {
    const slackInfo: PluginInfo = (await baton.request({ url: '/api/plugins/slack' })).json();
    expect(slackInfo.hooks).toEqual([
      {
        method: 'POST',
        url: 'http://baton.test/hooks/slack/interactions',
        summary: expect.stringContaining('Interactivity'),
      },
    ]);
    const email: PluginInfo = (await baton.request({ url: '/api/plugins/email' })).json();
    expect(email.hooks).toBeUndefined();
  });
});
