/**
 * The retrieval index of past issues is built after start-up (the warm-up), not before it: a fresh
 * instance over a store with history answers at once, says `warming` until every past issue is in,
 * never starts the warm-up on its own before its delay, and then finds what an instance that indexed
 * the same issues as they resolved finds (scores differ a little: vector weights use the IDF of the
 * moment a document was added, see vector-index.ts).
 */
import type { Issue, SimilarResults } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../events/bus.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { IntelligenceService } from './service.ts';

let baton: TestBaton;
beforeEach(async () => {
  baton = await startTestBaton();
});
afterEach(() => baton.close());

const HISTORY = [
  [
    'VPN disconnects every hour',
    'Our VPN client drops the connection every hour.',
    'Update the VPN client to 9.3.2.',
  ],
  [
    'Invoice shows the wrong VAT rate',
    'The March invoice has 21% VAT, we are exempt.',
    'Issued a corrected invoice.',
  ],
  [
    'Cannot log in after password reset',
    'The new password is refused on the sign-in page.',
    'Cleared the stale session.',
  ],
  [
    'VPN client crashes on start',
    'Since the update the VPN client closes right after it opens.',
    'Reinstalled 9.3.2.',
  ],
  ['Export to CSV is empty', 'The CSV export has headers but no rows.', 'Fixed the export filter.'],
] as const;

async function resolvedIssue([subject, body, answer]: readonly [string, string, string]): Promise<Issue> {
  const res = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: { channel: 'email', customer: { email: 'kim@example.com', name: 'Kim' }, subject, body },
  });
  const issue = res.json<Issue>();
  const agent = await baton.request({
    method: 'POST',
    url: '/api/agents',
    payload: { name: `Sam ${subject.length}`, email: `sam${subject.length}@example.com`, timeZone: 'UTC' },
  });
  const token = await baton.tokenForAgent(agent.json().id as string);
  await baton.request({
    method: 'POST',
    url: `/api/issues/${issue.id}/timeline`,
    payload: { type: 'agent_reply', text: answer },
    token,
  });
  await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { status: 'resolved' } });
  return issue;
}

/** A second instance over the same store, as after a restart: nothing indexed yet; its own bus. */
function restarted(warmDelayMs: number): { fresh: IntelligenceService; bus: EventBus } {
  const { store, clock, issues, timeline } = baton.services;
  const log = { error: () => {} };
  const bus = new EventBus(log);
  const fresh = new IntelligenceService(store, { clock, bus, issues, timeline, log, warmDelayMs });
  fresh.start();
  return { fresh, bus };
}

describe('retrieval warm-up', () => {
  it('answers at once while warming, then finds what the instance that indexed as issues resolved finds', async () => {
    for (const row of HISTORY) await resolvedIssue(row);
    await baton.services.bus.drain();
    const incoming = await baton.request({
      method: 'POST',
      url: '/api/issues',
      payload: {
        channel: 'email',
        customer: { email: 'lee@example.com', name: 'Lee' },
        subject: 'VPN keeps disconnecting',
        body: 'The VPN client drops every hour.',
      },
    });
    const id = incoming.json<Issue>().id;
    const live = await baton.services.intelligence.similar(id);
    expect(live.items.length).toBeGreaterThan(0);

    const { fresh } = restarted(3_600_000);
    fresh.scheduleWarmUp();
    // Its timer is an hour away: nothing is indexed and the answer says why.
    const cold: SimilarResults = await fresh.similar(id);
    expect(cold.retrieval.warming).toBe(true);
    expect(cold.items).toEqual([]);
    expect(fresh.warming).toBe(true);
    // Asking started the warm-up without waiting for it; once done, it finds the same documents.
    await fresh.ready();
    const warm = await fresh.similar(id);
    expect(warm.retrieval.warming).toBe(false);
    const keys = (r: SimilarResults) => r.items.map((i) => `${i.kind}:${i.id}`);
    expect(new Set(keys(warm))).toEqual(new Set(keys(live)));
    // The VPN issue and its KB draft (same title) come first in both.
    for (const answer of [warm, live]) {
      expect(answer.items.slice(0, 2).map((i) => i.title)).toEqual([
        'VPN disconnects every hour',
        'VPN disconnects every hour',
      ]);
    }
    fresh.stop();
  });

  it('leaves alone what the bus changed while it ran: a reopened issue is not put back', async () => {
    const issues = [];
    for (const row of HISTORY) issues.push(await resolvedIssue(row));
    await baton.services.bus.drain();
    const { fresh, bus } = restarted(0);
    const done = fresh.warmUp();
    // The warm-up has read its first page (the store still says resolved); then the first issue
    // reopens. Without the guard the warm-up would put it back from the page it read.
    const reopened = { ...issues[0]!, status: 'open' as const };
    bus.emit({
      type: 'issue.updated',
      at: new Date().toISOString(),
      issue: reopened,
      changes: { status: { from: 'resolved', to: 'open' } },
    } as never);
    await bus.drain();
    await done;
    expect(fresh.index.get(`issue:${issues[0]!.id}`)).toBeUndefined();
    expect(fresh.index.get(`issue:${issues[1]!.id}`)).toBeDefined();
    fresh.stop();
  });
});
