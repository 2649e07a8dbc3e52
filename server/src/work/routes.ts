import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/plugin.ts';
import { errorResponses, ref } from '../http/route-schema.ts';
import { type MyWorkDeps, myWork } from './my-work.ts';

export async function workRoutes(app: FastifyInstance, deps: MyWorkDeps) {
  app.get(
    '/api/me/work',
    {
      // Anyone signed in may ask; only a principal that works as an agent has anything here.
      config: { access: 'authenticated' },
      schema: {
        tags: ['agents'],
        summary:
          'What waits for me: my open issues, and the offers, handoffs and escalations that ask for my answer',
        response: { 200: ref('api/my-work'), ...errorResponses },
      },
    },
    async (request) => myWork(principalOf(request), deps),
  );
}
