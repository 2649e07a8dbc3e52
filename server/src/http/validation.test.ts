/**
 * Route validators compile on their first request (start-up does not pay for every route's schemas)
 * and `warm()` compiles the rest; both validate exactly as an eager compile would.
 */
import { describe, expect, it } from 'vitest';
import { startTestBaton } from '../testing/harness.ts';
import { createValidatorCompiler } from './validation.ts';

const body = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 } },
  additionalProperties: false,
};

function compile(
  validators: ReturnType<typeof createValidatorCompiler>,
  schema: object,
  httpPart = 'body',
): (data: unknown) => { value?: unknown; error?: unknown } {
  return validators.compiler({ schema, httpPart, method: 'POST', url: '/x' } as never) as never;
}

describe('route validators', () => {
  it('compile on first use: a broken schema fails its first request, not the declaration', () => {
    const validators = createValidatorCompiler();
    const broken = compile(validators, { type: 'object', properties: { a: { type: 'no-such-type' } } });
    expect(() => broken({})).toThrow(/no-such-type|type/);
  });

  it('validate on first use and after warm-up alike, query strings coerced', async () => {
    const validators = createValidatorCompiler();
    const lazy = compile(validators, body);
    const query = compile(
      validators,
      { type: 'object', properties: { limit: { type: 'integer', minimum: 1 } } },
      'querystring',
    );
    await validators.warm();
    expect(lazy({ name: 'Kim' })).toEqual({ value: { name: 'Kim' } });
    expect(lazy({ name: '' }).error).toBeDefined();
    expect(lazy({ name: 'Kim', extra: 1 }).error).toBeDefined();
    const coerced = { limit: '5' };
    expect(query(coerced)).toEqual({ value: { limit: 5 } });
    expect(query({ limit: '0' }).error).toBeDefined();
  });

  it('warm() compiles what no request has used yet, and surfaces a broken schema', async () => {
    const validators = createValidatorCompiler();
    compile(validators, body);
    compile(validators, { type: 'object', properties: { a: { type: 'no-such-type' } } });
    await expect(validators.warm()).rejects.toThrow();
  });

  it("every route's schemas compile (what the background warm-up does after listen)", async () => {
    const baton = await startTestBaton();
    try {
      const app = baton.app as unknown as { compileValidators(): Promise<void> };
      await expect(app.compileValidators()).resolves.toBeUndefined();
    } finally {
      await baton.close();
    }
  });
});
