/**
 * Attack 6: `POST /api/issues/:id/timeline` took `author` and `at` from the caller, so an agent could
 * write a note "by the admin", dated 2020. Now the author is the caller; only an integration may
 * name someone else, and only the customer of a customer-side event. Whoever sent it is recorded as
 * `receivedBy`, and a caller's `at` is kept as `occurredAt` beside the server's own time.
 */
import type { TimelineEvent } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/shared/clock.ts';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

const NOW = '2026-01-05T09:00:00.000Z';
let baton: TestBaton;
let agent: string;
let integrator: string;
let issueId: string;
let customerId: string;

beforeAll(async () => {
  baton = await startTestBaton({ clock: new ManualClock(NOW) });
  agent = await baton.tokenFor('agent');
  integrator = await baton.tokenFor('integrator');
  const issue = await baton.request({
    method: 'POST',
    url: '/api/issues',
    payload: { subject: 'Forgery', body: 'Hello.', channel: 'email', customer: { email: 'f@example.com' } },
  });
  issueId = issue.json().id;
  customerId = issue.json().customerId;
});
afterAll(() => baton.close());

const post = (token: string, payload: object) =>
  baton.request({ method: 'POST', url: `/api/issues/${issueId}/timeline`, payload, token });

describe('timeline authorship', () => {
  it('refuses a note "by the admin" from an agent, and keeps nothing of it', async () => {
    const forged = await post(agent, {
      type: 'internal_note',
      text: 'Approved a full refund.',
      author: { kind: 'user', id: 'admin', name: 'Administrator' },
      at: '2020-01-01T00:00:00.000Z',
    });
    expectProblem(forged, 422, /author/);
    const timeline = await baton.request({ url: `/api/issues/${issueId}/timeline` });
    expect(timeline.json().items.some((e: TimelineEvent) => e.type === 'internal_note')).toBe(false);
    await expectHealthy(baton);
  });

  it('records the caller as author and receiver, and a claimed time as occurredAt only', async () => {
    const note = await post(agent, {
      type: 'internal_note',
      text: 'Checked the logs.',
      at: '2020-01-01T00:00:00.000Z',
    });
    expect(note.statusCode, note.body).toBe(201);
    const event = note.json<TimelineEvent>();
    expect(event.author.kind).toBe('integration');
    expect(event.receivedBy).toEqual(event.author);
    expect(event.at).toBe(NOW);
    expect(event.occurredAt).toBe('2020-01-01T00:00:00.000Z');
  });

  it('lets an integration name the customer of a customer-side event, never an agent', async () => {
    const relayed = await post(integrator, {
      type: 'customer_message',
      text: 'Any news?',
      author: { kind: 'customer', id: customerId },
    });
    expect(relayed.statusCode, relayed.body).toBe(201);
    const event = relayed.json<TimelineEvent>();
    expect(event.author).toMatchObject({ kind: 'customer', id: customerId });
    expect(event.receivedBy?.kind).toBe('integration');

    expectProblem(
      await post(integrator, {
        type: 'agent_reply',
        text: 'We refunded you.',
        author: { kind: 'agent', id: 'agt_x' },
      }),
      422,
      /author/,
    );
    expectProblem(
      await post(integrator, {
        type: 'customer_message',
        text: 'x',
        author: { kind: 'customer', id: 'cus_other' },
      }),
      422,
      /customer/,
    );
    await expectHealthy(baton);
  });
});
