import type { PickerOption } from '../../../api/pickers.ts';
import { Combobox } from '../../../components/Combobox.tsx';
import { DurationInput } from '../../../components/DurationInput.tsx';
import { TagsInput } from '../../../components/TagsInput.tsx';
import { type FactField, type OperatorWords, words } from '../../../flow/factFields.ts';
import { type PickerInput, usePickerOptions } from '../../../hooks/usePickerOptions.ts';
import { BusinessHoursInput } from './BusinessHoursInput.tsx';

interface Props {
  label: string;
  field: FactField;
  operator: OperatorWords;
  value: unknown;
  onChange(value: unknown): void;
}

const PICKERS = new Set([
  'agent',
  'team',
  'queue',
  'user',
  'plugin',
  'event',
  'sla-policy',
  'template',
  'skill',
]);

function choiceOptions(field: FactField): PickerOption[] {
  return (field.choices ?? []).map((c) => ({ value: c, label: words(c) }));
}

/** Options from a picker when the field names one (a queue), else from the field's enum. */
function useOptions(field: FactField): PickerOption[] | null {
  const input = (field.input && PICKERS.has(field.input) ? field.input : 'queue') as PickerInput;
  const picked = usePickerOptions(input);
  if (field.input && PICKERS.has(field.input)) return picked.options;
  return field.choices ? choiceOptions(field) : null;
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)];

/**
 * The value side of a test, typed by the field and the operator: a pick list for a field with known
 * values, yes/no, a number, a duration, opening hours, or text — never a JSON literal.
 */
export function ConditionValue({ label, field, operator, value, onChange }: Props) {
  const options = useOptions(field);
  const aria = `${label}: value`;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
    return <span className="cond-ref muted small">compared with another fact (edit as JSON)</span>;
  }
  switch (operator.value) {
    case 'duration':
      return (
        <DurationInput
          label={aria}
          value={typeof value === 'string' ? value : undefined}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'hours':
      return <BusinessHoursInput label={aria} value={value} onChange={onChange} />;
    case 'pattern':
      return (
        <input
          aria-label={aria}
          placeholder="text or pattern, e.g. refund|chargeback"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'list':
      return options ? (
        <Combobox
          multiple
          ariaLabel={aria}
          placeholder="Add a value"
          options={options}
          value={asList(value)}
          onChange={onChange}
        />
      ) : (
        <TagsInput
          label={aria}
          value={asList(value)}
          onChange={onChange}
          placeholder="Type a word, press Enter"
        />
      );
    default:
      break;
  }
  if (field.kind === 'boolean') {
    return (
      <select
        aria-label={aria}
        value={value === true ? 'yes' : value === false ? 'no' : ''}
        onChange={(e) => onChange(e.target.value === 'yes')}
      >
        {typeof value !== 'boolean' && <option value="">Choose</option>}
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    );
  }
  if (field.kind === 'number') {
    return (
      <input
        type="number"
        aria-label={aria}
        step="any"
        value={typeof value === 'number' ? String(value) : ''}
        onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
      />
    );
  }
  if (options) {
    return (
      <Combobox
        ariaLabel={aria}
        placeholder="Choose a value"
        options={options}
        value={typeof value === 'string' && value ? value : undefined}
        onChange={(v) => onChange(v ?? '')}
      />
    );
  }
  return (
    <input
      aria-label={aria}
      placeholder="value"
      value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
