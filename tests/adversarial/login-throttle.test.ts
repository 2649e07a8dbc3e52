/**
 * Attack 7 (part): sign-in had no throttling, so passwords could be guessed as fast as the server
 * answered. Now an account locks after repeated failures (even the right password is refused until
 * the lockout ends) and one address may only try so often a minute; both answer 429 problems with
 * Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/shared/clock.ts';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

const clock = new ManualClock('2026-01-05T09:00:00.000Z');
const password = 'correct horse battery staple';
let baton: TestBaton;

beforeAll(async () => {
  baton = await startTestBaton({
    clock,
    services: { signIn: { maxFailures: 3, lockoutMs: 60_000, attemptsPerMinute: 12 } },
  });
  for (const email of ['ann@example.com', 'bob@example.com']) {
    await baton.services.auth.createUser({ email, name: email, roles: ['agent'], password });
  }
});
afterAll(() => baton.close());

const signIn = (email: string, pass: string, ip = '10.0.0.1') =>
  baton.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: pass },
    token: null,
    remoteAddress: ip,
  });

describe('sign-in throttling', () => {
  it('locks an account after repeated failures, then lets it in once the lockout ends', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await signIn('ann@example.com', 'guess'), 401);
    const locked = await signIn('ann@example.com', password);
    expectProblem(locked, 429, /failed sign-ins/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected.
    expect((await signIn('bob@example.com', password)).statusCode).toBe(200);
    clock.advance(61_000);
    expect((await signIn('ann@example.com', password)).statusCode).toBe(200);
    await expectHealthy(baton);
  });

  it('limits how often one address may try, whatever the account', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 14; i++)
      answers.push((await signIn(`nobody${i}@example.com`, 'x', '10.0.0.2')).statusCode);
    expect(answers.slice(0, 12).every((s) => s === 401)).toBe(true);
    const limited = await signIn('bob@example.com', password, '10.0.0.2');
    expectProblem(limited, 429, /from your address/);
    expect(limited.headers['retry-after']).toBeDefined();
    // Another address still signs in.
    expect((await signIn('bob@example.com', password, '10.0.0.3')).statusCode).toBe(200);
    await expectHealthy(baton);
  });
});
