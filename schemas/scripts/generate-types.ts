/**
 * Generates `generated/types.ts` from the JSON Schemas, so TypeScript types are derived from the
 * schemas and never written twice. `--check` fails (exit 1) when the committed file is stale; the
 * test command runs it.
 *
 * All schemas are compiled as properties of one synthetic root so that a type referenced from many
 * files (Priority, Actor, …) is declared exactly once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { type JsonSchema, loadSchemas, SCHEMA_BASE, schemasDir } from '../src/index.ts';

const outFile = join(schemasDir, 'generated', 'types.ts');

/**
 * `x-input` says how the studio asks for a value; it is no part of the type. Beside a `$ref` it
 * would make the generator declare a new alias of the same type (`Id2`, `Id3`, …), so it goes.
 */
function withoutAnnotations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutAnnotations);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'x-input')
      .map(([key, value]) => [key, withoutAnnotations(value)]),
  );
}

const schemas = loadSchemas().map((s) => withoutAnnotations(s) as JsonSchema);
const byId = new Map(schemas.map((s) => [s.$id, s]));

const root = {
  title: 'BatonSchemaRoot',
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(schemas.map((s) => [String(s.title), { $ref: s.$id }])),
};

const generated = await compile(root as unknown as Parameters<typeof compile>[0], 'BatonSchemaRoot', {
  bannerComment: '/* Generated from schemas/*.schema.json by `npm run schemas:types`. Do not edit. */',
  additionalProperties: false,
  unreachableDefinitions: true,
  strictIndexSignatures: true,
  format: false,
  maxItems: -1,
  $refOptions: {
    resolve: {
      baton: {
        order: 1,
        canRead: (file: { url: string }) => file.url.startsWith(SCHEMA_BASE),
        read: (file: { url: string }) => {
          const schema: JsonSchema | undefined = byId.get(file.url.split('#')[0] ?? '');
          if (!schema) throw new Error(`unknown schema ${file.url}`);
          return JSON.stringify(schema);
        },
      },
    },
  },
});

// The synthetic root only exists to declare every type once; drop it from the output.
const output = `${generated.replace(/export interface BatonSchemaRoot \{[\s\S]*?\n\}\n/, '').trim()}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {}
  if (current !== output) {
    console.error('schemas/generated/types.ts is out of date: run `npm run schemas:types` and commit it.');
    process.exit(1);
  }
  console.log('schemas/generated/types.ts is up to date');
} else {
  writeFileSync(outFile, output);
  console.log(`wrote ${outFile}`);
}
