import {
  assertValidResult,
  createTestContext,
  type HttpSink,
  sampleMessage,
  startHttpSink,
} from '@baton/plugin-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationBlocks } from './blocks.ts';
import plugin, { type SlackSettings } from './index.ts';

let sink: HttpSink;
beforeEach(async () => {
  sink = await startHttpSink((req) => {
    if (req.path === '/api/conversations.create')
      return { body: { ok: true, channel: { id: 'CWAR1', name: req.json<{ name: string }>().name } } };
    return { body: { ok: true, channel: 'CWAR1', ts: '1.2' } };
  });
});
afterEach(() => sink.close());

const context = () =>
  createTestContext<SlackSettings>({
    settings: { apiBaseUrl: `${sink.url}/api`, warRoomPrefix: 'war' },
    secrets: { botToken: 'xoxb-1', signingSecret: 's' },
    egress: { allowPrivate: ['127.0.0.1'] },
  });

const warRoom = plugin.capabilities.find((c) => c.kind === 'node-kind')!;
const issue = {
  id: 'iss_01JTEST',
  subject: 'Checkout down',
  body: '',
  channel: 'email' as const,
  customerId: 'cus_1',
  priority: 'critical' as const,
  status: 'open' as const,
  tags: [],
  createdAt: '2026-01-05T09:00:00Z',
  updatedAt: '2026-01-05T09:00:00Z',
  lastActivityAt: '2026-01-05T09:00:00Z',
};

describe('slack', () => {
  it('a message without acknowledgement has no acknowledge button', () => {
    const blocks = notificationBlocks(sampleMessage({ ack: false })) as {
      type: string;
      elements?: { action_id: string }[];
    }[];
    expect(blocks.at(-1)!.elements!.map((e) => e.action_id)).toEqual(['baton_open']);
  });

  it('the war-room node opens a channel, invites people and posts the issue into it', async () => {
    if (warRoom.kind !== 'node-kind') throw new Error();
    const kind = warRoom.kinds[0]!;
    const input = {
      data: { invite: ['U1', 'U2'], topic: 'Checkout outage' },
      issue,
      flow: { id: 'f', name: 'f', version: 1 },
      run: { id: 'r' },
      nodeId: 'n',
      dryRun: false,
    };
    const result = await kind.run(input, context().ctx);
    assertValidResult('nodeResult', result);
    expect(result).toEqual({ handle: 'created', trace: { name: 'war-iss_01jtest', channel: 'CWAR1' } });
    expect(sink.requests.map((r) => r.path)).toEqual([
      '/api/conversations.create',
      '/api/conversations.setTopic',
      '/api/conversations.invite',
      '/api/chat.postMessage',
    ]);
    expect(sink.requests[2]!.json()).toEqual({ channel: 'CWAR1', users: 'U1,U2' });
  });

  it('in a dry run it calls nothing; a taken name means the room exists', async () => {
    if (warRoom.kind !== 'node-kind') throw new Error();
    const kind = warRoom.kinds[0]!;
    const input = {
      data: {},
      issue,
      flow: { id: 'f', name: 'f', version: 1 },
      run: { id: 'r' },
      nodeId: 'n',
      dryRun: true,
    };
    expect(await kind.run(input, context().ctx)).toEqual({
      handle: 'created',
      trace: { name: 'war-iss_01jtest', dryRun: true },
    });
    expect(sink.requests).toHaveLength(0);
    sink.handle(() => ({ body: { ok: false, error: 'name_taken' } }));
    expect(await kind.run({ ...input, dryRun: false }, context().ctx)).toMatchObject({
      handle: 'created',
      trace: { existing: true },
    });
  });
});
