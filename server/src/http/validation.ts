/**
 * Request validation through the one schema registry (`@baton/schemas`): Fastify hands every route
 * schema to Ajv instances that already hold every Baton schema, and failures become problem
 * entries with a JSON pointer into the request (`/body/customer/email`, `/query/limit`).
 */

import type { ProblemFieldError } from '@baton/schemas';
import { createAjv, type SchemaAjv } from '@baton/schemas';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Fastify's validator compiler, compiling each route schema on its first request rather than when the
 * route is declared: compiling every route's schemas cost ~0.9 s of CPU before a server could listen.
 * {@link ValidatorCompiler.warm} compiles the rest in the background once it listens, so a first
 * request rarely pays for its own.
 */
export interface ValidatorCompiler {
  compiler: FastifySchemaCompiler<unknown>;
  /** Compiles every schema not compiled yet, a few at a time with the event loop free between them. */
  warm(): Promise<void>;
}

/** Compiled validators, cached by schema object so each route schema compiles exactly once. */
export function createValidatorCompiler(): ValidatorCompiler {
  // Bodies are validated as sent; query strings and path params arrive as strings and are coerced.
  // The Ajv instances themselves (every Baton schema added) are made on first need too.
  let strict: SchemaAjv | undefined;
  let coercing: SchemaAjv | undefined;
  const ajvFor = (httpPart: string | undefined): SchemaAjv => {
    if (httpPart === 'body') {
      strict ??= createAjv();
      return strict;
    }
    coercing ??= createAjv({ coerceTypes: true });
    return coercing;
  };
  const cache = new WeakMap<object, ValidateFunction>();
  const pending = new Set<() => ValidateFunction>();
  const compiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
    const key = schema as object;
    let validate = cache.get(key);
    const compile = (): ValidateFunction => {
      pending.delete(compile);
      validate ??= cache.get(key);
      if (validate) return validate;
      const ajv = ajvFor(httpPart);
      const id = (schema as { $id?: string }).$id;
      validate = (id && ajv.getSchema(id)) || ajv.compile(schema as object);
      cache.set(key, validate);
      return validate;
    };
    if (!validate) pending.add(compile);
    return (data: unknown) => {
      const fn = validate ?? compile();
      return fn(data) ? { value: data } : { error: toValidationError(fn.errors ?? []) };
    };
  };
  return {
    compiler,
    async warm() {
      for (const compile of [...pending]) {
        compile();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

class AjvValidationError extends Error {
  constructor(readonly validation: ErrorObject[]) {
    super('validation failed');
  }
}

function toValidationError(errors: ErrorObject[]): Error {
  return new AjvValidationError(errors);
}

const partPrefix: Record<string, string> = {
  body: '/body',
  querystring: '/query',
  params: '/params',
  headers: '/headers',
};

/** Turns Ajv errors into one field error per offending field, most useful message first. */
export function fieldErrors(context: string, errors: readonly ErrorObject[]): ProblemFieldError[] {
  const prefix = partPrefix[context] ?? `/${context}`;
  // A discriminator failure makes every sibling property "unevaluated" too; the tag is the one to fix.
  const discriminated = new Set(
    errors.filter((e) => e.keyword === 'discriminator').map((e) => e.instancePath),
  );
  const out: ProblemFieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'unevaluatedProperties' && discriminated.has(e.instancePath)) continue;
    // anyOf/oneOf summaries repeat what their branches already said.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const { pointer, detail } = describe(e);
    const full = prefix + pointer;
    const dedupe = `${full}\u0000${detail}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push({ pointer: full, detail });
  }
  return out;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(e: ErrorObject): ProblemFieldError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        pointer: `${e.instancePath}/${escapePointer(String(p.missingProperty))}`,
        detail: 'is required',
      };
    case 'additionalProperties':
      return {
        pointer: `${e.instancePath}/${escapePointer(String(p.additionalProperty))}`,
        detail: 'is not a known field',
      };
    case 'unevaluatedProperties':
      return {
        pointer: `${e.instancePath}/${escapePointer(String(p.unevaluatedProperty))}`,
        detail: 'is not a known field for this type',
      };
    case 'enum':
      return {
        pointer: e.instancePath,
        detail: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: e.instancePath, detail: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'discriminator':
      return {
        pointer: `${e.instancePath}/${escapePointer(String(p.tag))}`,
        detail:
          p.error === 'tag'
            ? 'is required and must be a string'
            : `${JSON.stringify(p.tagValue)} is not a known ${String(p.tag)}`,
      };
    case 'format':
      return { pointer: e.instancePath, detail: `must be a valid ${String(p.format)}` };
    default:
      return { pointer: e.instancePath, detail: e.message ?? `fails ${e.keyword}` };
  }
}

export function isAjvValidationError(error: unknown): error is { validation: ErrorObject[] } {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { validation?: unknown }).validation)
  );
}
