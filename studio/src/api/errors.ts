import type { ProblemDetails } from './types.ts';

/** Any failed API call: the server's problem+json, or one made up for network and protocol failures. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors whose JSON pointer starts with `pointer` (e.g. `/tags`). */
  fieldErrors(pointer: string): string[] {
    return (this.problem.errors ?? []).filter((e) => e.pointer.startsWith(pointer)).map((e) => e.detail);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The server could not be reached at all (down, offline, proxy refused). */
export function networkError(cause: unknown): ApiError {
  return new ApiError({
    type: 'about:blank#network',
    title: 'Cannot reach the Baton server',
    status: 0,
    detail: cause instanceof Error ? cause.message : 'The request did not complete.',
  });
}

function isProblemShape(value: unknown): value is Partial<ProblemDetails> {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value);
}

/** Turns any non-2xx response into an ApiError, preferring the server's problem+json. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const fallback: ProblemDetails = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) {
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      fallback.detail = 'The Baton server is not responding.';
    }
    return new ApiError(fallback);
  }
  try {
    const body: unknown = await response.json();
    if (!isProblemShape(body)) return new ApiError(fallback);
    return new ApiError({
      ...fallback,
      ...body,
      type: body.type ?? fallback.type,
      title: body.title ?? fallback.title,
      status: typeof body.status === 'number' ? body.status : response.status,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    });
  } catch {
    return new ApiError(fallback);
  }
}
