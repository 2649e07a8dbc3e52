/**
 * Small helpers for route schemas: every body, query and param schema is a `$ref` into
 * `@baton/schemas`; response schemas document the API (OpenAPI) — serialization itself is plain
 * JSON.stringify, so a response schema can never silently drop a field.
 */
import { ref } from '@baton/schemas';

export { ref };

export const problemResponse = { description: 'An RFC 9457 problem', ...ref('problem') };

/** `{ items: T[], nextCursor: string | null }`, the shape of every list. */
export function page(itemRef: { $ref: string }) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: itemRef },
      nextCursor: {
        type: ['string', 'null'],
        description: 'Pass as `cursor` for the next page; null at the end.',
      },
    },
  } as const;
}

export const idParams = ref('api/id-params');

/** Standard error responses for a guarded route. */
export const errorResponses = {
  400: problemResponse,
  401: problemResponse,
  403: problemResponse,
} as const;
