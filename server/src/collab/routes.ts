/**
 * The hub's HTTP surface:
 * - `GET /collab/:doc` — the y-websocket endpoint (`new WebsocketProvider('ws://host/collab',
 *   'issue:<id>', doc, { params: { token } })`); a plain GET answers 426;
 * - `POST /api/issues/:id/files?filename=` — upload a file (the raw body) into the issue workspace;
 * - `GET /api/files/:sha256` — download it;
 * - `GET /api/issues/:id/workspace` — the workspace as JSON.
 */

import { Readable } from 'node:stream';
import type { FileRef, FileUploadQuery } from '@baton/schemas';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerSecret, principalOf } from '../auth/plugin.ts';
import { READ_SUPPORT, WORK_ISSUES } from '../auth/roles.ts';
import { ProblemError } from '../http/problem.ts';
import { errorResponses, idParams, problemResponse, ref } from '../http/route-schema.ts';
import { actorOf, type IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import { FileLimitError } from './files.ts';
import { type CollabHub, DocumentNotFoundError } from './hub.ts';

export interface CollabRoutesOptions {
  collab: CollabHub;
  issues: IssueService;
  clock: Clock;
}

/**
 * The WebSocket subprotocol the hub speaks. A browser cannot set headers on a WebSocket, so the
 * studio offers its token as a second subprotocol, `baton.bearer.<base64url(token)>`, next to this
 * one (the Kubernetes API server does the same). The hub answers with this name only, so the token
 * is never echoed back. Until session 14 the studio wrote a `baton_token` cookie just before
 * connecting; Chromium applies a `document.cookie` write asynchronously, and now and then the socket
 * went out without it (refused with 4401), so the cookie is gone.
 */
export const COLLAB_PROTOCOL = 'baton';
export const TOKEN_PROTOCOL_PREFIX = 'baton.bearer.';

/** The bearer token of a WebSocket upgrade: `?token=`, the Authorization header or the subprotocol. */
export function collabToken(request: FastifyRequest): string | undefined {
  const query = (request.query as Record<string, unknown> | undefined)?.token;
  if (typeof query === 'string' && query) return query;
  const bearer = bearerSecret(request);
  if (bearer) return bearer;
  for (const offered of (request.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const protocol = offered.trim();
    if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) {
      const token = Buffer.from(protocol.slice(TOKEN_PROTOCOL_PREFIX.length), 'base64url').toString('utf8');
      if (token) return token;
    }
  }
  return undefined;
}

const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

export async function collabRoutes(app: FastifyInstance, options: CollabRoutesOptions): Promise<void> {
  const { collab, issues, clock } = options;
  const files = collab.files;
  const { maxFileBytes } = files.limits;

  await app.register(fastifyWebsocket, {
    // ws refuses bigger frames itself (close 1009) before buffering them.
    options: {
      maxPayload: collab.options.maxMessageBytes,
      // Answer with `baton` when offered and with nothing otherwise: never with a token subprotocol.
      handleProtocols: (offered) => (offered.has(COLLAB_PROTOCOL) ? COLLAB_PROTOCOL : false),
    },
    // A client's protocol fault (e.g. a frame over maxPayload, already closed with 1009) is not a
    // server error: note it and drop the socket.
    errorHandler: (error, socket, request) => {
      request.log.warn(
        { err: error, document: (request.params as { doc?: string }).doc },
        'collab socket error',
      );
      socket.terminate();
    },
    // Close every client with 1001 and store every document before the server stops.
    preClose: async function (this: FastifyInstance) {
      await collab.close();
      await new Promise<void>((done) => this.websocketServer.close(() => done()));
    },
  });
  app.addHook('onClose', async () => collab.close());

  app.route<{ Params: { doc: string } }>({
    method: 'GET',
    url: '/collab/:doc',
    // The hub authenticates the token itself (query, header or subprotocol) before any sync.
    config: { access: 'public' },
    // Request logs at info would carry `?token=` in the URL.
    logLevel: 'warn',
    schema: {
      hide: true,
      params: { type: 'object', properties: { doc: { type: 'string', maxLength: 200 } } },
    },
    handler: async () => {
      throw new ProblemError(
        'bad-request',
        'this is a y-websocket endpoint: connect with a WebSocket (Upgrade: websocket)',
        undefined,
        { upgrade: 'websocket' },
      );
    },
    wsHandler: (socket, request) => {
      collab.accept(socket, request.params.doc, collabToken(request), request.ip);
    },
  });

  app.get<{ Params: { id: string } }>(
    '/api/issues/:id/workspace',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['collab'],
        summary: "The issue's shared workspace (notes, comments, annotations, decisions, files) as JSON",
        params: idParams,
        response: { 200: ref('workspace'), ...errorResponses, 404: problemResponse },
      },
    },
    async (request) => {
      try {
        return await collab.readWorkspace(request.params.id);
      } catch (error) {
        if (error instanceof DocumentNotFoundError)
          throw new ProblemError('not-found', `issue ${request.params.id} does not exist`);
        throw error;
      }
    },
  );

  await app.register(async (uploads) => {
    // Any content type is a file here: the body stays a stream, counted and hashed on its way to
    // the file store (never whole in memory); the file store enforces the size limits.
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    uploads.post<{ Params: { id: string }; Querystring: FileUploadQuery; Body: Readable }>(
      '/api/issues/:id/files',
      {
        config: { access: WORK_ISSUES },
        bodyLimit: maxFileBytes,
        onRequest: async (request) => {
          const length = Number(request.headers['content-length']);
          if (length > maxFileBytes) {
            throw new ProblemError(
              'payload-too-large',
              `files are limited to ${maxFileBytes} bytes; this one has ${length}`,
            );
          }
        },
        schema: {
          tags: ['collab'],
          summary: 'Upload a file into the issue workspace (the raw body; stored once per SHA-256)',
          description: `The body is the file, with its own Content-Type; at most ${maxFileBytes} bytes. 201 when these bytes are new, 200 when they were stored before.`,
          params: idParams,
          querystring: ref('api/file-upload-query'),
          response: {
            201: ref('workspace', '/$defs/fileRef'),
            200: ref('workspace', '/$defs/fileRef'),
            ...errorResponses,
            404: problemResponse,
            413: problemResponse,
            507: problemResponse,
          },
        },
      },
      async (request, reply) => {
        const issueId = request.params.id;
        await issues.get(issueId);
        const body = request.body;
        const length = request.headers['content-length'];
        const declared = length === undefined ? undefined : Number(length);
        if (!(body instanceof Readable) || declared === 0) {
          throw new ProblemError('bad-request', 'the body is empty: send the file as the request body');
        }
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        const contentType =
          CONTENT_TYPE.test(type) && type.length <= 255 ? type.toLowerCase() : 'application/octet-stream';
        let stored: Awaited<ReturnType<typeof files.put>>;
        try {
          stored = await files.put(
            issueId,
            body,
            contentType,
            Number.isFinite(declared) ? declared : undefined,
          );
        } catch (error) {
          if (error instanceof FileLimitError) {
            // The rest of the body is not read: the connection closes after the answer.
            reply.header('connection', 'close');
            throw new ProblemError(
              error.limit === 'instanceQuotaBytes' ? 'insufficient-storage' : 'payload-too-large',
              error.message,
            );
          }
          throw error;
        }
        const { file, created } = stored;
        if (file.size === 0) {
          throw new ProblemError('bad-request', 'the body is empty: send the file as the request body');
        }
        const fileRef: FileRef = {
          sha256: file.sha256,
          name: request.query.filename,
          size: file.size,
          contentType: file.contentType,
          uploadedAt: clock.now().toISOString(),
          uploadedBy: actorOf(principalOf(request)),
        };
        await collab.addFileReference(issueId, fileRef);
        return reply
          .code(created ? 201 : 200)
          .header('location', `/api/files/${file.sha256}`)
          .send(fileRef);
      },
    );
  });

  app.get<{ Params: { sha256: string }; Querystring: { name?: string } }>(
    '/api/files/:sha256',
    {
      config: { access: READ_SUPPORT },
      schema: {
        tags: ['collab'],
        summary: 'Download a workspace file by its SHA-256',
        params: ref('api/file-params'),
        querystring: ref('api/file-download-query'),
        response: {
          200: { description: 'The file', type: 'string', format: 'binary' },
          ...errorResponses,
          404: problemResponse,
        },
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const found = await files.open(sha256);
      if (!found) throw new ProblemError('not-found', `file ${sha256} does not exist`);
      return (
        reply
          .header('content-type', found.file.contentType)
          .header('content-length', found.file.size)
          // Uploaded bytes are never rendered as a page of this origin.
          .header('content-disposition', attachment(request.query.name ?? sha256))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('etag', `"${sha256}"`)
          .send(found.stream)
      );
    },
  );
}

/**
 * `attachment` with the file's own name: an ASCII fallback (quotes and backslashes replaced) and the
 * exact name in RFC 5987 form, so "Rechnung März.pdf" downloads as itself.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
