/**
 * Baton as a new user meets it: started as its own process on a fresh folder, used over HTTP,
 * killed with SIGKILL and started again on the same folder.
 */

import type { Issue } from '@baton/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton, readJson, startBaton } from '../helpers/server.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

const started: RunningBaton[] = [];
afterAll(async () => {
  for (const b of started) await b.cleanup();
});

describe('a fresh Baton', () => {
  it('keeps every acknowledged issue across kill -9 and answers errors as problems', async () => {
    const first = await startBaton();
    started.push(first);

    expect(await readJson(await api(first, '/api/health'))).toEqual({ status: 'ok', store: 'embedded' });
    const empty = await readJson<Page<Issue>>(await api(first, '/api/issues'));
    expect(empty.items).toEqual([]);

    const payload = {
      subject: 'Invoice charged twice',
      body: 'We were billed twice for November.',
      channel: 'email',
      priority: 'high',
      externalId: 'mail:<abc@example.com>',
      customer: { email: 'billing@acme.test', name: 'Acme Billing' },
    };
    const created = await api(first, '/api/issues', { method: 'POST', json: payload });
    expect(created.status).toBe(201);
    const issue = await readJson<Issue>(created);
    const note = await api(first, `/api/issues/${issue.id}/timeline`, {
      method: 'POST',
      json: { type: 'internal_note', text: 'Refund approved by finance.' },
    });
    expect(note.status).toBe(201);
    const beforeKill = await readJson<Issue>(await api(first, `/api/issues/${issue.id}`));
    expect(beforeKill.lastActivityAt >= issue.lastActivityAt).toBe(true);

    await first.kill();

    const second = await startBaton({ dataDir: first.dataDir, adminToken: first.adminToken });
    started.push(second);
    const again = await api(second, `/api/issues/${issue.id}`);
    expect(again.status).toBe(200);
    expect(await readJson(again)).toEqual(beforeKill);
    const timeline = await readJson<Page<{ type: string }>>(
      await api(second, `/api/issues/${issue.id}/timeline`),
    );
    expect(timeline.items.map((e) => e.type)).toEqual(['customer_message', 'internal_note']);

    const duplicate = await api(second, '/api/issues', { method: 'POST', json: payload });
    expect(duplicate.status).toBe(200);
    expect((await readJson<Issue>(duplicate)).id).toBe(issue.id);
    expect((await readJson<Page<Issue>>(await api(second, '/api/issues'))).items).toHaveLength(1);

    const malformed = await api(second, '/api/issues', { method: 'POST', json: { ...payload, channel: 42 } });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect((await readJson<{ errors: unknown[] }>(malformed)).errors).toEqual([
      { pointer: '/body/channel', detail: 'must be string' },
      expect.objectContaining({ pointer: '/body/channel' }),
    ]);

    const anonymous = await fetch(`${second.url}/api/issues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');

    const docs = await fetch(`${second.url}/api/docs/json`);
    expect(docs.status).toBe(200);
    const openapi = await readJson<{ paths: Record<string, unknown> }>(docs);
    expect(openapi.paths['/api/issues']).toBeDefined();
  });

  it('generates and prints an admin token once when none is configured', async () => {
    const b = await startBaton({ env: { BATON_ADMIN_TOKEN: '' } });
    started.push(b);
    const line = b.output.find((l) => l.includes('Admin token (shown once'));
    expect(line).toBeDefined();
    const token = /(bat_[A-Za-z0-9_-]+)/.exec(line ?? '')?.[1];
    expect(token).toBeDefined();
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await readJson<{ principal: { roles: string[] } }>(me)).principal.roles).toEqual(['admin']);
    await b.stop();

    const restarted = await startBaton({ dataDir: b.dataDir, env: { BATON_ADMIN_TOKEN: '' } });
    started.push(restarted);
    expect(restarted.output.some((l) => l.includes('Admin token (shown once'))).toBe(false);
    const meAgain = await fetch(`${restarted.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(meAgain.status).toBe(200);
  });
});
