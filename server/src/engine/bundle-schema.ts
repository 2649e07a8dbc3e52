/**
 * A node kind's data schema as one self-contained document for the studio: every `$ref` into a
 * Baton schema (`common.schema.json#/$defs/priority`, `#/$defs/isoDuration`, …) is copied into the
 * root's `$defs` and pointed at locally, so a form library renders it with no resolver and no
 * network. Cycles (a condition holding conditions) stay cycles through `$defs`.
 */
import type { SchemaAjv } from '@baton/schemas';

type Json = Record<string, unknown>;

/** `flow.condition` for `https://schemas.baton.dev/flow.schema.json#/$defs/condition`. */
function defName(uri: URL): string {
  const file =
    uri.pathname
      .split('/')
      .pop()
      ?.replace(/\.schema\.json$/, '') || 'schema';
  const path = decodeURIComponent(uri.hash.slice(1))
    .replace(/^\/(\$defs|definitions)\//, '/')
    .split('/')
    .filter(Boolean)
    .join('.');
  return path ? `${file}.${path}` : file;
}

function pointerGet(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[key];
  }
  return node;
}

export function bundleSchema(ajv: SchemaAjv, schema: object): Json {
  const defs: Json = {};
  const names = new Map<string, string>();
  const taken = new Set<string>();

  const target = (uri: URL): unknown => {
    const file = new URL(uri.href);
    file.hash = '';
    const root = ajv.getSchema(file.href)?.schema;
    return root === undefined ? undefined : pointerGet(root, decodeURIComponent(uri.hash.slice(1)));
  };

  const local = (uri: URL): string | null => {
    const key = uri.href;
    const known = names.get(key);
    if (known) return known;
    const found = target(uri);
    if (found === undefined || found === null || typeof found !== 'object') return null;
    let name = defName(uri);
    for (let i = 2; taken.has(name); i++) name = `${defName(uri)}-${i}`;
    taken.add(name);
    names.set(key, name);
    const base = new URL(uri.href);
    base.hash = '';
    defs[name] = walk(found, base);
    return name;
  };

  const walk = (node: unknown, base: URL): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, base));
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$id' || key === '$schema') continue;
      if (key === '$ref' && typeof value === 'string') {
        const name = local(new URL(value, base));
        out.$ref = name ? `#/$defs/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` : value;
        continue;
      }
      // Plain data inside a schema (enums, consts, defaults, examples) is copied as it is.
      out[key] = ['enum', 'const', 'default', 'examples'].includes(key) ? value : walk(value, base);
    }
    return out;
  };

  const { $ref, ...rest } = schema as Json;
  const start =
    typeof $ref === 'string' && Object.keys(rest).length === 0 ? new URL($ref) : new URL('https://local/');
  const rootSource = typeof $ref === 'string' && Object.keys(rest).length === 0 ? target(start) : schema;
  const base = new URL(start.href);
  base.hash = '';
  const root = walk(rootSource ?? schema, base) as Json;
  return Object.keys(defs).length
    ? { ...root, $defs: { ...(root.$defs as Json | undefined), ...defs } }
    : root;
}
