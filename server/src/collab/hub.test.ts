/**
 * The hub's guarantees, each against a real server and real clients: limits, idle unload,
 * compaction, exactly-once mirroring, flow drafts, presence.
 */
import type { Issue, TimelineEvent } from '@baton/schemas';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { markerId } from './mirror.ts';
import {
  type CollabServer,
  connectClient,
  openRawSocket,
  startCollabServer,
  type TestClient,
  waitFor,
  whenSynced,
} from './testing.ts';
import type { CollabHookPayloads } from './types.ts';

const servers: CollabServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
});

async function server(options: Parameters<typeof startCollabServer>[0] = {}): Promise<CollabServer> {
  const s = await startCollabServer(options);
  servers.push(s);
  return s;
}

function client(s: CollabServer, name: string, token: string): TestClient {
  const c = connectClient(s.url, name, token);
  clients.push(c);
  return c;
}

function hooks(s: CollabServer) {
  const seen: { [K in keyof CollabHookPayloads]?: CollabHookPayloads[K][] } = {};
  s.services.collab.use(
    new Proxy(
      {},
      {
        get: (_target, hook: keyof CollabHookPayloads) => (payload: never) => {
          if (!seen[hook]) seen[hook] = [];
          (seen[hook] as unknown[]).push(payload);
        },
      },
    ),
  );
  return seen;
}

async function mirroredEvents(s: CollabServer, issueId: string): Promise<TimelineEvent[]> {
  const page = await s.services.timeline.forIssue(issueId, { limit: 200 });
  return page.items.filter((e) => e.type === 'workspace_comment' || e.type === 'decision');
}

/** A sync-step-1 message: asks the server for everything (harmless, and counts as a message). */
function syncStep1(): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return Buffer.from(encoding.toUint8Array(e));
}

describe('limits', () => {
  it('closes a connection that sends a message over the size limit, and only that one', async () => {
    const s = await server({ maxMessageBytes: 4096, rateLimit: { burstBytes: 8192 } });
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    const other = client(s, `issue:${issue.id}`, token);
    await whenSynced(other);
    const raw = await openRawSocket(s.url, `/collab/issue:${issue.id}?token=${token}`);
    raw.socket.send(Buffer.alloc(5000, 1));
    expect((await raw.closed).code).toBe(1009);

    const writer = client(s, `issue:${issue.id}`, token);
    await whenSynced(writer);
    writer.doc.getText('notes').insert(0, 'fine');
    await waitFor(() => other.doc.getText('notes').toString() === 'fine', 'the other client to keep syncing');
  });

  it('closes a connection that floods the hub with 4429', async () => {
    const s = await server({ rateLimit: { messagesPerSecond: 5, burstMessages: 10 } });
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    const seen = hooks(s);
    const raw = await openRawSocket(s.url, `/collab/issue:${issue.id}?token=${token}`);
    await waitFor(() => raw.received.length > 0, 'the greeting');
    for (let i = 0; i < 30; i++) raw.socket.send(syncStep1());
    const closed = await raw.closed;
    expect(closed).toEqual({
      code: 4429,
      reason: 'rate limit exceeded: too many messages or bytes per second',
    });
    expect(seen.refused?.map((r) => r.code)).toEqual([4429]);
    // The operator's log says which document refused whom, and why.
    expect(s.warnings).toContainEqual({
      document: `issue:${issue.id}`,
      code: 4429,
      reason: 'rate limit exceeded: too many messages or bytes per second',
      principal: expect.stringMatching(/^apiKey:/),
    });
    // The limit is per connection: a new one starts with a full bucket.
    const polite = client(s, `issue:${issue.id}`, token);
    await whenSynced(polite);
    expect(polite.provider.wsconnected).toBe(true);
  });

  it('refuses a role with no access to a document kind and names that cannot exist', async () => {
    const s = await server();
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    for (const [path, code] of [
      [`/collab/nonsense?token=${token}`, 4404],
      [`/collab/board:42?token=${token}`, 4404],
      [`/collab/flow:flw_missing?token=${token}`, 4404],
      [`/collab/issue:${issue.id}?token=${token}x`, 4401],
    ] as const) {
      const raw = await openRawSocket(s.url, path);
      expect((await raw.closed).code, path).toBe(code);
      expect(raw.received, path).toEqual([]);
    }
  });
});

describe('documents in memory and in the store', () => {
  it('unloads an idle document after the last client leaves, compacted, and loads it again', async () => {
    const s = await server({ idleUnloadMs: 50 });
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    const seen = hooks(s);
    const name = `issue:${issue.id}`;
    const writer = client(s, name, token);
    await whenSynced(writer);
    writer.doc.getText('notes').insert(0, 'remember me');
    await waitFor(() => (seen.stored?.length ?? 0) > 0, 'the update to be stored');
    expect(s.services.collab.isLoaded(name)).toBe(true);

    writer.provider.disconnect();
    await waitFor(() => (seen.unloaded?.length ?? 0) === 1, 'the document to unload');
    expect(s.services.collab.isLoaded(name)).toBe(false);
    expect(s.services.collab.stats()).toEqual({ documents: 0, connections: 0 });
    const updates = s.services.store.collection('collab_updates');
    expect(await updates.countDocuments({ doc: name })).toBe(0);
    expect(await s.services.store.collection('collab_docs').findOne({ _id: name })).toMatchObject({ seq: 1 });

    const reader = client(s, name, token);
    await whenSynced(reader);
    expect(reader.doc.getText('notes').toString()).toBe('remember me');
    expect(seen.loaded?.map((l) => l.stored)).toEqual([false, true]);
  });

  it('keeps a document in memory while someone is connected', async () => {
    const s = await server({ idleUnloadMs: 20 });
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    const a = client(s, `issue:${issue.id}`, token);
    const b = client(s, `issue:${issue.id}`, token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.provider.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.services.collab.isLoaded(`issue:${issue.id}`)).toBe(true);
  });

  it('compacts appended updates into a snapshot that loads the same document', async () => {
    const s = await server({ compactAfterUpdates: 5 });
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    const seen = hooks(s);
    const name = `issue:${issue.id}`;
    const writer = client(s, name, token);
    await whenSynced(writer);
    const notes = writer.doc.getText('notes');
    for (let i = 0; i < 23; i++) {
      notes.insert(notes.length, `${i} `);
      const stored = seen.stored?.length ?? 0;
      await waitFor(() => (seen.stored?.length ?? 0) > stored, `update ${i} to be stored`);
    }
    expect(seen.compacted?.map((c) => c.seq)).toEqual([5, 10, 15, 20]);
    const updates = await s.services.store
      .collection<{ _id: string; seq: number }>('collab_updates')
      .find({ doc: name });
    expect(updates.map((u) => u.seq)).toEqual([21, 22, 23]);

    // A second hub on the same store (as after a restart) loads snapshot + the 3 updates.
    const { CollabHub } = await import('./hub.ts');
    const { services } = s;
    const again = new CollabHub({ ...services, log: { error: () => {} } });
    const loaded: CollabHookPayloads['loaded'][] = [];
    again.use({ loaded: (p) => loaded.push(p) });
    const workspace = await again.readWorkspace(issue.id);
    expect(workspace.notes).toBe(notes.toString());
    expect(loaded).toEqual([{ document: name, stored: true, updates: 4 }]);
    await again.close();
  });
});

describe('the store interval', () => {
  it("stores what a document received as soon as it goes quiet, not at the interval's end", async () => {
    // Long, so that any wait for the interval's end shows.
    const s = await server({ storeIntervalMs: 3000 });
    const issue = await s.createIssue();
    const token = await s.tokenFor('agent');
    const seen = hooks(s);
    const name = `issue:${issue.id}`;
    const writer = client(s, name, token);
    await whenSynced(writer);
    const notes = writer.doc.getText('notes');
    expect(seen.stored).toBeUndefined();
    // Quiet: the first update is appended in the turn it is forwarded.
    const t0 = performance.now();
    notes.insert(0, 'first ');
    await waitFor(() => (seen.stored?.length ?? 0) === 1, 'the first update to be stored');
    // Within the interval of that append: ten updates sent at once are appended (as one record) as
    // soon as the hub has a turn without news — not at the interval's end.
    for (let i = 0; i < 10; i++) notes.insert(notes.length, `${i} `);
    await waitFor(() => (seen.stored ?? []).reduce((n, p) => n + p.updates, 0) === 11, 'all to be stored');
    expect(performance.now() - t0).toBeLessThan(2500);
    expect(seen.stored?.length).toBe(2);
    // And what was stored loads as the same document.
    writer.destroy();
    const workspace = await s.services.collab.readWorkspace(issue.id);
    expect(workspace.notes).toBe(notes.toString());
  });
});

describe('mirroring into the timeline', () => {
  const comment = (id: string, text: string) => ({
    id,
    threadId: id,
    text,
    createdAt: '2026-01-05T09:00:00.000Z',
  });

  async function setup(s: CollabServer): Promise<{ issue: Issue; name: string; writer: TestClient }> {
    const issue = await s.createIssue();
    const name = `issue:${issue.id}`;
    const writer = client(s, name, await s.tokenFor('agent'));
    await whenSynced(writer);
    return { issue, name, writer };
  }

  it('mirrors each comment once, also when the document is loaded again', async () => {
    const s = await server({ idleUnloadMs: 20 });
    const seen = hooks(s);
    const { issue, writer } = await setup(s);
    writer.doc.getMap('comments').set('c1', comment('c1', 'one'));
    writer.doc.getMap('comments').set('c2', comment('c2', 'two'));
    // Not a valid comment (no text): stays in the workspace, never mirrored.
    writer.doc
      .getMap('comments')
      .set('bad', { id: 'bad', threadId: 'bad', createdAt: '2026-01-05T09:00:00.000Z' });
    await waitFor(() => (seen.mirrored?.length ?? 0) === 2, 'two comments mirrored');
    writer.provider.disconnect();
    await waitFor(() => (seen.unloaded?.length ?? 0) === 1, 'the unload');

    await s.services.collab.readWorkspace(issue.id); // loads it again: recovery sees both done
    await waitFor(() => (seen.unloaded?.length ?? 0) === 2, 'the second unload (all mirroring finished)');
    expect(
      (await mirroredEvents(s, issue.id)).map((e) => e.type === 'workspace_comment' && e.commentId),
    ).toEqual(['c1', 'c2']);
    expect(seen.mirrored).toHaveLength(2);
    expect(await s.services.store.collection('collab_mirrors').countDocuments({ issueId: issue.id })).toBe(2);
  });

  it('finishes what a crash interrupted, without duplicates', async () => {
    const s = await server({ idleUnloadMs: 20 });
    const seen = hooks(s);
    const { issue, writer } = await setup(s);
    writer.doc.getMap('comments').set('c1', comment('c1', 'appended, then the crash'));
    writer.doc.getMap('decisions').set('d1', {
      id: 'd1',
      text: 'Refund',
      author: { name: 'Dana' },
      decidedAt: '2026-01-05T09:30:00.000Z',
    });
    writer.doc.getMap('comments').set('c3', comment('c3', 'written, never claimed'));
    await waitFor(() => (seen.mirrored?.length ?? 0) === 3, 'three entries mirrored');
    writer.provider.disconnect();
    await waitFor(() => (seen.unloaded?.length ?? 0) === 1, 'the unload');

    // Rewind the markers to what three different crash points leave behind:
    const markers = s.services.store.collection<{ _id: string; state: string }>('collab_mirrors');
    // c1: the event was appended but the marker not yet marked done;
    await markers.updateOne({ _id: markerId(issue.id, 'comment', 'c1') }, { $set: { state: 'pending' } });
    // d1: claimed, then the crash before the event was appended;
    await markers.updateOne({ _id: markerId(issue.id, 'decision', 'd1') }, { $set: { state: 'pending' } });
    const timeline = s.services.store.collection('timeline');
    await timeline.deleteMany({ issueId: issue.id, type: 'decision' });
    // c3: the update was stored, the crash came before anything else.
    await markers.deleteOne({ _id: markerId(issue.id, 'comment', 'c3') });
    await timeline.deleteMany({ issueId: issue.id, commentId: 'c3' });

    await s.services.collab.readWorkspace(issue.id);
    await waitFor(() => (seen.unloaded?.length ?? 0) === 2, 'recovery to finish');
    const events = await mirroredEvents(s, issue.id);
    expect(
      events
        .map((e) => (e.type === 'decision' ? e.decisionId : e.type === 'workspace_comment' && e.commentId))
        .sort(),
    ).toEqual(['c1', 'c3', 'd1']);
    const d1 = events.find((e) => e.type === 'decision');
    // The author recorded when it was claimed survives the crash: the agent's key, not the claim.
    expect(d1?.author.kind).toBe('integration');
    const c3 = events.find((e) => e.type === 'workspace_comment' && e.commentId === 'c3');
    // Nothing recorded who wrote c3: it is attributed to the workspace, never guessed.
    expect(c3?.author).toEqual({ kind: 'system', name: 'issue workspace' });
    expect(await markers.countDocuments({ issueId: issue.id, state: 'done' })).toBe(3);
  });
});

describe('flow drafts', () => {
  const draft = {
    name: 'Critical escalation',
    nodes: [
      { id: 'n1', type: 'trigger', position: { x: 0, y: 0 }, data: { events: ['issue.created'] } },
      { id: 'n2', type: 'end', position: { x: 200, y: 0 }, data: {} },
    ],
    edges: [{ id: 'e1', source: 'n1', sourceHandle: 'out', target: 'n2' }],
  };

  it('is seeded by the flows module, co-edited by designers, read back at publish time', async () => {
    const s = await server();
    const hub = s.services.collab;
    expect(await hub.readFlowDraft('flw_1')).toBeNull();
    await hub.seedFlowDraft('flw_1', draft);
    expect(await hub.readFlowDraft('flw_1')).toEqual(draft);

    const designer = client(s, 'flow:flw_1', await s.tokenFor('designer'));
    const agent = client(s, 'flow:flw_1', await s.tokenFor('agent'));
    await Promise.all([whenSynced(designer), whenSynced(agent)]);
    const nodes = designer.doc.getMap<Y.Map<unknown>>('nodes');
    expect([...nodes.keys()].sort()).toEqual(['n1', 'n2']);
    nodes.get('n2')?.set('position', { x: 300, y: 50 });
    const n3 = new Y.Map<unknown>();
    nodes.set('n3', n3);
    n3.set('type', 'notify');
    n3.set('position', { x: 150, y: 100 });
    n3.set('data', { channel: 'slack' });
    // Agents read flow drafts; their edits are refused.
    agent.doc.getMap('nodes').delete('n1');
    await waitFor(() => agent.doc.getMap('nodes').has('n3'), 'the agent to see the new node');

    const read = await hub.readFlowDraft('flw_1');
    expect(read?.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(read?.nodes[1]?.position).toEqual({ x: 300, y: 50 });
    expect(read?.nodes[2]).toEqual({
      id: 'n3',
      type: 'notify',
      position: { x: 150, y: 100 },
      data: { channel: 'slack' },
    });

    // Seeding again (a revert) changes only what differs; editors see it live.
    await hub.seedFlowDraft('flw_1', draft);
    await waitFor(() => !designer.doc.getMap('nodes').has('n3'), 'the designer to see the revert');
    expect(await hub.readFlowDraft('flw_1')).toEqual(draft);
  });

  it('asks the flow draft source the first time a never-edited draft is opened', async () => {
    const s = await server();
    const asked: string[] = [];
    // The flows module is the source; stand in for it.
    vi.spyOn(s.services.flows, 'loadDraft').mockImplementation(async (id) => {
      asked.push(id);
      return id === 'flw_known' ? draft : null;
    });
    const token = await s.tokenFor('designer');
    const known = client(s, 'flow:flw_known', token);
    await whenSynced(known);
    await waitFor(() => known.doc.getMap('edges').has('e1'), 'the seeded draft');
    const unknown = client(s, 'flow:flw_unknown', token);
    expect((await unknown.closed).code).toBe(4404);
    expect(asked).toEqual(['flw_known', 'flw_unknown']);
  });
});

describe('presence', () => {
  it('shares awareness and keeps one connection from changing another one’s presence', async () => {
    const s = await server();
    const issue = await s.createIssue();
    const name = `issue:${issue.id}`;
    const [agent, viewer] = [
      client(s, name, await s.tokenFor('agent')),
      client(s, name, await s.tokenFor('viewer')),
    ];
    await Promise.all([whenSynced(agent), whenSynced(viewer)]);
    agent.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    viewer.provider.awareness.setLocalStateField('user', { name: 'Vic' });
    const names = (c: TestClient) =>
      [...c.provider.awareness.getStates().values()]
        .map((st) => (st as { user?: { name: string } }).user?.name)
        .sort();
    await waitFor(
      () => names(agent).join() === 'Ada,Vic' && names(viewer).join() === 'Ada,Vic',
      'both to see both',
    );

    // A raw connection tries to overwrite Ada's presence with a higher clock: ignored.
    const raw = await openRawSocket(s.url, `/collab/${name}?token=${await s.tokenFor('agent')}`);
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    const adaId = agent.doc.clientID;
    forged.meta.set(adaId, { clock: 999, lastUpdated: Date.now() });
    forged.states.set(adaId, { user: { name: 'Mallory' } });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(forged, [adaId]));
    raw.socket.send(encoding.toUint8Array(e));
    forged.destroy();
    viewer.provider.awareness.setLocalStateField('user', { name: 'Vic2' });
    await waitFor(() => names(agent).includes('Vic2'), 'a later presence change to arrive');
    expect(names(agent)).toEqual(['Ada', 'Vic2']);
    raw.socket.close();

    // Leaving removes the presence for everyone else.
    viewer.provider.disconnect();
    await waitFor(() => names(agent).join() === 'Ada', 'the viewer to leave');
  });
});
