/**
 * The `notify` node in a published flow: an issue that opens runs the flow, the node queues a
 * notification in the outbox (keyed by run and node, so a re-run queues nothing twice), and the
 * worker delivers it through the webhook plugin. A template that does not parse fails validation.
 */
import { type HttpSink, startHttpSink } from '@baton/plugin-sdk/testing';
import type { FlowEdge, FlowNode, FlowRun, Notification } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';

let baton: PluginTestBaton;
let sink: HttpSink;

beforeEach(async () => {
  baton = await startPluginTestBaton();
  sink = await startHttpSink();
  await baton.request({
    method: 'PUT',
    url: '/api/plugins/webhook/secrets',
    payload: { secrets: { signingSecret: 'whsec' } },
  });
});
afterEach(async () => {
  await baton.close();
  await sink.close();
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

describe('the notify node', () => {
  it('an opened issue runs the flow; the node queues through the outbox and the worker delivers', async () => {
    const notify = {
      to: { kind: 'address', channel: 'webhook', address: `${sink.url}/new-issues` },
      urgency: 'from_priority',
      template: {
        subject: 'New {{ issue.priority }} issue',
        text: '{{ customer.name }}: {{ issue.subject }}',
      },
    };
    const created = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: {
        name: 'Tell the on-call webhook',
        nodes: [
          node('start', 'trigger', { events: ['issue.created'] }),
          node('tell', 'notify', notify),
          node('done', 'end', { outcome: 'told' }),
          node('nobody', 'end', { outcome: 'nobody' }),
        ],
        edges: [
          edge('start', 'next', 'tell'),
          edge('tell', 'sent', 'done'),
          edge('tell', 'failed', 'nobody'),
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
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
          subject: 'Data export fails',
          body: 'x',
          channel: 'chat',
          priority: 'high',
          customer: { email: 'mo@example.com', name: 'Mo' },
        },
      })
    ).json();
    await baton.services.bus.drain();

    const runs: FlowRun[] = (await baton.request({ url: `/api/issues/${issue.id}/runs` })).json().items;
    expect(runs).toHaveLength(1);
    const step = runs[0]!.steps.find((s) => s.nodeId === 'tell')!;
    expect(step).toMatchObject({ handle: 'sent', detail: { kind: 'notify', queued: true, urgency: 'high' } });

    const queued: Notification[] = (
      await baton.request({ url: `/api/notifications?issueId=${issue.id}` })
    ).json().items;
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      idempotencyKey: `flow:${runs[0]!.id}:tell:webhook`,
      source: { kind: 'flow', runId: runs[0]!.id, nodeId: 'tell' },
      message: { subject: 'New high issue', text: 'Mo: Data export fails' },
    });
    await baton.notify.worker.runDue();
    const [delivered] = await sink.waitFor(1);
    expect(delivered!.json()).toMatchObject({
      subject: 'New high issue',
      text: 'Mo: Data export fails',
      issue: { id: issue.id },
    });
  });

  it('rejects, at validation, a template that does not parse', async () => {
    const validate = await baton.request({
      method: 'POST',
      url: '/api/flows/validate',
      payload: {
        nodes: [
          node('start', 'trigger', { events: ['issue.created'] }),
          node('tell', 'notify', {
            to: { kind: 'assignee' },
            template: { text: '{{ issue.subject | nosuchfilter }}' },
          }),
        ],
        edges: [edge('start', 'next', 'tell')],
      },
    });
    expect(validate.statusCode, validate.body).toBe(200);
    const errors = validate.json().errors as { nodeId?: string; pointer?: string; message: string }[];
    expect(errors.some((e) => e.nodeId === 'tell' && /nosuchfilter/.test(e.message))).toBe(true);
  });

  it('a notification about a handoff has the handoff and its brief in its template', async () => {
    const agent = (
      await baton.request({
        method: 'POST',
        url: '/api/agents',
        payload: { name: 'Bea Billing', email: 'bea@example.com', timeZone: 'UTC', status: 'available' },
      })
    ).json();
    const created = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: {
        name: 'Tell about handoffs',
        nodes: [
          node('start', 'trigger', { events: ['handoff.offered'] }),
          node('tell', 'notify', {
            to: { kind: 'address', channel: 'webhook', address: `${sink.url}/handoffs` },
            template: {
              subject: 'Handoff: {{ issue.subject }}',
              text: '{{ handoff.reason }} | to {{ handoff.to.agentId }} | {{ brief.summary }}',
            },
          }),
          node('done', 'end', { outcome: 'told' }),
        ],
        edges: [edge('start', 'next', 'tell'), edge('tell', 'sent', 'done')],
      },
    });
    expect(created.json().validation.errors).toEqual([]);
    await baton.request({
      method: 'POST',
      url: `/api/flows/${created.json().id}/publish`,
      payload: { note: 't', enable: true },
    });
    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Double charge',
          body: 'Charged twice for March.',
          channel: 'email',
          customer: { email: 'mo@example.com', name: 'Mo' },
        },
      })
    ).json();
    const offered = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/handoffs`,
      payload: { to: { agentId: agent.id }, reason: 'Needs billing expertise' },
    });
    expect(offered.statusCode, offered.body).toBe(201);
    await baton.services.bus.drain();
    const queued: Notification[] = (
      await baton.request({ url: `/api/notifications?issueId=${issue.id}` })
    ).json().items;
    expect(queued).toHaveLength(1);
    const text = queued[0]!.message.text;
    expect(text).toContain(`Needs billing expertise | to ${agent.id} | `);
    expect(text.split(' | ')[2]!.length).toBeGreaterThan(10); // the brief's summary, assembled from the timeline
    expect(text).toContain(offered.json().brief.summary);
  });
});
