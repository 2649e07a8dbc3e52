import type { FieldProps } from '@rjsf/utils';
import { ConditionBuilder } from './ConditionBuilder.tsx';

/** The RJSF field the inspector uses wherever a kind's schema holds a condition. */
export function ConditionField({ formData, onChange, name, schema, fieldPathId, rawErrors }: FieldProps) {
  const title =
    (schema.title && schema.title !== 'RuleCondition' ? schema.title : null) ?? name ?? 'Condition';
  const label = title.charAt(0).toUpperCase() + title.slice(1);
  return (
    <div className="cond-field">
      <ConditionBuilder
        label={label}
        value={formData}
        onChange={(next) => onChange(next as never, fieldPathId.path)}
      />
      {rawErrors?.map((e) => (
        <p key={e} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}
