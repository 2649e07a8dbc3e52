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
