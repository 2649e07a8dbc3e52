import type { Issue, TimelineEvent } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
beforeEach(async () => {
  baton = await startTestBaton();
});
afterEach(() => baton.close());

const newIssue = (over: Record<string, unknown> = {}) => ({
  subject: 'Cannot log in after password reset',
  body: 'Since this morning the reset link says it has expired.',
  channel: 'email',
  customer: { email: 'Ada@Example.com', name: 'Ada Lovelace' },
  ...over,
});

async function post(payload: object) {
  return baton.request({ method: 'POST', url: '/api/issues', payload });
}

describe('opening issues', () => {
  it('creates an issue with defaults and the opening message on its timeline', async () => {
    const res = await post(newIssue({ tags: ['login'] }));
    expect(res.statusCode).toBe(201);
    const issue = res.json<Issue>();
    expect(res.headers.location).toBe(`/api/issues/${issue.id}`);
    expect(issue).toMatchObject({ status: 'new', priority: 'medium', tags: ['login'], channel: 'email' });
    expect(issue.id).toMatch(/^iss_/);

    const timeline = (await baton.request({ url: `/api/issues/${issue.id}/timeline` })).json();
    expect(timeline.items).toHaveLength(1);
    expect(timeline.items[0]).toMatchObject({
      type: 'customer_message',
      text: issue.body,
      author: { kind: 'customer', id: issue.customerId },
    });
  });

  it('returns the same issue for the same externalId, never a duplicate', async () => {
    const first = await post(newIssue({ externalId: 'zendesk:4711' }));
    const again = await post(newIssue({ externalId: 'zendesk:4711', subject: 'retried delivery' }));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const list = (await baton.request({ url: '/api/issues' })).json();
    expect(list.items).toHaveLength(1);
  });

  it('keeps one issue when deliveries of the same externalId race', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(newIssue({ externalId: 'chat:race' }))),
    );
    const ids = new Set(results.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const timeline = (await baton.request({ url: `/api/issues/${[...ids][0]}/timeline` })).json();
    expect(timeline.items).toHaveLength(1);
    // The losers' opening messages were written beside their refused issues, then taken back.
    const customerId = results[0]!.json().customerId;
    const across = (await baton.request({ url: `/api/customers/${customerId}/timeline` })).json();
    expect(across.items.map((e: { issueId: string }) => e.issueId)).toEqual([...ids]);
  });

  it('recognises a returning customer by email', async () => {
    const a = (await post(newIssue())).json<Issue>();
    const b = (await post(newIssue({ customer: { email: 'ada@example.com' } }))).json<Issue>();
    expect(b.customerId).toBe(a.customerId);
  });

  it('refuses a customer id that does not exist, naming the field', async () => {
    const res = await post(newIssue({ customer: { id: 'cus_missing' } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { pointer: '/body/customer/id', detail: 'no customer cus_missing exists' },
    ]);
  });
});

describe('listing issues', () => {
  it('pages newest first with a cursor, without gaps or repeats, and filters', async () => {
    const clock = baton.clock as ManualClock;
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(1000);
      const priority = i % 2 ? 'high' : 'low';
      created.push((await post(newIssue({ subject: `issue ${i}`, priority }))).json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/issues?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await baton.request({ url })).json();
      seen.push(...page.items.map((i: Issue) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());

    const high = (await baton.request({ url: '/api/issues?priority=high' })).json();
    expect(high.items.map((i: Issue) => i.subject)).toEqual(['issue 5', 'issue 3', 'issue 1']);
  });

  it('rejects a cursor it did not issue', async () => {
    const res = await baton.request({ url: '/api/issues?cursor=not-a-cursor' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/query/cursor');
  });
});

describe('changing issues', () => {
  it('records each change on the timeline and sets resolvedAt while resolved', async () => {
    const issue = (await post(newIssue())).json<Issue>();
    const resolved = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { status: 'resolved', priority: 'high', tags: ['vip'] },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', priority: 'high', tags: ['vip'] });
    expect(resolved.json().resolvedAt).toBeDefined();

    const reopened = (
      await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { status: 'open' } })
    ).json();
    expect(reopened.resolvedAt).toBeUndefined();

    const events = (await baton.request({ url: `/api/issues/${issue.id}/timeline` })).json()
      .items as TimelineEvent[];
    const changes = events.filter((e) => e.type === 'system_event');
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ action: 'issue.updated', author: { kind: 'user', id: 'admin' } });
    expect(changes[0]?.type === 'system_event' && changes[0].text).toContain('status: new → resolved');
  });

  it('assigns to existing agents and teams only', async () => {
    const issue = (await post(newIssue())).json<Issue>();
    const missing = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { assignee: { agentId: 'agt_nobody' } },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].pointer).toBe('/body/assignee/agentId');

    const team = (
      await baton.request({ method: 'POST', url: '/api/teams', payload: { name: 'Tier 2' } })
    ).json();
    const assigned = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { assignee: { teamId: team.id } },
    });
    expect(assigned.json().assignee).toEqual({ teamId: team.id });
    const cleared = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { assignee: null },
    });
    expect(cleared.json().assignee).toBeUndefined();
    const byTeam = (await baton.request({ url: `/api/issues?teamId=${team.id}` })).json();
    expect(byTeam.items).toHaveLength(0);
  });

  it('emits issue.updated with the changes', async () => {
    const seen: unknown[] = [];
    baton.services.bus.on('issue.updated', (e) => {
      seen.push(e.changes);
    });
    const issue = (await post(newIssue())).json<Issue>();
    await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { priority: 'critical' },
    });
    await baton.services.bus.drain();
    expect(seen).toEqual([{ priority: { from: 'medium', to: 'critical' } }]);
  });
});

describe('timelines', () => {
  it('appends notes and replies; a customer writing back reopens a pending issue', async () => {
    const issue = (await post(newIssue())).json<Issue>();
    const reply = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/timeline`,
      payload: { type: 'agent_reply', text: 'Could you send a screenshot?' },
    });
    expect(reply.statusCode).toBe(201);
    expect((await baton.request({ url: `/api/issues/${issue.id}` })).json().status).toBe('open');

    await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { status: 'pending' } });
    await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/timeline`,
      payload: { type: 'customer_message', text: 'Here it is.' },
    });
    expect((await baton.request({ url: `/api/issues/${issue.id}` })).json().status).toBe('open');
  });

  it('stores call transcripts with speakers and timestamps', async () => {
    const issue = (await post(newIssue())).json<Issue>();
    const res = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/timeline`,
      payload: {
        type: 'call_transcript',
        durationSec: 95,
        segments: [
          { speaker: 'customer', startSec: 0, endSec: 12.5, text: 'The export hangs at 90%.' },
          { speaker: 'agent', startSec: 13, text: 'Which browser are you on?' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().segments).toHaveLength(2);
  });

  it('merges every issue of a customer into one ordered timeline', async () => {
    const clock = baton.clock as ManualClock;
    const first = (await post(newIssue({ subject: 'first' }))).json<Issue>();
    clock.advance(60_000);
    const second = (await post(newIssue({ subject: 'second' }))).json<Issue>();
    clock.advance(60_000);
    await baton.request({
      method: 'POST',
      url: `/api/issues/${first.id}/timeline`,
      payload: { type: 'internal_note', text: 'Linked to the second report.' },
    });
    const res = await baton.request({ url: `/api/customers/${first.customerId}/timeline?limit=2` });
    const page1 = res.json();
    const page2 = (
      await baton.request({
        url: `/api/customers/${first.customerId}/timeline?limit=2&cursor=${page1.nextCursor}`,
      })
    ).json();
    const all = [...page1.items, ...page2.items] as TimelineEvent[];
    expect(all.map((e) => [e.issueId, e.type])).toEqual([
      [first.id, 'customer_message'],
      [second.id, 'customer_message'],
      [first.id, 'internal_note'],
    ]);
    expect(page2.nextCursor).toBeNull();

    const newest = (
      await baton.request({ url: `/api/customers/${first.customerId}/timeline?order=desc&limit=2` })
    ).json();
    const older = (
      await baton.request({
        url: `/api/customers/${first.customerId}/timeline?order=desc&limit=2&cursor=${newest.nextCursor}`,
      })
    ).json();
    expect([...newest.items, ...older.items].map((e: TimelineEvent) => e.id)).toEqual(
      all.map((e) => e.id).reverse(),
    );
  });

  it('leaves workspace comments and decisions to the workspace', async () => {
    const issue = (await post(newIssue())).json<Issue>();
    const res = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/timeline`,
      payload: { type: 'decision', text: 'Refund', decisionId: 'd1', decidedAt: '2026-01-05T09:00:00.000Z' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].pointer).toBe('/body/type');
  });

  it('answers 404 for an unknown issue', async () => {
    const res = await baton.request({ url: '/api/issues/iss_unknown/timeline' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('issue iss_unknown does not exist');
  });
});
