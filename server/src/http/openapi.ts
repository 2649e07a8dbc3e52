/**
 * OpenAPI from the same JSON Schemas that validate requests. @fastify/swagger lifts each schema
 * (and its `$defs`, as `Title-def`) into `components.schemas`, but leaves refs between schema files
 * (`../common.schema.json#/$defs/id`) as they are; this rewrites them to component refs so the
 * document is self-contained and every `$ref` resolves.
 */
import { type JsonSchema, loadSchemas } from '@baton/schemas';

type Json = unknown;

export function componentRefRewriter(schemas: readonly JsonSchema[] = loadSchemas()) {
  const titleByFile = new Map<string, string>();
  for (const s of schemas) {
    const file = s.$id.split('/').pop() ?? '';
    titleByFile.set(file, String(s.title));
  }
  return (ref: string): string => {
    const match = /^(?:\.\.\/|\.\/)?(?:[\w-]+\/)*([\w-]+\.schema\.json)(?:#(.*))?$/.exec(ref);
    if (!match) return ref;
    const title = titleByFile.get(match[1] ?? '');
    if (!title) return ref;
    const pointer = match[2] ?? '';
    const def = /^\/\$defs\/([^/]+)(.*)$/.exec(pointer);
    if (def) return `#/components/schemas/${title}-${def[1]}${def[2]}`;
    return `#/components/schemas/${title}${pointer}`;
  };
}

export function rewriteRefs<T extends Json>(doc: T, rewrite: (ref: string) => string): T {
  if (Array.isArray(doc)) return doc.map((d) => rewriteRefs(d, rewrite)) as T;
  if (doc && typeof doc === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(doc)) {
      out[key] = key === '$ref' && typeof value === 'string' ? rewrite(value) : rewriteRefs(value, rewrite);
    }
    return out as T;
  }
  return doc;
}
