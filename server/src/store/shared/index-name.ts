import type { IndexSpec } from '../port.ts';
import { StoreQueryError } from '../port.ts';

/** MongoDB's default index name: `field_1_other_-1`. */
export function defaultIndexName(keys: IndexSpec['keys']): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/** The same validation for both adapters, so a bad spec fails the same way everywhere. */
export function normalizeIndexSpec(spec: IndexSpec): Required<IndexSpec> {
  const fields = Object.keys(spec.keys ?? {});
  if (fields.length === 0) throw new StoreQueryError('an index needs at least one key');
  for (const field of fields) {
    const direction = spec.keys[field];
    if (direction !== 1 && direction !== -1) {
      throw new StoreQueryError(`index key ${field} must be 1 or -1, got ${JSON.stringify(direction)}`);
    }
    if (field === '' || field.startsWith('$'))
      throw new StoreQueryError(`bad index field name ${JSON.stringify(field)}`);
  }
  return {
    keys: { ...spec.keys },
    name: spec.name ?? defaultIndexName(spec.keys),
    unique: spec.unique ?? false,
    sparse: spec.sparse ?? false,
  };
}
