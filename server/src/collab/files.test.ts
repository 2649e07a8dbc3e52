/**
 * Workspace files: uploaded raw through the API, stored once per SHA-256 through the file store,
 * listed in the workspace, downloaded with the same bytes.
 */
import { createHash } from 'node:crypto';
import type { FileRef } from '@baton/schemas';
import { afterEach, expect, it } from 'vitest';
import {
  type CollabServer,
  connectClient,
  startCollabServer,
  type TestClient,
  waitFor,
  whenSynced,
} from './testing.ts';

let s: CollabServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await s?.close();
  s = undefined;
});

function upload(
  server: CollabServer,
  issueId: string,
  body: Buffer,
  token: string,
  filename = 'trace.log',
  type = 'text/plain',
) {
  return server.app.inject({
    method: 'POST',
    url: `/api/issues/${issueId}/files?filename=${encodeURIComponent(filename)}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: body,
  });
}

it('stores an upload once by its hash, lists it in the workspace and serves the same bytes', async () => {
  s = await startCollabServer();
  const issue = await s.createIssue();
  const agent = await s.tokenFor('agent');
  const watcher = connectClient(s.url, `issue:${issue.id}`, await s.tokenFor('viewer'));
  clients.push(watcher);
  await whenSynced(watcher);

  // Several stream chunks' worth.
  const bytes = Buffer.alloc(2 * 255 * 1024 + 1234);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const first = await upload(s, issue.id, bytes, agent, 'heap dump.bin', 'application/octet-stream');
  expect(first.statusCode).toBe(201);
  expect(first.headers.location).toBe(`/api/files/${sha256}`);
  const ref = first.json() as FileRef;
  expect(ref).toMatchObject({
    sha256,
    name: 'heap dump.bin',
    size: bytes.length,
    contentType: 'application/octet-stream',
  });
  expect(ref.uploadedBy?.kind).toBe('integration');

  // Live in the workspace for everyone connected.
  await waitFor(() => watcher.doc.getMap('files').has(sha256), 'the file reference to reach the client');

  const again = await upload(s, issue.id, bytes, agent, 'heap dump.bin');
  expect(again.statusCode).toBe(200);
  expect(await s.services.store.collection('collab_files').countDocuments({})).toBe(1);
  // The bytes live beside the store, not in it.
  expect(await s.services.store.collection('collab_file_chunks').countDocuments({})).toBe(0);

  const download = await s.app.inject({
    method: 'GET',
    url: `/api/files/${sha256}`,
    headers: { authorization: `Bearer ${agent}` },
  });
  expect(download.statusCode).toBe(200);
  expect(download.rawPayload.equals(bytes)).toBe(true);
  expect(download.headers['content-type']).toBe('application/octet-stream');
  expect(download.headers['content-disposition']).toMatch(/^attachment/);
  expect(download.headers['x-content-type-options']).toBe('nosniff');

  // Downloads carry the workspace's name for the file, not its hash.
  const named = await s.app.inject({
    method: 'GET',
    url: `/api/files/${sha256}?name=${encodeURIComponent('Heap dump März.bin')}`,
    headers: { authorization: `Bearer ${agent}` },
  });
  expect(named.headers['content-disposition']).toBe(
    `attachment; filename="Heap dump M_rz.bin"; filename*=UTF-8''Heap%20dump%20M%C3%A4rz.bin`,
  );
  const badName = await s.app.inject({
    method: 'GET',
    url: `/api/files/${sha256}?name=${encodeURIComponent('../etc/passwd')}`,
    headers: { authorization: `Bearer ${agent}` },
  });
  expect(badName.statusCode).toBe(400);
  expect(badName.body).toContain('name');

  const workspace = await s.app.inject({
    method: 'GET',
    url: `/api/issues/${issue.id}/workspace`,
    headers: { authorization: `Bearer ${agent}` },
  });
  expect(workspace.json().files).toEqual([expect.objectContaining({ sha256, name: 'heap dump.bin' })]);
});

it('refuses oversize, empty, anonymous and read-only uploads and unknown files', async () => {
  s = await startCollabServer();
  const issue = await s.createIssue();
  const agent = await s.tokenFor('agent');
  const routeLimit = 10 * 1024 * 1024;
  const tooBig = await upload(s, issue.id, Buffer.alloc(routeLimit + 1), agent);
  expect(tooBig.statusCode).toBe(413);
  expect(tooBig.headers['content-type']).toContain('application/problem+json');
  expect((await upload(s, issue.id, Buffer.alloc(0), agent)).statusCode).toBe(400);
  expect((await upload(s, issue.id, Buffer.from('x'), await s.tokenFor('viewer'))).statusCode).toBe(403);
  expect((await upload(s, 'iss_nope', Buffer.from('x'), agent)).statusCode).toBe(404);
  const noName = await s.app.inject({
    method: 'POST',
    url: `/api/issues/${issue.id}/files?filename=..%2Fetc%2Fpasswd`,
    headers: { authorization: `Bearer ${agent}`, 'content-type': 'text/plain' },
    payload: 'x',
  });
  expect(noName.statusCode).toBe(400);
  const anonymous = await s.app.inject({ method: 'GET', url: `/api/files/${'0'.repeat(64)}` });
  expect(anonymous.statusCode).toBe(401);
  const missing = await s.app.inject({
    method: 'GET',
    url: `/api/files/${'0'.repeat(64)}`,
    headers: { authorization: `Bearer ${agent}` },
  });
  expect(missing.statusCode).toBe(404);
  // JSON is a file like any other here, not a request body to parse.
  const json = await upload(
    s,
    issue.id,
    Buffer.from('{"not": "parsed"}'),
    agent,
    'data.json',
    'application/json',
  );
  expect(json.statusCode).toBe(201);
  expect(json.json()).toMatchObject({ contentType: 'application/json', size: 17 });
});
