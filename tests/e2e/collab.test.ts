/**
 * The collaboration hub as clients meet it: stock y-websocket clients (`WebsocketProvider` over
 * `ws`) against a real Baton listening on 127.0.0.1, checked through the clients and the REST API.
 */
import type { Issue, TimelineEvent } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  openRawSocket,
  type TestClient,
  waitFor,
  whenSynced,
} from '../../server/src/collab/testing.ts';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';

let baton: TestBaton;
let url: string;
let issue: Issue;
const clients: TestClient[] = [];

function client(token: string | undefined, name = `issue:${issue.id}`): TestClient {
  const c = connectClient(url, name, token);
  clients.push(c);
  return c;
}

async function timeline(issueId: string): Promise<TimelineEvent[]> {
  const res = await baton.request({ method: 'GET', url: `/api/issues/${issueId}/timeline?limit=200` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: TimelineEvent[] }).items;
}

beforeAll(async () => {
  baton = await startTestBaton();
  url = await baton.app.listen({ port: 0, host: '127.0.0.1' });
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: {
      subject: 'Export fails for large accounts',
      body: 'The CSV export times out.',
      channel: 'email',
      customer: { email: 'ops@acme.test' },
    },
  });
  issue = res.json() as Issue;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await baton?.close();
});

describe('issue workspace over y-websocket', () => {
  let agentA: TestClient;
  let agentB: TestClient;

  it('lets two agents edit issue:<id> and converge', async () => {
    const [tokenA, tokenB] = [await baton.tokenFor('agent'), await baton.tokenFor('agent')];
    agentA = client(tokenA);
    agentB = client(tokenB);
    await Promise.all([whenSynced(agentA), whenSynced(agentB)]);

    // Concurrent edits: both type before either has seen the other.
    agentA.doc.getText('notes').insert(0, 'Customer on the Enterprise plan. ');
    agentB.doc.getText('notes').insert(0, 'Export job id 4711. ');
    agentB.doc.getMap('annotations').set('an1', {
      id: 'an1',
      eventId: issue.id.replace('iss_', 'evt_'),
      text: 'first report',
      createdAt: '2026-01-05T09:00:00.000Z',
    });

    const notesOf = (c: TestClient) => c.doc.getText('notes').toString();
    await waitFor(
      () => notesOf(agentA) === notesOf(agentB) && notesOf(agentA).length > 40,
      'both agents to see both edits',
    );
    expect(notesOf(agentA)).toContain('Customer on the Enterprise plan.');
    expect(notesOf(agentA)).toContain('Export job id 4711.');
    await waitFor(() => agentA.doc.getMap('annotations').has('an1'), 'the annotation to reach agent A');
    expect(Y.encodeStateVector(agentA.doc)).toEqual(Y.encodeStateVector(agentB.doc));

    const workspace = (
      await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/workspace` })
    ).json();
    expect(workspace.notes).toBe(notesOf(agentA));
    expect(workspace.annotations).toEqual([expect.objectContaining({ id: 'an1', text: 'first report' })]);
  });

  it("shows a viewer the changes but refuses the viewer's own edits", async () => {
    const refused: number[] = [];
    const stop = baton.services.collab.use({ readOnlyUpdate: ({ bytes }) => refused.push(bytes) });
    const viewer = client(await baton.tokenFor('viewer'));
    await whenSynced(viewer);
    expect(viewer.doc.getText('notes').toString()).toBe(agentA.doc.getText('notes').toString());

    agentA.doc.getText('notes').insert(0, 'LIVE ');
    await waitFor(
      () => viewer.doc.getText('notes').toString().startsWith('LIVE '),
      'the viewer to see a new edit',
    );

    viewer.doc.getText('notes').insert(0, 'VIEWER WAS HERE ');
    viewer.doc.getMap('comments').set('v1', {
      id: 'v1',
      threadId: 'v1',
      text: 'viewer comment',
      createdAt: '2026-01-05T09:00:00.000Z',
    });
    await waitFor(() => refused.length >= 2, 'the hub to refuse both viewer updates');
    stop();

    // An agent's edit made after the refused ones arrives; the viewer's never does.
    agentB.doc.getText('notes').insert(0, 'AFTER ');
    await waitFor(
      () => agentA.doc.getText('notes').toString().startsWith('AFTER '),
      'a later agent edit to arrive',
    );
    for (const c of [agentA, agentB]) {
      expect(c.doc.getText('notes').toString()).not.toContain('VIEWER');
      expect(c.doc.getMap('comments').has('v1')).toBe(false);
    }
    const fresh = client(await baton.tokenFor('agent'));
    await whenSynced(fresh);
    expect(fresh.doc.getText('notes').toString()).not.toContain('VIEWER');
    expect(fresh.doc.getMap('comments').has('v1')).toBe(false);
    const workspace = (
      await baton.request({ method: 'GET', url: `/api/issues/${issue.id}/workspace` })
    ).json();
    expect(workspace.notes).not.toContain('VIEWER');
    expect(workspace.comments).toEqual([]);
    // The viewer stays connected and keeps receiving.
    expect(viewer.provider.wsconnected).toBe(true);
  });

  it('accepts the token as the baton.bearer subprotocol the studio offers, and answers with baton only', async () => {
    const studio = connectClient(url, `issue:${issue.id}`, await baton.tokenFor('agent'), {
      tokenIn: 'subprotocol',
    });
    clients.push(studio);
    await whenSynced(studio);
    expect(studio.doc.getText('notes').toString()).toBe(agentA.doc.getText('notes').toString());
    // The handshake's answer names the protocol, never the token.
    expect(studio.provider.ws?.protocol).toBe('baton');

    const forged = connectClient(url, `issue:${issue.id}`, 'btk_not-a-real-key', { tokenIn: 'subprotocol' });
    clients.push(forged);
    expect(await forged.closed).toEqual({ code: 4401, reason: 'the token is unknown, expired or revoked' });
  });

  it('refuses a client without a valid token before any sync', async () => {
    const anonymous = await openRawSocket(url, `/collab/issue:${issue.id}`);
    expect(await anonymous.closed).toEqual({
      code: 4401,
      reason:
        'authentication required: pass ?token=<bearer token> or a baton.bearer.<base64url token> subprotocol',
    });
    expect(anonymous.received).toEqual([]);

    const forged = await openRawSocket(url, `/collab/issue:${issue.id}?token=btk_not-a-real-key`);
    expect((await forged.closed).code).toBe(4401);
    expect(forged.received).toEqual([]);

    // The stock client gives up on 44xx codes and reports why.
    const stock = client(undefined);
    expect(await stock.closed).toMatchObject({ code: 4401 });
    expect(stock.everSynced()).toBe(false);
    expect(stock.doc.getText('notes').toString()).toBe('');

    const missing = client(await baton.tokenFor('agent'), 'issue:iss_does_not_exist');
    expect(await missing.closed).toMatchObject({ code: 4404 });
    expect(missing.everSynced()).toBe(false);
  });

  it('mirrors a workspace comment and a decision into the issue timeline', async () => {
    agentA.doc.getMap('comments').set('c1', {
      id: 'c1',
      threadId: 'c1',
      text: 'Looks like the export worker runs out of memory.',
      author: { name: 'Agent A' },
      createdAt: '2026-01-05T09:10:00.000Z',
    });
    agentB.doc.getMap('comments').set('c2', {
      id: 'c2',
      threadId: 'c1',
      parentId: 'c1',
      text: 'Confirmed in the worker logs.',
      createdAt: '2026-01-05T09:11:00.000Z',
    });
    agentB.doc.getMap('decisions').set('d1', {
      id: 'd1',
      text: 'Raise the export worker memory to 2 GiB',
      why: 'Large accounts exceed 1 GiB',
      who: 'Platform team',
      decidedAt: '2026-01-05T09:15:00.000Z',
    });

    let events: TimelineEvent[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      events = await timeline(issue.id);
      if (events.filter((e) => e.type === 'workspace_comment' || e.type === 'decision').length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const comments = events.filter((e) => e.type === 'workspace_comment');
    expect(comments).toEqual([
      expect.objectContaining({
        type: 'workspace_comment',
        text: 'Looks like the export worker runs out of memory.',
        commentId: 'c1',
        threadId: 'c1',
        author: expect.objectContaining({ kind: 'integration' }),
      }),
      expect.objectContaining({ type: 'workspace_comment', commentId: 'c2', threadId: 'c1', parentId: 'c1' }),
    ]);
    // Attributed to the token that wrote it, not to the name the client claimed.
    expect(comments[0]?.author.name).not.toBe('Agent A');
    expect(events.filter((e) => e.type === 'decision')).toEqual([
      expect.objectContaining({
        type: 'decision',
        text: 'Raise the export worker memory to 2 GiB',
        why: 'Large accounts exceed 1 GiB',
        who: 'Platform team',
        decisionId: 'd1',
        decidedAt: '2026-01-05T09:15:00.000Z',
      }),
    ]);

    // Editing a mirrored comment does not mirror it again.
    agentA.doc.getMap('comments').set('c1', {
      id: 'c1',
      threadId: 'c1',
      text: 'Edited: the export worker runs out of memory.',
      createdAt: '2026-01-05T09:10:00.000Z',
      editedAt: '2026-01-05T09:20:00.000Z',
    });
    await waitFor(
      () => agentB.doc.getMap<{ text: string }>('comments').get('c1')?.text.startsWith('Edited') ?? false,
      'the edit to arrive',
    );
    await baton.services.collab.readWorkspace(issue.id);
    expect((await timeline(issue.id)).filter((e) => e.type === 'workspace_comment')).toHaveLength(2);
  });

  it('closes only the connection that sends a garbage binary frame', async () => {
    const token = await baton.tokenFor('agent');
    const raw = await openRawSocket(url, `/collab/issue:${issue.id}?token=${token}`);
    await waitFor(() => raw.received.length > 0, 'the server to greet the raw socket');
    raw.socket.send(Buffer.from([0x00, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x13, 0x37]));
    const closed = await raw.closed;
    expect(closed.code).toBe(4400);
    expect(closed.reason).toMatch(/^malformed message/);

    const again = await openRawSocket(url, `/collab/issue:${issue.id}?token=${token}`);
    again.socket.send(Buffer.from('not even binary'));
    expect((await again.closed).code).toBe(4400);

    // Everyone else carries on.
    expect(agentA.provider.wsconnected && agentB.provider.wsconnected).toBe(true);
    agentA.doc.getText('notes').insert(0, 'STILL HERE ');
    await waitFor(
      () => agentB.doc.getText('notes').toString().startsWith('STILL HERE '),
      'agent B to see agent A',
    );
  });
});
