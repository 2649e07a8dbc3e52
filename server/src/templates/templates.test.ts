/**
 * The Handoff Template Library over HTTP: templates are created, saved as new versions (each kept
 * with its author), refused with a problem naming the field when a name is taken or the Liquid does
 * not parse, previewed with an example or a stored issue, and picked by name from notify and
 * handoff nodes in a running flow.
 */
import { type HttpSink, startHttpSink } from '@baton/plugin-sdk/testing';
import type { FlowEdge, FlowNode, FlowRun, MessageTemplate, Notification } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';

let baton: PluginTestBaton;

beforeEach(async () => {
  baton = await startPluginTestBaton();
});
afterEach(async () => {
  await baton.close();
});

const intro = {
  name: 'Warm introduction',
  purpose: 'introduction',
  description: 'Hands the customer over with their story',
  body: {
    subject: 'Over to you: {{ issue.subject }}',
    text: '{{ customer.name }} needs help with {{ issue.subject }}.',
  },
};

async function create(payload: Record<string, unknown> = intro): Promise<MessageTemplate> {
  const res = await baton.request({ method: 'POST', url: '/api/templates', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('the template library', () => {
  it('keeps every saved version with its author, newest first', async () => {
    const designer = await baton.tokenFor('designer');
    const first = await create();
    expect(first).toMatchObject({ version: 1, name: 'Warm introduction', author: { kind: 'user' } });

    const saved = await baton.request({
      method: 'PUT',
      url: `/api/templates/${first.id}`,
      token: designer,
      payload: { baseVersion: 1, body: { text: 'Meet {{ customer.name }}.' }, note: 'shorter' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, body: { text: 'Meet {{ customer.name }}.' } });

    const versions = (await baton.request({ url: `/api/templates/${first.id}/versions` })).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ note: 'shorter', author: { kind: 'integration' } });
    const v1 = await baton.request({ url: `/api/templates/${first.id}/versions/1` });
    expect(v1.json().body.text).toBe(intro.body.text);
  });

  it('refuses a save made on top of an older version, naming who saved since', async () => {
    const first = await create();
    const save = (text: string) =>
      baton.request({
        method: 'PUT',
        url: `/api/templates/${first.id}`,
        payload: { baseVersion: 1, body: { text } },
      });
    expect((await save('one')).statusCode).toBe(200);
    const late = await save('two');
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/version 2/);
  });

  it('names the field: a taken name (any case) and Liquid that does not parse', async () => {
    await create();
    const taken = await baton.request({
      method: 'POST',
      url: '/api/templates',
      payload: { ...intro, name: 'warm INTRODUCTION' },
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().errors).toEqual([
      { pointer: '/body/name', detail: expect.stringMatching(/already/) },
    ]);

    const broken = await baton.request({
      method: 'POST',
      url: '/api/templates',
      payload: { ...intro, name: 'Broken', body: { text: '{{ issue.subject | nosuchfilter }}' } },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0]).toMatchObject({ pointer: '/body/body/text' });
  });

  it('lists by purpose and words', async () => {
    await create();
    await create({
      name: 'War room kickoff',
      purpose: 'war-room',
      body: { text: 'All hands: {{ issue.subject }}' },
    });
    const warRoom = (await baton.request({ url: '/api/templates?purpose=war-room' })).json().items;
    expect(warRoom.map((t: MessageTemplate) => t.name)).toEqual(['War room kickoff']);
    const words = (await baton.request({ url: '/api/templates?q=story' })).json().items;
    expect(words.map((t: MessageTemplate) => t.name)).toEqual(['Warm introduction']);
  });

  it('previews with made-up example data, or with a stored issue', async () => {
    const example = await baton.request({
      method: 'POST',
      url: '/api/templates/preview',
      payload: { body: intro.body },
    });
    expect(example.json()).toMatchObject({ example: true, text: expect.stringContaining('Dana Whitfield') });

    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Login loop',
          body: 'x',
          channel: 'chat',
          customer: { email: 'mo@example.com', name: 'Mo' },
        },
      })
    ).json();
    const real = await baton.request({
      method: 'POST',
      url: '/api/templates/preview',
      payload: { body: intro.body, issueId: issue.id, channel: 'slack' },
    });
    expect(real.json()).toMatchObject({
      example: false,
      issueSubject: 'Login loop',
      subject: 'Over to you: Login loop',
      text: 'Mo needs help with Login loop.',
    });
  });
});

const node = (id: string, type: string, data: Record<string, unknown>): FlowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});
const edge = (source: string, sourceHandle: string, target: string): FlowEdge => ({
  id: `${source}:${sourceHandle}`,
  source,
  sourceHandle,
  target,
});

describe('flows pick library templates by name', () => {
  let sink: HttpSink;
  beforeEach(async () => {
    sink = await startHttpSink();
    await baton.request({
      method: 'PUT',
      url: '/api/plugins/webhook/secrets',
      payload: { secrets: { signingSecret: 'whsec' } },
    });
  });
  afterEach(() => sink.close());

  async function runFlow(nodes: FlowNode[], edges: FlowEdge[]): Promise<FlowRun> {
    const created = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: { name: 'By name', nodes, edges },
    });
    expect(created.json().validation.errors).toEqual([]);
    const published = await baton.request({
      method: 'POST',
      url: `/api/flows/${created.json().id}/publish`,
      payload: { note: 't', enable: true },
    });
    expect(published.statusCode, published.body).toBe(201);
    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Card declined',
          body: 'x',
          channel: 'chat',
          customer: { email: 'mo@example.com', name: 'Mo' },
        },
      })
    ).json();
    await baton.services.bus.drain();
    const runs: FlowRun[] = (await baton.request({ url: `/api/issues/${issue.id}/runs` })).json().items;
    expect(runs).toHaveLength(1);
    return runs[0]!;
  }

  it('a notify node sends the current version of the named template', async () => {
    const template = await create();
    await baton.request({
      method: 'PUT',
      url: `/api/templates/${template.id}`,
      payload: { baseVersion: 1, body: { text: 'v2 for {{ customer.name }}: {{ issue.subject }}' } },
    });
    const run = await runFlow(
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('tell', 'notify', {
          to: { kind: 'address', channel: 'webhook', address: `${sink.url}/hook` },
          templateName: 'warm introduction',
        }),
        node('done', 'end', { outcome: 'told' }),
        node('nobody', 'end', { outcome: 'nobody' }),
      ],
      [edge('start', 'next', 'tell'), edge('tell', 'sent', 'done'), edge('tell', 'failed', 'nobody')],
    );
    expect(run.steps.find((s) => s.nodeId === 'tell')).toMatchObject({ handle: 'sent' });
    const queued: Notification[] = (
      await baton.request({ url: `/api/notifications?issueId=${run.issueId}` })
    ).json().items;
    expect(queued[0]!.message.text).toBe('v2 for Mo: Card declined');
  });

  it('a name that resolves to nothing takes the failed handle and says which name', async () => {
    const run = await runFlow(
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('tell', 'notify', { to: { kind: 'assignee' }, templateName: 'Nope' }),
        node('done', 'end', { outcome: 'told' }),
        node('nobody', 'end', { outcome: 'nobody' }),
      ],
      [edge('start', 'next', 'tell'), edge('tell', 'sent', 'done'), edge('tell', 'failed', 'nobody')],
    );
    expect(run.steps.find((s) => s.nodeId === 'tell')).toMatchObject({
      handle: 'failed',
      detail: { error: expect.stringContaining('"Nope"') },
    });
  });

  it('a handoff node puts the rendered introduction into the offer', async () => {
    await create();
    const agent = (
      await baton.request({
        method: 'POST',
        url: '/api/agents',
        payload: { name: 'Ines', email: 'ines@example.com', timeZone: 'UTC', status: 'available' },
      })
    ).json();
    const run = await runFlow(
      [
        node('start', 'trigger', { events: ['issue.created'] }),
        node('hand', 'handoff', { to: { agentId: agent.id }, templateName: 'Warm introduction' }),
        node('end', 'end', { outcome: 'x' }),
      ],
      [
        edge('start', 'next', 'hand'),
        edge('hand', 'accepted', 'end'),
        edge('hand', 'declined', 'end'),
        edge('hand', 'expired', 'end'),
        edge('hand', 'failed', 'end'),
      ],
    );
    const handoffs = (await baton.request({ url: `/api/issues/${run.issueId}/handoffs` })).json().items;
    expect(handoffs[0]).toMatchObject({ reason: 'Mo needs help with Card declined.' });
  });
});
