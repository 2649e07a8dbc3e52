import { useMemo } from 'react';
import type { PickerOption } from '../../../api/pickers.ts';
import { Combobox } from '../../../components/Combobox.tsx';
import { factFields, fieldOf, operatorsFor, operatorWords } from '../../../flow/factFields.ts';
import { useConditionCatalog } from './ConditionCatalog.ts';
import type { ConditionEditorProps } from './ConditionEditor.tsx';
import { ConditionValue } from './ConditionValue.tsx';

/**
 * One test, read as a sentence: “Customer › Tier  is one of  Premium, Enterprise”. The field picker
 * lists every fact's fields by name (fact + JSONPath underneath), the operators are the ones that
 * fit the field, in words, and the value input is typed by both.
 */
export function ConditionLeaf({
  value,
  onChange,
  onRemove,
  label,
}: ConditionEditorProps & { value: Record<string, unknown> }) {
  const { facts, operators } = useConditionCatalog();
  const fields = useMemo(() => factFields(facts), [facts]);
  const fact = typeof value.fact === 'string' ? value.fact : '';
  const path = typeof value.path === 'string' ? value.path : undefined;
  const operator = typeof value.operator === 'string' ? value.operator : '';
  const field = fieldOf(fields, fact, path);
  const known = operators.map((o) => o.name);
  const fitting = operatorsFor(field.kind, known);
  const choices =
    fitting.some((o) => o.name === operator) || !operator ? fitting : [...fitting, operatorWords(operator)];
  const fieldOptions = useMemo<PickerOption[]>(() => {
    const list = fields.map((f) => ({
      value: f.key,
      label: f.label,
      ...(f.description ? { hint: f.description } : {}),
    }));
    return list.some((o) => o.value === field.key) || !fact
      ? list
      : [{ value: field.key, label: field.label }, ...list];
  }, [fields, field.key, field.label, fact]);

  const set = (patch: Record<string, unknown>) => {
    const next = { ...value, ...patch };
    if (next.path === '' || next.path === undefined) delete next.path;
    onChange(next);
  };
  const chooseField = (key: string | undefined) => {
    if (!key) return;
    const picked =
      fields.find((f) => f.key === key) ??
      fieldOf(fields, key.split('|')[0] ?? '', key.split('|')[1] || undefined);
    const ops = operatorsFor(picked.kind, known);
    const keep = ops.some((o) => o.name === operator);
    const nextOperator = keep ? operator : (ops[0]?.name ?? 'equal');
    const sameKind = picked.kind === field.kind;
    set({
      fact: picked.fact,
      path: picked.path ?? '',
      operator: nextOperator,
      value: keep && sameKind ? value.value : operatorWords(nextOperator).value === 'list' ? [] : '',
    });
  };
  const chooseOperator = (name: string) => {
    const before = operatorWords(operator).value;
    const after = operatorWords(name).value;
    const current = value.value;
    let next: unknown = current;
    if (before !== after) {
      if (after === 'list')
        next = current === '' || current === undefined ? [] : Array.isArray(current) ? current : [current];
      else if (after === 'one' && Array.isArray(current)) next = current[0] ?? '';
      else next = after === 'hours' ? undefined : '';
    }
    set({ operator: name, value: next });
  };

  return (
    <fieldset className="cond-leaf" aria-label={label}>
      <div className="cond-field">
        <Combobox
          ariaLabel={`${label}: field`}
          placeholder="Choose what to test"
          options={fieldOptions}
          value={fact ? field.key : undefined}
          onChange={chooseField}
        />
      </div>
      <select
        aria-label={`${label}: operator`}
        value={operator}
        onChange={(e) => chooseOperator(e.target.value)}
        title={operators.find((o) => o.name === operator)?.description}
      >
        {!operator && <option value="">Choose</option>}
        {choices.map((o) => (
          <option key={o.name} value={o.name} title={operators.find((x) => x.name === o.name)?.description}>
            {o.words}
          </option>
        ))}
      </select>
      <div className="cond-value">
        <ConditionValue
          label={label}
          field={field}
          operator={operatorWords(operator)}
          value={value.value}
          onChange={(v) => set({ value: v })}
        />
      </div>
      <div className="cond-leaf-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => onChange({ not: value })}
          title="Turn this test around: it holds when this does not"
        >
          Not
        </button>
        {onRemove && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={onRemove}
            aria-label={`Remove ${label}`}
          >
            ✕
          </button>
        )}
      </div>
    </fieldset>
  );
}
