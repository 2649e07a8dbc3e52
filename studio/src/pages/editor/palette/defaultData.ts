import type { NodeKindDescription } from '@baton/schemas/types';
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { formValidator } from '../../../flow/formValidator.ts';
import { DEFAULTS_BEHAVIOR } from '../inspector/NodeDataForm.tsx';

/** Drops what only the schema's shape made up (empty lists, empty groups): a default is a value. */
function pruned(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(pruned).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruned(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

/**
 * A new node's data: the values its schema declares as defaults, nothing invented. What is still
 * missing shows at once as the server's validation error on the node, saying what to fill in.
 */
export function defaultData(kind: NodeKindDescription): Record<string, unknown> {
  try {
    const schema = kind.dataSchema as RJSFSchema;
    const data = pruned(
      getDefaultFormState(formValidator, schema, undefined, schema, false, DEFAULTS_BEHAVIOR),
    );
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
