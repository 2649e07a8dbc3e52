/**
 * Shared by the adversarial suite: every attack ends by asking the server whether it still answers.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestBaton } from '../../server/src/testing/harness.ts';

/** `/api/health` still answers 200 after the attack. */
export async function expectHealthy(baton: Pick<TestBaton, 'request'>): Promise<void> {
  const health = await baton.request({ url: '/api/health', token: null });
  expect(health.statusCode).toBe(200);
  expect(health.json()).toMatchObject({ status: 'ok' });
}

/** An RFC 9457 problem with this status, whose detail matches `detail`. */
export function expectProblem(response: LightMyRequestResponse, status: number, detail?: RegExp): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as { status: number; detail: string; type: string; title: string };
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^https:\/\/baton\.dev\/problems\//);
  if (detail) expect(body.detail).toMatch(detail);
}
