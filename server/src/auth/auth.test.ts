import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import authPlugin from './plugin.ts';

let baton: TestBaton;
beforeAll(async () => {
  baton = await startTestBaton();
});
afterAll(() => baton.close());

describe('authentication', () => {
  it('answers 401 with a problem and a challenge when no token is sent', async () => {
    const res = await baton.request({ url: '/api/issues', token: null });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 for an unknown token', async () => {
    const res = await baton.request({ url: '/api/issues', token: 'bts_not-a-session' });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('unknown, expired or revoked');
  });

  it('keeps health public', async () => {
    const res = await baton.request({ url: '/api/health', token: null });
    expect(res.json()).toEqual({ status: 'ok', store: 'embedded' });
  });

  it('signs users in and out with email and password', async () => {
    const created = await baton.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'Grace@Example.com',
        name: 'Grace Hopper',
        roles: ['agent'],
        password: 'correct horse battery',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).not.toHaveProperty('passwordHash');

    const wrong = await baton.request({
      method: 'POST',
      url: '/api/auth/login',
      token: null,
      payload: { email: 'grace@example.com', password: 'wrong password!!' },
    });
    expect(wrong.statusCode).toBe(401);

    const login = await baton.request({
      method: 'POST',
      url: '/api/auth/login',
      token: null,
      payload: { email: 'grace@example.com', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const { token } = login.json();
    expect(token).toMatch(/^bts_/);
    const me = (await baton.request({ url: '/api/auth/me', token })).json();
    expect(me.principal).toMatchObject({ kind: 'user', email: 'grace@example.com', roles: ['agent'] });

    expect((await baton.request({ method: 'POST', url: '/api/auth/logout', token })).statusCode).toBe(204);
    expect((await baton.request({ url: '/api/auth/me', token })).statusCode).toBe(401);
  });

  it('signs a disabled user out everywhere', async () => {
    const user = (
      await baton.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          email: 'temp@example.com',
          name: 'Temp',
          roles: ['viewer'],
          password: 'temporary password',
        },
      })
    ).json();
    const { token } = (
      await baton.request({
        method: 'POST',
        url: '/api/auth/login',
        token: null,
        payload: { email: 'temp@example.com', password: 'temporary password' },
      })
    ).json();
    await baton.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { disabled: true } });
    expect((await baton.request({ url: '/api/auth/me', token })).statusCode).toBe(401);
  });
});

describe('authorization', () => {
  it('lets viewers read but not write, and says which role is needed', async () => {
    const viewer = await baton.tokenFor('viewer');
    expect((await baton.request({ url: '/api/issues', token: viewer })).statusCode).toBe(200);
    const res = await baton.request({
      method: 'POST',
      url: '/api/issues',
      token: viewer,
      payload: { subject: 's', body: 'b', channel: 'api', customer: { email: 'a@b.co', name: 'A' } },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe(
      'POST /api/issues needs the role admin or agent or integrator; you have viewer',
    );
  });

  it('keeps user and key management to admins', async () => {
    const agent = await baton.tokenFor('agent');
    expect((await baton.request({ url: '/api/users', token: agent })).statusCode).toBe(403);
    expect(
      (await baton.request({ method: 'POST', url: '/api/teams', token: agent, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses to start a server with a route that declares no access', async () => {
    const app = Fastify();
    await app.register(authPlugin, { auth: baton.services.auth });
    await expect(
      app.register(async (scope) => {
        scope.get('/api/open-by-accident', async () => 'oops');
      }),
    ).rejects.toThrow('does not declare config.access');
  });
});

describe('API keys', () => {
  it('shows the secret once, stores it hashed and stops working when revoked', async () => {
    const created = await baton.request({
      method: 'POST',
      url: '/api/api-keys',
      payload: { name: 'Zendesk bridge', roles: ['integrator'] },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json();
    expect(secret).toMatch(/^btk_/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const listed = (await baton.request({ url: '/api/api-keys' })).body;
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain('secretHash');

    expect((await baton.request({ url: '/api/issues', token: secret })).statusCode).toBe(200);
    await baton.request({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}` });
    expect((await baton.request({ url: '/api/issues', token: secret })).statusCode).toBe(401);
  });
});
