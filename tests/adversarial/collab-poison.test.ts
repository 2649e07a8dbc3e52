/**
 * Attack 1: one collab message holding a Y.Map nested 6,000 deep (72 KB, under every frame limit)
 * once crashed the server from inside the draft save timer, and the poison survived restarts. Now
 * the update is refused before it is applied or stored (only that connection closes, 4400), and a
 * store that already holds such an update loads without it (quarantined and reported).
 */
import type { FlowEdge, FlowNode, FlowRecord } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../../server/src/collab/protocol.ts';
import { connectClient, openRawSocket, waitFor, whenSynced } from '../../server/src/collab/testing.ts';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy } from './support.ts';

let baton: TestBaton;
let url: string;
let designer: string;
let agent: string;
const errors: object[] = [];

// One server for the file: each attack works on its own flow or issue.
beforeAll(async () => {
  baton = await startTestBaton({
    log: { error: (obj) => errors.push(obj) },
    services: { collab: { idleUnloadMs: 50 } },
  });
  url = await baton.app.listen({ port: 0, host: '127.0.0.1' });
  designer = await baton.tokenFor('designer');
  agent = await baton.tokenFor('agent');
});
afterAll(async () => {
  await baton.close();
});

const nodes: FlowNode[] = [
  { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { events: ['issue.created'] } },
  { id: 'done', type: 'end', position: { x: 300, y: 0 }, data: { outcome: 'ok' } },
];
const edges: FlowEdge[] = [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'done' }];

/** The attack: a Y.Map nested `depth` deep under `root`, as one update. */
function deepUpdate(root: string, depth: number, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  let map = doc.getMap<unknown>(root);
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const inner = new Y.Map<unknown>();
      map.set(i === 0 ? 'poison' : 'x', inner);
      map = inner;
    }
  });
  return Y.encodeStateAsUpdate(doc, before);
}

async function createFlow(): Promise<string> {
  const created = await baton.request({
    method: 'POST',
    url: '/api/flows',
    payload: { name: 'Poison target', nodes, edges },
    token: designer,
  });
  expect(created.statusCode).toBe(201);
  return created.json<FlowRecord>().id;
}

async function publish(id: string) {
  return baton.request({ method: 'POST', url: `/api/flows/${id}/publish`, payload: {}, token: designer });
}

describe('a deeply nested collab update', () => {
  it('is refused on a flow draft: only that connection closes (4400), the flow stays publishable', async () => {
    const id = await createFlow();
    const bystander = connectClient(url, `flow:${id}`, designer);
    await whenSynced(bystander);

    const attacker = await openRawSocket(url, `/collab/flow:${id}?token=${designer}`);
    const update = deepUpdate('nodes', 6000);
    expect(update.byteLength).toBeLessThan(100_000);
    attacker.socket.send(encodeUpdate(update));
    const closed = await attacker.closed;
    expect(closed.code).toBe(4400);
    expect(closed.reason).toMatch(/nests shared types deeper than 8/);

    // The save timer would have fired by now; the server is alive and the draft unharmed.
    await new Promise((r) => setTimeout(r, 700));
    await expectHealthy(baton);
    expect(bystander.provider.wsconnected).toBe(true);
    expect(bystander.doc.getMap('nodes').has('poison')).toBe(false);
    const published = await publish(id);
    expect(published.statusCode, published.body).toBe(201);
    // Nothing of it was stored.
    const stored = await baton.services.store
      .collection<{ _id: string; update: string }>('collab_updates')
      .find({});
    for (const row of stored) expect(Buffer.from(row.update, 'base64').byteLength).toBeLessThan(10_000);
    bystander.destroy();
  });

  it('is refused on an issue workspace, which still loads', async () => {
    const { issue } = await baton.services.issues.create({
      subject: 'Printer on fire',
      body: 'Details inside.',
      channel: 'email',
      customer: { email: 'someone@example.test' },
    });
    const attacker = await openRawSocket(url, `/collab/issue:${issue.id}?token=${agent}`);
    attacker.socket.send(encodeUpdate(deepUpdate('comments', 6000)));
    expect((await attacker.closed).code).toBe(4400);
    const workspace = await baton.request({ url: `/api/issues/${issue.id}/workspace`, token: agent });
    expect(workspace.statusCode).toBe(200);
    await expectHealthy(baton);
  });

  it('cannot be built one level at a time either', async () => {
    const id = await createFlow();
    const client = connectClient(url, `flow:${id}`, designer);
    await whenSynced(client);
    // Under a node, in a key the draft does not read: each level is its own small update.
    let map = client.doc.getMap<Y.Map<unknown>>('nodes').get('done') as Y.Map<unknown>;
    for (let i = 0; i < 12; i++) {
      const inner = new Y.Map<unknown>();
      map.set('deeper', inner);
      map = inner;
    }
    const closed = await client.closed;
    expect(closed.code).toBe(4400);
    client.destroy();
    expect((await publish(id)).statusCode).toBe(201);
    await expectHealthy(baton);
  });
});

describe('a store that already holds a poisoned update', () => {
  async function unloaded(name: string) {
    await waitFor(() => !baton.services.collab.isLoaded(name), `${name} to unload`);
  }

  it('loads the document without it, quarantines and reports it; the flow stays publishable', async () => {
    const id = await createFlow();
    const name = `flow:${id}`;
    await baton.services.collab.readFlowDraft(id);
    await unloaded(name);
    // Written the way an older Baton stored it: one appended update.
    const updates = baton.services.store.collection<{
      _id: string;
      doc: string;
      seq: number;
      update: string;
      at: string;
    }>('collab_updates');
    const snapshot = await baton.services.store
      .collection<{ _id: string; seq: number }>('collab_docs')
      .findOne({ _id: name });
    const last =
      (await updates.find({ doc: name }, { sort: { seq: -1 }, limit: 1 }))[0]?.seq ?? snapshot?.seq ?? 0;
    const seq = last + 1;
    await updates.insertOne({
      _id: `${name}#${String(seq).padStart(12, '0')}`,
      doc: name,
      seq,
      update: Buffer.from(deepUpdate('nodes', 6000)).toString('base64'),
      at: new Date().toISOString(),
    });

    const published = await publish(id);
    expect(published.statusCode, published.body).toBe(201);
    const quarantined = await baton.services.store.collection('collab_quarantine').find({ doc: name });
    expect(quarantined).toHaveLength(1);
    expect(errors.some((e) => JSON.stringify(e).includes('nests shared types deeper'))).toBe(true);
    // An ordinary edit afterwards works, and the poison is gone from the store after compaction.
    const editor = connectClient(url, name, designer);
    await whenSynced(editor);
    editor.doc.getMap<Y.Map<unknown>>('nodes').get('done')?.set('label', 'Finished');
    editor.destroy();
    await unloaded(name);
    const left = await updates.find({ doc: name });
    for (const row of left) expect(Buffer.from(row.update, 'base64').byteLength).toBeLessThan(10_000);
    expect((await publish(id)).statusCode).toBe(201);
    await expectHealthy(baton);
  });

  it('prunes what nests too deep from a stored snapshot and keeps the rest', async () => {
    const id = await createFlow();
    const name = `flow:${id}`;
    await baton.services.collab.readFlowDraft(id);
    await unloaded(name);
    const docs = baton.services.store.collection<{ _id: string; state: string; seq: number }>('collab_docs');
    const snapshot = await docs.findOne({ _id: name });
    expect(snapshot).not.toBeNull();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(snapshot?.state ?? '', 'base64')));
    Y.applyUpdate(doc, deepUpdate('nodes', 6000, doc));
    await docs.updateOne(
      { _id: name },
      { $set: { state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') } },
    );

    const draft = await baton.services.collab.readFlowDraft(id);
    expect(draft?.nodes.map((n) => n.id)).toEqual(['done', 'start']);
    expect((await publish(id)).statusCode).toBe(201);
    await expectHealthy(baton);
  });
});
