/**
 * The schema registry: every JSON Schema in this package, loaded once, and the one Ajv configuration
 * that compiles them. Types for the same documents are generated into `generated/types.ts`
 * (`npm run schemas:types`); the test suite fails when they drift.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import { addBatonVocabulary } from './ajv-options.ts';

export const SCHEMA_BASE = 'https://schemas.baton.dev/';
export const schemasDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface JsonSchema {
  $id: string;
  title?: string;
  [keyword: string]: unknown;
}

/** Every `*.schema.json` below this package, keyed by `$id`, read once per process. */
export function loadSchemas(dir = schemasDir): JsonSchema[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.schema.json') && !f.includes('node_modules'))
    .sort();
  return files.map((file) => {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema;
    const expected = SCHEMA_BASE + relative(dir, join(dir, file)).split('\\').join('/');
    if (schema.$id !== expected) throw new Error(`${file}: $id must be ${expected}, found ${schema.$id}`);
    return schema;
  });
}

/** The `$id` of a schema file, e.g. `schemaId('api/issue-create')`. */
export function schemaId(name: string): string {
  return `${SCHEMA_BASE}${name}.schema.json`;
}

/** A `$ref` to a schema file (or a fragment of it) for use inside route and plugin schemas. */
export function ref(name: string, fragment = ''): { $ref: string } {
  return { $ref: `${schemaId(name)}${fragment ? `#${fragment}` : ''}` };
}

export { X_INPUTS, type XInput } from './ajv-options.ts';

export type SchemaAjv = Ajv2020;

/**
 * Builds an Ajv instance with every Baton schema registered. Options:
 * - `coerceTypes`: on for query strings and path params (they arrive as strings), off for bodies.
 * - `allErrors` is on: a person fixing a request wants every offending field at once. The schemas
 *   bound every string and array, so the extra work stays small.
 */
export function createAjv(
  options: Pick<Options, 'coerceTypes' | 'removeAdditional' | 'validateSchema'> = {},
): SchemaAjv {
  const ajv = new Ajv2020({
    allErrors: true,
    discriminator: true,
    useDefaults: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    // Checking each added schema against the draft 2020-12 meta-schema compiled that meta-schema in
    // every instance (~0.2 s of CPU each, three instances before a server's first answer). Baton's
    // schema files are fixed at build time and checked against it by `schemas/src/schemas.test.ts`;
    // `strict` still refuses unknown keywords and malformed keyword values when a schema compiles.
    validateSchema: false,
    ...options,
  });
  addBatonVocabulary(ajv);
  for (const schema of schemasForAjv()) ajv.addSchema(schema);
  return ajv;
}

/**
 * The schema files as parsed once per process for Ajv instances only: Ajv never modifies a schema it
 * is given, and reading and parsing the folder again cost ~0.1 s of CPU per instance at start-up.
 * Everyone else gets fresh objects from {@link loadSchemas}, which they may change.
 */
let parsedForAjv: readonly JsonSchema[] | undefined;
function schemasForAjv(): readonly JsonSchema[] {
  parsedForAjv ??= loadSchemas();
  return parsedForAjv;
}

export type * from '../generated/types.ts';
