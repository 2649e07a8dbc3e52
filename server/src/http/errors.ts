/**
 * One error handler for the whole server: whatever goes wrong becomes an RFC 9457 problem. Client
 * mistakes keep their 4xx status and say what to fix; anything else is logged with its stack and
 * answered with a 500 that leaks nothing.
 */
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
