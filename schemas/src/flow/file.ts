/**
 * A flow file's elements checked against the server's own schema (flow.schema.json), browser-safe:
 * the studio checks an imported file with the same rules the server will apply when the draft is
 * saved, and says what is wrong in a person's words — the node by its label, the field by its name.
 *
 * Only the elements and the document's own fields are checked here: a file has no `id` (it gets a
 * new one on import) and its `version` is ignored. Fields a flow does not have are dropped, as the
 * import always did (a file saved by another tool may carry React Flow's `selected`, `measured`…).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import commonSchema from '../../common.schema.json' with { type: 'json' };
import flowSchema from '../../flow.schema.json' with { type: 'json' };
import { addBatonVocabulary } from '../ajv-options.ts';

const FLOW = flowSchema.$id;

export interface FlowFileValidators {
  node: ValidateFunction;
  edge: ValidateFunction;
  name: ValidateFunction;
  kind: ValidateFunction;
  description: ValidateFunction;
}

/** Compiles the validators of a flow file's parts from flow.schema.json. */
export function createFlowFileValidators(): FlowFileValidators {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    removeAdditional: true,
  });
  addBatonVocabulary(ajv);
  ajv.addSchema(commonSchema);
  ajv.addSchema(flowSchema);
  const compile = (fragment: string) => ajv.compile({ $ref: `${FLOW}#${fragment}` });
  return {
    node: compile('/$defs/node'),
    edge: compile('/$defs/edge'),
    name: compile('/properties/name'),
    kind: compile('/properties/kind'),
    description: compile('/properties/description'),
  };
}

/** What a field is called in a problem: its path inside the element, e.g. `"position.x"`. */
function fieldName(path: string): string {
  return `"${path.replace(/^\//, '').split('/').join('.')}"`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

/** Why a field is wrong, in words: the sentence's end after the element's name. */
const EXPLAIN: Record<string, string> = {
  type: 'has no kind ("type")',
  position: 'has no "position" (x and y)',
  data: 'has no "data" (its settings)',
  id: 'has no "id"',
  source: 'has no "source" (the node it leaves)',
  target: 'has no "target" (the node it leads to)',
  sourceHandle: 'has no "sourceHandle" (which output it leaves by)',
};

/**
 * One Ajv error as the end of a sentence ("has no kind", "\"label\" is longer than 200 characters").
 * Paths are relative to the element checked.
 */
export function describeError(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const inside = error.instancePath ? ` in ${field}` : '';
      return EXPLAIN[missing] && !inside ? EXPLAIN[missing] : `has no "${missing}"${inside}`;
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      return error.instancePath ? `${field} must be ${expected}` : `is not ${expected}`;
    }
    case 'maxLength':
      return `${field} is longer than ${params.limit} characters`;
    case 'minLength':
      return `${field} is empty`;
    case 'maxItems':
      return `${field} has more than ${params.limit} items`;
    case 'pattern':
      return `${field} may only hold letters, digits and _ . : -`;
    case 'minimum':
      return `${field} must be at least ${params.limit}`;
    case 'enum':
      return `${field} must be ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return `${field} ${error.message ?? 'is not valid'}`;
  }
}

/** Every distinct problem of one element, as sentence ends (Ajv reports some twice via `$ref`). */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return [...new Set((errors ?? []).map(describeError))];
}
