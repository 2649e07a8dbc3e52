import type { NodeKindDescription } from '@baton/schemas/types';
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { formValidator } from '../../../flow/formValidator.ts';

/** A new node's data: what its schema's defaults give (the inspector and validation say the rest). */
export function defaultData(kind: NodeKindDescription): Record<string, unknown> {
  try {
    const schema = kind.dataSchema as RJSFSchema;
    const data = getDefaultFormState(formValidator, schema, undefined, schema);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
