import type { WidgetProps } from '@rjsf/utils';
import { DurationInput } from '../../../../components/DurationInput.tsx';

/** A duration field of a node's form: number + unit, stored as ISO-8601. */
export function DurationWidget({ id, value, onChange, disabled, readonly, label }: WidgetProps) {
  return (
    <DurationInput
      id={id}
      label={label || 'Duration'}
      value={typeof value === 'string' && value ? value : undefined}
      onChange={(next) => onChange(next)}
      disabled={disabled || readonly}
    />
  );
}
