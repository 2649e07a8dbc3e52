/**
 * Attack 7 (part): `POST /api/sla/calculate` with a target beyond the calendar's horizon answered
 * 500. Now it is a 422 naming the target.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

let baton: TestBaton;
beforeAll(async () => {
  baton = await startTestBaton();
});
afterAll(() => baton.close());

it('a target beyond the calendar horizon is a 422 naming it, not a 500', async () => {
  const answer = await baton.request({
    method: 'POST',
    url: '/api/sla/calculate',
    payload: {
      start: '2026-01-05T09:00:00.000Z',
      targets: { resolution: 'P20000D' },
      calendar: { timeZone: 'Europe/Berlin', hours: [{ days: ['mon'], from: '09:00', to: '10:00' }] },
    },
  });
  expectProblem(answer, 422, /resolution/);
  expect(answer.json().errors[0].pointer).toBe('/body/targets/resolution');
  await expectHealthy(baton);
});
