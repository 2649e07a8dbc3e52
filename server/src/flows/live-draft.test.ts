/**
 * The live draft is the draft: what an editor changes in `flow:<id>` is what publish freezes and
 * simulate runs, comes back into the stored draft (and its validation) by itself, and REST changes
 * reach connected editors.
 */
import type { FlowNode, FlowRecord, FlowVersion } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../collab/testing.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
let url: string;
let designer: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  baton = await startTestBaton();
  url = await baton.app.listen({ port: 0, host: '127.0.0.1' });
  designer = await baton.tokenFor('designer');
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await baton.close();
});

const p = { x: 0, y: 0 };
const trigger: FlowNode = { id: 'start', type: 'trigger', position: p, data: { events: ['issue.created'] } };
const done: FlowNode = { id: 'done', type: 'end', position: { x: 300, y: 0 }, data: { outcome: 'live' } };

function yNode(node: FlowNode): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(node));
}

async function openDraft(flowId: string): Promise<TestClient> {
  const client = connectClient(url, `flow:${flowId}`, designer);
  clients.push(client);
  await whenSynced(client);
  return client;
}

async function flow(id: string): Promise<FlowRecord> {
  return (await baton.request({ url: `/api/flows/${id}`, token: designer })).json<FlowRecord>();
}

describe('live flow drafts', () => {
  it('opens the stored draft, publishes what editors drew and stores it back', async () => {
    const created = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: { name: 'Live', nodes: [trigger] },
      token: designer,
    });
    const { id } = created.json<FlowRecord>();
    const editor = await openDraft(id);
    const nodes = editor.doc.getMap<Y.Map<unknown>>('nodes');
    expect([...nodes.keys()]).toEqual(['start']);

    editor.doc.transact(() => {
      nodes.set('done', yNode(done));
      editor.doc
        .getMap('edges')
        .set(
          'e1',
          new Y.Map<unknown>(
            Object.entries({ id: 'e1', source: 'start', sourceHandle: 'next', target: 'done' }),
          ),
        );
    });

    // Publish right away: it reads the live document, not the stored copy.
    const published = await baton.request({
      method: 'POST',
      url: `/api/flows/${id}/publish`,
      payload: { note: 'drawn live' },
      token: designer,
    });
    expect(published.statusCode).toBe(201);
    const version = published.json<FlowVersion>();
    expect(version.document.nodes.map((n) => n.id)).toEqual(['start', 'done']);
    expect(version.document.edges).toEqual([
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'done' },
    ]);

    // An edit after publishing comes back into the stored draft with its validation.
    nodes.get('done')!.set('data', { outcome: 'bad outcome with spaces' });
    const deadline = Date.now() + 5000;
    let record = await flow(id);
    while (record.validation.valid && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      record = await flow(id);
    }
    expect(record.draft.nodes.find((n) => n.id === 'done')?.data).toEqual({
      outcome: 'bad outcome with spaces',
    });
    expect(record.validation.errors).toMatchObject([{ code: 'invalid-data', nodeId: 'done' }]);
    // Attributed to whoever edited (here an API key with the designer role).
    expect(record.updatedBy).toMatchObject({ kind: 'integration', name: expect.stringMatching(/^test key/) });
  });

  it('sends REST changes to connected editors', async () => {
    const created = await baton.request({
      method: 'POST',
      url: '/api/flows',
      payload: { name: 'Patched', nodes: [trigger] },
      token: designer,
    });
    const { id } = created.json<FlowRecord>();
    const editor = await openDraft(id);
    const res = await baton.request({
      method: 'PATCH',
      url: `/api/flows/${id}`,
      payload: { name: 'Patched again', nodes: [trigger, done] },
      token: designer,
    });
    expect(res.statusCode).toBe(200);
    await waitFor(() => editor.doc.getMap('nodes').has('done'), 'the editor to see the new node');
    expect(editor.doc.getMap('meta').get('name')).toBe('Patched again');
  });
});
