import { session } from '../auth/session.ts';
import { ApiError, errorFromResponse, networkError } from './errors.ts';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Use this token instead of the session's (e.g. to check a pasted token before keeping it). */
  token?: string | null;
}

/** `?a=1&b=x`, skipping empty values. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * One JSON call to the Baton API. Sends the session's bearer token; a 401 on a call made with the
 * session's token ends the session (the router then shows sign-in). Every failure is an ApiError.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const usesSession = options.token === undefined;
  const token = usesSession ? session.token() : options.token;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw networkError(cause);
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401 && usesSession && token) session.end('expired');
    throw error;
  }
  if (response.status === 204) return undefined as T;

  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) {
    throw new ApiError({
      type: 'about:blank#unexpected-response',
      title: 'Unexpected response from the server',
      status: response.status,
      detail: `Expected JSON from ${path} but got ${contentType || 'no content type'}. Is the API server running?`,
    });
  }
  return (await response.json()) as T;
}
