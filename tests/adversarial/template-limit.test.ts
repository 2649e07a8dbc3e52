/**
 * Attack 4: `POST /api/notifications` rendered a caller's Liquid template on the event loop; nested
 * loops held it about a second per request. Now templates render in a worker thread with a hard time
 * limit: the runaway template gets a 422 naming the limit, and the server answers meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

let baton: TestBaton;
let userId: string;

beforeAll(async () => {
  baton = await startTestBaton({ services: { notifications: { templates: { timeoutMs: 300 } } } });
  const user = await baton.services.auth.createUser({
    email: 'pager@example.com',
    name: 'Pager',
    roles: ['agent'],
    password: 'correct horse battery staple',
  });
  userId = user.id;
});
afterAll(() => baton.close());

const loops =
  '{% for a in (1..2000) %}{% for b in (1..2000) %}{% for c in (1..2000) %}x{% endfor %}{% endfor %}{% endfor %}';

function send(text: string) {
  return baton.request({
    method: 'POST',
    url: '/api/notifications',
    payload: { to: { kind: 'user', id: userId }, template: { text } },
  });
}

describe('notification templates', () => {
  it('a runaway template is stopped at the time limit (422) while the server keeps answering', async () => {
    let answeredAt = 0;
    const pending = send(loops).then((answer) => {
      answeredAt = Date.now();
      return answer;
    });
    // The event loop is free while the template spins: health answers before the render ends.
    const health = await baton.request({ url: '/api/health', token: null });
    const healthAt = Date.now();
    expect(health.statusCode).toBe(200);
    const answer = await pending;
    expect(healthAt).toBeLessThan(answeredAt);
    expectProblem(answer, 422, /longer than 300 ms/);
    expect(answer.json().errors[0].pointer).toBe('/body/template/text');
    await expectHealthy(baton);
  }, 60_000);

  it('ordinary templates still render, also right after a runaway one', async () => {
    expectProblem(await send(loops), 422);
    const ok = await send('Hello {{ recipient.name | default: "there" }}');
    expect(ok.statusCode, ok.body).toBe(202);
    // A template with tags renders in the (new) worker.
    const looped = await send('{% for i in (1..3) %}{{ i }}{% endfor %}');
    expect(looped.statusCode, looped.body).toBe(202);
    await expectHealthy(baton);
  }, 60_000);
});
