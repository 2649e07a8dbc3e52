import { describe, expect, it } from 'vitest';
import { createAjv, loadSchemas } from './index.ts';

describe('the schema files', () => {
  // createAjv skips meta-schema validation at run time (it cost start-up CPU); this is where it happens.
  it('are valid draft 2020-12 schemas, with the Baton vocabulary', () => {
    const ajv = createAjv({ validateSchema: true });
    const invalid = loadSchemas()
      .filter((schema) => !ajv.validateSchema(schema))
      .map((schema) => `${schema.$id}: ${ajv.errorsText(ajv.errors)}`);
    expect(invalid).toEqual([]);
    // …and the check does refuse a malformed one.
    expect(ajv.validateSchema({ type: 'object', properties: { a: { minLength: 'x' } } })).toBe(false);
  });
});

describe('createAjv', () => {
  // The parsed files are shared by every instance in a process: compiling must not change them.
  it('leaves the schema objects it shares between instances unchanged after compiling every one', () => {
    const fresh = loadSchemas();
    const instances = [createAjv(), createAjv({ coerceTypes: true })];
    for (const ajv of instances) {
      for (const { $id } of fresh) {
        const validate = ajv.getSchema($id);
        expect(validate, $id).toBeDefined();
        validate?.({});
      }
    }
    const shared = fresh.map(({ $id }) => instances[0]!.getSchema($id)!.schema);
    expect(shared[0]).toBe(instances[1]!.getSchema(fresh[0]!.$id)!.schema);
    expect(shared).toEqual(fresh);
  });
});
