/**
 * Attack 7 (part): a signed inbound webhook could be replayed as often as wanted within its 5-minute
 * window. Now every verified signature is remembered for the window and the same signed request is
 * refused the second time (409 problem, counted in the plugin's health), while a redelivery signed
 * afresh is applied idempotently.
 */
import { SIGNATURE_HEADER, signPayload } from '@baton/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PluginTestBaton, startPluginTestBaton } from '../../server/src/testing/plugins.ts';
import { expectHealthy, expectProblem } from './support.ts';

const SECRET = 'whsec_replay';
let baton: PluginTestBaton;

beforeAll(async () => {
  baton = await startPluginTestBaton();
  const res = await baton.request({
    method: 'PUT',
    url: '/api/plugins/crm/secrets',
    payload: { secrets: { signingSecret: SECRET } },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => baton.close());

function send(raw: string, signature: string) {
  return baton.request({
    method: 'POST',
    url: '/hooks/crm/customers',
    token: null,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
    payload: raw,
  });
}

describe('signed inbound hooks', () => {
  it('refuse the same signed request twice within the window', async () => {
    const raw = JSON.stringify({
      eventId: 'evt-replay',
      customer: { email: 'replay@example.com', company: 'Replay Co', tier: 'enterprise' },
    });
    const signature = signPayload(SECRET, raw, Math.floor(baton.clock.now().getTime() / 1000));
    const first = await send(raw, signature);
    expect(first.statusCode, first.body).toBeLessThan(300);
    const replay = await send(raw, signature);
    expectProblem(replay, 409, /received already/);
    const info = (await baton.request({ method: 'GET', url: '/api/plugins/crm' })).json();
    expect(info.health.rejectedRequests).toBe(1);
    // Signed afresh (a provider's redelivery), it is accepted again.
    baton.clock.advance(1000);
    const fresh = await send(raw, signPayload(SECRET, raw, Math.floor(baton.clock.now().getTime() / 1000)));
    expect(fresh.statusCode).toBeLessThan(300);
    await expectHealthy(baton);
  });
});
