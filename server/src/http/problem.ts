/**
 * RFC 9457 problem details. Every error Baton returns is one of these, sent as
 * `application/problem+json`; validation problems carry one entry per offending field.
 */
import type { Problem, ProblemFieldError } from '@baton/schemas';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://baton.dev/problems/';

export type ProblemKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'bad-request'
  | 'unavailable'
  | 'internal';

const defaults: Record<ProblemKind, { status: number; title: string }> = {
  validation: { status: 400, title: 'The request is not valid' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

/** An error that becomes a problem response. Throw it from any route or service. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly title: string;
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: ProblemFieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.status = defaults[kind].status;
    this.title = defaults[kind].title;
  }

  toProblem(instance?: string): Problem {
    return {
      type: PROBLEM_BASE + this.kind,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}

export function problemForStatus(status: number): ProblemKind {
  const match = (Object.entries(defaults) as [ProblemKind, { status: number }][]).find(
    ([kind, d]) => d.status === status && kind !== 'validation',
  );
  return match ? match[0] : status >= 500 ? 'internal' : 'bad-request';
}

export const notFound = (what: string, id: string) =>
  new ProblemError('not-found', `${what} ${id} does not exist`);

/** A request that is well-formed but points at something that does not exist or cannot be done. */
export const unprocessable = (pointer: string, detail: string) =>
  new ProblemError('unprocessable', `${pointer.replace(/^\//, '')}: ${detail}`, [{ pointer, detail }]);

/**
 * Input a domain service refuses, its pointers relative to the input the service was given
 * (`/to/agentId`), not to an HTTP request: services do not know where their input came from. The
 * HTTP layer places it under the request part it came from (`under('/body')`, in errors.ts); a
 * node kind reports it as it is, relative to the node's input.
 */
export class InputError extends ProblemError {
  constructor(
    kind: 'validation' | 'unprocessable',
    detail: string,
    errors: ProblemFieldError[],
    /** Builds the detail for a base (a one-field refusal names its field in the detail). */
    private readonly detailUnder: (base: string) => string = () => detail,
  ) {
    super(kind, detail, errors);
  }

  /** The same refusal with every pointer under `base` (e.g. `/body`). */
  under(base: string): ProblemError {
    return new ProblemError(
      this.kind,
      this.detailUnder(base),
      this.errors?.map((e) => ({ ...e, pointer: `${base}${e.pointer ?? ''}` })),
    );
  }
}

/** A well-formed input that names something missing or impossible, at `pointer` (relative to the input). */
export const invalidInput = (pointer: string, detail: string) => {
  const describe = (base: string) => {
    const field = `${base}${pointer}`.replace(/^\//, '');
    return field ? `${field}: ${detail}` : detail;
  };
  return new InputError('unprocessable', describe(''), [{ pointer, detail }], describe);
};
