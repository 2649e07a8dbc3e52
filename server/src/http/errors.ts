/**
 * One error handler for the whole server: whatever goes wrong becomes an RFC 9457 problem. Client
 * mistakes keep their 4xx status and say what to fix; anything else is logged with its stack and
 * answered with a 500 that leaks nothing.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DuplicateKeyError } from '../store/port.ts';
import { InputError, PROBLEM_CONTENT_TYPE, ProblemError, problemForStatus } from './problem.ts';
import { fieldErrors, isAjvValidationError } from './validation.ts';

export function toProblemError(error: unknown): ProblemError {
  // A domain service's refusal names fields of its input; over HTTP that input is the body.
  if (error instanceof InputError) return error.under('/body');
  if (error instanceof ProblemError) return error;
  if (isAjvValidationError(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = fieldErrors(context, error.validation);
    const detail = errors.map((e) => `${e.pointer.replace(/^\//, '')} ${e.detail}`).join('; ');
    return new ProblemError('validation', detail || 'the request does not match its schema', errors);
  }
  if (error instanceof DuplicateKeyError) {
    const fields = Object.keys(error.key).join(', ');
    return new ProblemError(
      'conflict',
      `a ${error.collection} record with the same ${fields} already exists`,
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (fastifyError.code === 'FST_ERR_BAD_URL') {
    return new ProblemError('bad-request', 'the URL is not valid: a percent-encoded part does not decode');
  }
  if (fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new ProblemError('uri-too-long', 'a path segment of the URL is longer than any valid id');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ProblemError(problemForStatus(status), clientMessage(fastifyError));
  }
  return new ProblemError('internal', 'An unexpected error occurred; it has been logged.');
}

/** Fastify's own 4xx messages are fine to show, minus the internal error-code prefixes. */
function clientMessage(error: Partial<FastifyError>): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is larger than the configured limit (BATON_BODY_LIMIT)';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send the body as application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty but its content type is application/json';
    default:
      return error.message ?? 'bad request';
  }
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: ProblemError,
): FastifyReply {
  if (problem.headers) reply.headers(problem.headers);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem.toProblem(request.url));
}

export interface ErrorHandlingOptions {
  /**
   * Answers unknown GET paths outside /api, /hooks and /collab with this (the studio's index.html),
   * so client-side routes deep-link. Fastify allows one not-found handler per scope, so the
   * fallback lives here rather than in a second handler.
   */
  spaFallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

const SERVER_PREFIXES = ['/api', '/hooks', '/collab'];

/** Errors Fastify raises before a route is found (bad URL encoding, over-long params). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.debug({ err: error }, 'client error before routing');
  return sendProblem(reply, request, toProblemError(error));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (oversized headers, a request
 * that took too long to arrive, garbage): answered as problems on the raw socket, then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ProblemError('request-timeout', 'the request did not arrive in time (its headers or its body)')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ProblemError(
            'header-fields-too-large',
            'the request headers are larger than the server accepts',
          )
        : new ProblemError('bad-request', 'the request is not valid HTTP');
  const body = JSON.stringify(problem.toProblem());
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions = {}): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblemError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ problem: problem.detail }, 'client error');
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const serverPath = SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
    if (options.spaFallback && request.method === 'GET' && !serverPath && !/\.[a-z0-9]+$/i.test(path)) {
      return options.spaFallback(request, reply);
    }
    return sendProblem(
      reply,
      request,
      new ProblemError('not-found', `no route for ${request.method} ${path}`),
    );
  });
}
