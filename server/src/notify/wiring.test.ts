/**
 * Notify as the other modules reach it: the escalation module's `escalation.notify` notices become
 * outbox entries per person and channel (once per step, however often the event arrives).
 */

import type { Notification } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';

let baton: PluginTestBaton;
beforeEach(async () => {
  baton = await startPluginTestBaton();
});
afterEach(() => baton.close());

describe('wiring', () => {
  it("delivers the escalation module's notices through each person's policy, once per step", async () => {
    const user = (
      await baton.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          email: 'lead@example.com',
          name: 'Lead',
          password: 'correct horse battery',
          roles: ['agent'],
        },
      })
    ).json();
    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Payments down',
          body: 'x',
          channel: 'email',
          customer: { email: 'c@example.com', name: 'C' },
        },
      })
    ).json();
    const notice = {
      type: 'escalation.notify' as const,
      at: baton.clock.now().toISOString(),
      issueId: issue.id,
      escalationId: 'esc_1',
      noticeId: 'ntc_7',
      step: 2,
      recipients: [{ kind: 'user' as const, id: user.id }],
      message: 'Step 2: nobody acknowledged {{ this }} in 15 minutes',
      urgency: 'critical' as const,
    };
    baton.services.bus.emit(notice);
    baton.services.bus.emit(notice);
    await baton.services.bus.drain();
    const queued: Notification[] = (
      await baton.request({ url: `/api/notifications?issueId=${issue.id}` })
    ).json().items;
    expect(queued.map((n) => n.channel).sort()).toEqual(['email', 'in-app']);
    for (const n of queued) {
      expect(n.idempotencyKey).toMatch(/^escalation:esc_1:ntc_7:user:/);
      // The notice is text: Liquid in it is not interpreted.
      expect(n.message).toMatchObject({
        subject: 'Escalation: Payments down',
        text: 'Step 2: nobody acknowledged {{ this }} in 15 minutes',
      });
    }
  });

  it('acknowledging the notice of an escalation step stops the escalation path', async () => {
    const user = (
      await baton.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          email: 'oncall@example.com',
          name: 'On call',
          password: 'correct horse battery',
          roles: ['agent'],
        },
      })
    ).json();
    const issue = (
      await baton.request({
        method: 'POST',
        url: '/api/issues',
        payload: {
          subject: 'Checkout down',
          body: 'x',
          channel: 'email',
          customer: { email: 'c@example.com', name: 'C' },
        },
      })
    ).json();
    const started = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/escalations`,
      payload: {
        steps: [
          { type: 'notify', to: { users: [user.id] }, message: 'Checkout is down', urgency: 'critical' },
          { type: 'wait', duration: 'PT10M' },
          { type: 'notify', to: { users: [user.id] }, message: 'Still down' },
        ],
      },
    });
    expect(started.statusCode, started.body).toBe(201);
    await baton.services.bus.drain();
    const queued: Notification[] = (
      await baton.request({ url: `/api/notifications?issueId=${issue.id}&channel=in-app` })
    ).json().items;
    expect(queued).toHaveLength(1);
    const acked = await baton.request({ method: 'POST', url: `/api/notifications/${queued[0]!.id}/ack` });
    expect(acked.statusCode, acked.body).toBe(200);
    const escalation = (await baton.request({ url: `/api/escalations/${started.json().id}` })).json();
    expect(escalation.status).toBe('acknowledged');
  });
});
