/**
 * Realistic targets from history: percentiles of the stopped first-response and resolution clocks
 * per priority (business time), and a suggestion rounded to a target people read at a glance.
 */
import type { SlaHistory } from '@baton/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { percentile, roundTarget, summarise } from './history.ts';

const MINUTE = 60_000;

describe('percentiles and suggestions', () => {
  it('takes the nearest rank', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(values, 50), percentile(values, 80), percentile(values, 90)]).toEqual([5, 8, 9]);
    expect(percentile([42], 90)).toBe(42);
  });

  it('rounds up to 5/10/15/30/45 minutes, whole hours below two days, whole days above', () => {
    expect(roundTarget(3 * MINUTE)).toBe('PT5M');
    expect(roundTarget(11 * MINUTE)).toBe('PT15M');
    expect(roundTarget(59 * MINUTE)).toBe('PT1H');
    expect(roundTarget(61 * MINUTE)).toBe('PT2H');
    expect(roundTarget(47 * 60 * MINUTE)).toBe('PT47H');
    expect(roundTarget(50 * 60 * MINUTE)).toBe('P3D');
  });

  it('reports every metric and priority, counting what it measured', () => {
    const history = summarise(
      [
        { metric: 'firstResponse', priority: 'high', elapsedMs: 4 * MINUTE },
        { metric: 'firstResponse', priority: 'high', elapsedMs: 12 * MINUTE },
      ],
      '2026-01-01T00:00:00.000Z',
    );
    expect(history.rows).toHaveLength(8);
    expect(history.rows.find((r) => r.metric === 'firstResponse' && r.priority === 'high')).toEqual({
      metric: 'firstResponse',
      priority: 'high',
      count: 2,
      p50Ms: 4 * MINUTE,
      p80Ms: 12 * MINUTE,
      p90Ms: 12 * MINUTE,
      suggested: 'PT15M',
    });
    expect(history.rows.find((r) => r.priority === 'low')).toEqual({
      metric: 'firstResponse',
      priority: 'low',
      count: 0,
    });
  });
});

describe('GET /api/sla/history', () => {
  const clock = new ManualClock('2026-01-05T09:00:00.000Z'); // a Monday morning, inside business hours
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ clock });
  });
  afterAll(() => baton.close());

  async function settle() {
    await baton.services.bus.drain();
    await baton.services.timers.runDue();
    await baton.services.bus.drain();
  }

  it("measures the organisation's own first responses", async () => {
    for (const [i, minutes] of [5, 10, 20, 40].entries()) {
      const issue = (
        await baton.request({
          method: 'POST',
          url: '/api/issues',
          payload: {
            subject: `Printer ${i}`,
            body: 'x',
            channel: 'email',
            priority: 'high',
            customer: { email: `p${i}@example.com`, name: 'P' },
          },
        })
      ).json();
      await settle();
      clock.advance(minutes * MINUTE);
      await baton.request({
        method: 'POST',
        url: `/api/issues/${issue.id}/timeline`,
        payload: { type: 'agent_reply', text: 'On it' },
      });
      await settle();
    }
    const res = await baton.request({ url: '/api/sla/history?days=30' });
    expect(res.statusCode, res.body).toBe(200);
    const history: SlaHistory = res.json();
    expect(history.rows.find((r) => r.metric === 'firstResponse' && r.priority === 'high')).toMatchObject({
      count: 4,
      p50Ms: 10 * MINUTE,
      p80Ms: 40 * MINUTE,
      suggested: 'PT45M',
    });
    const bad = await baton.request({ url: '/api/sla/history?days=0' });
    expect(bad.statusCode).toBe(400);
  });
});
