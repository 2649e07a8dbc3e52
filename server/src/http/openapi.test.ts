import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
beforeAll(async () => {
  baton = await startTestBaton();
});
afterAll(() => baton.close());

function resolvePointer(doc: unknown, ref: string): unknown {
  let node: unknown = doc;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('OpenAPI document', () => {
  it('is served publicly and every $ref in it resolves inside it', async () => {
    const res = await baton.request({ url: '/api/docs/json', token: null });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const refs = new Set<string>();
    JSON.stringify(doc, (key, value) => {
      if (key === '$ref') refs.add(value);
      return value;
    });
    expect(refs.size).toBeGreaterThan(10);
    const dangling = [...refs].filter(
      (ref) => !ref.startsWith('#/') || resolvePointer(doc, ref) === undefined,
    );
    expect(dangling).toEqual([]);
  });

  it('documents the issue routes with their bodies', async () => {
    const doc = (await baton.request({ url: '/api/docs/json' })).json();
    expect(doc.paths['/api/issues'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/IssueCreate',
    });
    expect(doc.paths['/api/issues/{id}/timeline'].get).toBeDefined();
  });
});
