import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
beforeAll(async () => {
  baton = await startTestBaton({ bodyLimit: 16 * 1024 });
});
afterAll(() => baton.close());

const valid = {
  subject: 'Printer on fire',
  body: 'Literally.',
  channel: 'phone',
  customer: { email: 'x@y.dev', name: 'X' },
};

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { type: string; title: string; status: number; detail: string };
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^https:\/\/baton\.dev\/problems\//);
  expect(body.title).toBeTruthy();
  return body as typeof body & { errors?: { pointer: string; detail: string }[] };
}

describe('problem details', () => {
  it('names a missing field', async () => {
    const { subject: _s, ...rest } = valid;
    const body = expectProblem(
      await baton.request({ method: 'POST', url: '/api/issues', payload: rest }),
      400,
    );
    expect(body.errors).toEqual([{ pointer: '/body/subject', detail: 'is required' }]);
    expect(body.detail).toBe('body/subject is required');
  });

  it('names every wrong field at once', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/issues',
      payload: { ...valid, channel: 'fax', priority: 3, tags: 'a', nickname: 'z' },
    });
    const pointers = expectProblem(res, 400).errors?.map((e) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/body/channel', '/body/priority', '/body/tags', '/body/nickname']),
    );
  });

  it('names the timeline event type when it is unknown', async () => {
    const issue = (await baton.request({ method: 'POST', url: '/api/issues', payload: valid })).json();
    const res = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/timeline`,
      payload: { type: 'fax', text: 'hi' },
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { pointer: '/body/type', detail: '"fax" is not a known type' },
    ]);
  });

  it('names fields of the wrong event variant', async () => {
    const issue = (await baton.request({ method: 'POST', url: '/api/issues', payload: valid })).json();
    const res = await baton.request({
      method: 'POST',
      url: `/api/issues/${issue.id}/timeline`,
      payload: { type: 'internal_note', text: 'x', segments: [] },
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { pointer: '/body/segments', detail: 'is not a known field for this type' },
    ]);
  });

  it('names query parameters', async () => {
    const res = await baton.request({ url: '/api/issues?limit=abc&status=gone' });
    const pointers = expectProblem(res, 400).errors?.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/query/limit', '/query/status']));
  });

  it('refuses a body that is not JSON', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/issues',
      headers: { 'content-type': 'application/json' },
      payload: '{"subject": ',
    });
    expectProblem(res, 400);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/issues',
      payload: { ...valid, body: 'x'.repeat(20_000) },
    });
    expect(expectProblem(res, 413).detail).toContain('BATON_BODY_LIMIT');
  });

  it('refuses other media types with 415', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/issues',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expectProblem(res, 415);
  });

  it('answers unknown routes with a 404 problem', async () => {
    expectProblem(await baton.request({ url: '/api/nothing-here' }), 404);
  });

  it('refuses prototype pollution attempts', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/issues',
      headers: { 'content-type': 'application/json' },
      payload: `{"subject":"a","body":"b","channel":"email","customer":{"email":"a@b.c","name":"A"},"__proto__":{"admin":true}}`,
    });
    expect(res.statusCode).toBe(400);
  });
});

/** A small seeded generator of hostile JSON, so failures reproduce. */
function* hostileValues(seed: number, count: number): Generator<unknown> {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const atoms: unknown[] = [
    null,
    true,
    0,
    -1,
    1e308,
    '',
    ' ',
    'x'.repeat(600),
    '\u0000',
    '😀',
    [],
    {},
    '2026-13-45',
  ];
  const keys = [
    'subject',
    'body',
    'channel',
    'customer',
    'priority',
    'tags',
    'type',
    'text',
    'status',
    'assignee',
    'segments',
    'id',
    'email',
    'name',
    'roles',
  ];
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.4) return atoms[Math.floor(rnd() * atoms.length)];
    if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(rnd() * 6) }, () => [
        keys[Math.floor(rnd() * keys.length)],
        value(depth + 1),
      ]),
    );
  };
  for (let i = 0; i < count; i++) yield value(0);
}

describe('hostile input', () => {
  it('never answers 5xx, whatever the body', async () => {
    const issue = (await baton.request({ method: 'POST', url: '/api/issues', payload: valid })).json();
    const targets: [string, string][] = [
      ['POST', '/api/issues'],
      ['PATCH', `/api/issues/${issue.id}`],
      ['POST', `/api/issues/${issue.id}/timeline`],
      ['POST', '/api/teams'],
      ['POST', '/api/agents'],
      ['POST', '/api/users'],
      ['POST', '/api/auth/login'],
      ['POST', '/api/customers'],
    ];
    let i = 0;
    for (const payload of hostileValues(42, 400)) {
      const [method, url] = targets[i++ % targets.length]!;
      const res = await baton.request({
        method: method as 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      if (res.statusCode >= 500)
        throw new Error(`${method} ${url} with ${JSON.stringify(payload)} → ${res.body}`);
    }
  });

  it('never answers 5xx to odd paths and query strings', async () => {
    for (const url of [
      '/api/issues/%00',
      '/api/issues/%E0%A4%A',
      `/api/issues/${'a'.repeat(300)}`,
      '/api/issues?limit=1&limit=2',
      '/api/issues?tag[$ne]=x',
      '/api/issues?cursor=W10',
      '/api/customers/../issues',
    ]) {
      const res = await baton.request({ url });
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
