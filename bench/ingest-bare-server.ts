/**
 * The anchor for the ingest benchmark: a bare Fastify route that does only what Baton's route does
 * before touching the store — validate the body against the same issue-create schema with the same
 * Ajv configuration — and answers 201.
 */
import { createAjv, schemaId } from '@baton/schemas';
import Fastify from 'fastify';

const ajv = createAjv();
const app = Fastify({ logger: false });
app.setValidatorCompiler(({ schema }) => {
  const validate = ajv.compile(schema as object);
  return (data: unknown) => (validate(data) ? { value: data } : { error: new Error('invalid') });
});
app.post('/api/issues', { schema: { body: { $ref: schemaId('api/issue-create') } } }, async (_req, reply) =>
  reply.code(201).send({ ok: true }),
);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`Server listening at ${address}\n`);
